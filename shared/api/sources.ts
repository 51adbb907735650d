/** A message's original source, byte for byte: fetched once, kept with its SHA-256, exported. */
import { z } from 'zod';
import type { FileDelivery, MessageSourceInfo, SourceFetchOutcome } from '../types.js';
import { call } from './define.js';
import { messageRef } from './schemas.js';

/** The most messages one batch fetch names (evidence asks for a case's worth at a time). */
export const MAX_SOURCE_BATCH = 5000;

export const sourcesCalls = {
  /** Fetches (once) and stores the complete source of a message, byte for byte, with its SHA-256. */
  'messages.source': call<MessageSourceInfo>()(messageRef),
  /**
   * The same for many messages: one connection per account, one EXAMINE per folder. Each
   * message gets its kept source, or why there is none; the batch fails only on a connection
   * failure.
   */
  'messages.fetchSources': call<SourceFetchOutcome[]>()(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(MAX_SOURCE_BATCH) }).strict(),
  ),
  /** The message's stored source, byte for byte, as `<date>-<sender>.eml`: saved, or downloaded. */
  'messages.exportSource': call<FileDelivery>()(messageRef),
} as const;
