/** A message's original source, byte for byte: fetched once, kept with its SHA-256, exported. */
import type { FileDelivery, MessageSourceInfo } from '../types.js';
import { call } from './define.js';
import { messageRef } from './schemas.js';

export const sourcesCalls = {
  /** Fetches (once) and stores the complete source of a message, byte for byte, with its SHA-256. */
  'messages.source': call<MessageSourceInfo>()(messageRef),
  /** The message's stored source, byte for byte, as `<date>-<sender>.eml`: saved, or downloaded. */
  'messages.exportSource': call<FileDelivery>()(messageRef),
} as const;
