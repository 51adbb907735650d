export { createSyncService, type SyncReads, type SyncService, type SyncWrites } from './service.js';
export { createSyncStateStore, type SyncStateStore } from './sync-state.sql.js';
export type { BackoffOptions } from './backoff.js';
