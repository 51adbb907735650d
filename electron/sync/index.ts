export { createSyncService, type SyncService } from './service.js';
export { readStoredSource } from './source.js';
export type { BackoffOptions } from './backoff.js';
