import type { Database } from '../store/db.js';
import { createSourcesStore } from './sources.sql.js';

export { createSyncService, type SyncReads, type SyncService, type SyncWrites } from './service.js';
export { createSyncStateStore, type SyncStateStore } from './sync-state.sql.js';
export { createSourcesStore, type SourcesStore } from './sources.sql.js';
export type { BackoffOptions } from './backoff.js';

/**
 * @deprecated Kept for core/handlers.ts (moving to the capabilities' own handler files): a
 * handler reads a kept source with `SyncService.storedSource(id)`, without the database.
 */
export function readStoredSource(db: Database, messageId: number): Buffer | null {
  return createSourcesStore(db).raw(messageId);
}
