/** What the store holds of a mailbox: its folders and its messages. */
import { z } from 'zod';
import { VERDICTS } from '../types.js';
import type { Folder, MessageDetail, MessageSummary } from '../types.js';
import { call } from './define.js';
import { accountId, messageRef } from './schemas.js';

export const mailboxCalls = {
  /** The folders as last seen; `refresh` asks the server again. */
  'folders.list': call<Folder[]>()(
    z.object({ accountId, refresh: z.boolean().optional() }).strict(),
  ),
  'messages.list': call<{ total: number; items: MessageSummary[] }>()(
    z
      .object({
        accountId,
        folderId: z.number().int().positive().optional(),
        search: z.string().max(200).optional(),
        verdict: z.enum(VERDICTS).optional(),
        unsolicited: z.boolean().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'messages.get': call<MessageDetail>()(messageRef),
} as const;
