/** The sync slice of the API: sync now, cancel, status, live updates on or off. */
import type { Handlers } from '../../shared/api/define.js';
import type { syncCalls } from '../../shared/api/sync.js';
import type { SyncService } from './service.js';

export function syncHandlers(sync: SyncService): Handlers<typeof syncCalls> {
  return {
    'sync.run': ({ accountId }) => sync.run(accountId),
    'sync.cancel': ({ accountId }) => sync.cancel(accountId),
    'sync.status': () => sync.statuses(),
    'sync.live': ({ accountId, enabled }) => sync.setLive(accountId, enabled),
  };
}
