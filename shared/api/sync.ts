/** Sync: reading the accounts' servers into the store, on demand and live (IDLE). */
import { z } from 'zod';
import type { SyncReport, SyncStatus } from '../types.js';
import { call } from './define.js';
import { accountId, empty } from './schemas.js';

export const syncCalls = {
  /** Syncs every folder of an account; resolves when done. Joins a sync already running. */
  'sync.run': call<SyncReport>()(z.object({ accountId }).strict()),
  'sync.cancel': call<{ cancelled: boolean }>()(z.object({ accountId }).strict()),
  'sync.status': call<SyncStatus[]>()(empty),
  /** Turns live updates (IDLE on the Inbox) on or off for an account. */
  'sync.live': call<SyncStatus>()(z.object({ accountId, enabled: z.boolean() }).strict()),
} as const;
