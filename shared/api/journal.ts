/** The journal of actions done on servers, and undo on it. */
import { z } from 'zod';
import type { JournalEntryInfo } from '../types.js';
import { call } from './define.js';
import { accountId } from './schemas.js';

export const journalCalls = {
  /** Actions done on servers, newest first, each with a sentence and whether it can be undone. */
  'journal.list': call<JournalEntryInfo[]>()(
    z
      .object({
        accountId: accountId.optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  /** Reverses a done action as a new journaled one; answers with that new entry. */
  'journal.undo': call<JournalEntryInfo>()(z.object({ id: z.number().int().positive() }).strict()),
} as const;
