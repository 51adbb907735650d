/**
 * What the UI knows of each IMAP account's sync: its status (kept current by
 * the core's `sync.state` events), the folder scan in progress, and the
 * actions on it. One provider for the whole window, so the sidebar, the
 * message list and the settings page agree.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { InboxGuardApi } from '../../../shared/api/index.js';
import type { Result } from '../../../shared/result.js';
import type { CoreEvent, SyncStatus } from '../../../shared/types.js';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents, useQuery } from '../api/hooks.js';

export type SyncProgress = Extract<CoreEvent, { type: 'progress' }>;

export interface SyncContextValue {
  status(accountId: string): SyncStatus;
  /** The folder scan under way for an account, if any. */
  progress(accountId: string): SyncProgress | null;
  /** True when the account's last sync was cancelled (until the next one starts). */
  wasCancelled(accountId: string): boolean;
  run(accountId: string): void;
  cancel(accountId: string): void;
  setLive(accountId: string, enabled: boolean): Promise<Result<SyncStatus>>;
  /** A new account: sync it once, and keep it live from then on. */
  startNewAccount(accountId: string): void;
}

const SyncContext = createContext<SyncContextValue | null>(null);

export function offlineStatus(accountId: string): SyncStatus {
  return {
    accountId,
    connection: 'offline',
    live: false,
    syncing: false,
    detecting: false,
    retry: null,
    lastSyncAt: null,
    lastError: null,
  };
}

export function SyncProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  // The first answer; every change after it comes as an event.
  const initial = useQuery('sync.status', {}, (e) => e.type === 'accounts.changed');
  const [fromEvents, setFromEvents] = useState<Record<string, SyncStatus>>({});
  const [scans, setScans] = useState<Record<string, SyncProgress>>({});
  const [cancelled, setCancelled] = useState<Record<string, boolean>>({});

  useCoreEvents((event) => {
    if (event.type === 'sync.state') {
      const { status } = event;
      setFromEvents((current) => ({ ...current, [status.accountId]: status }));
      if (!status.syncing) setScans((current) => without(current, status.accountId));
      else setCancelled((current) => without(current, status.accountId));
    } else if (event.type === 'progress' && event.task === 'sync' && event.accountId) {
      const accountId = event.accountId;
      const finished = event.total !== null && event.done >= event.total;
      setScans((current) =>
        finished ? without(current, accountId) : { ...current, [accountId]: event },
      );
    }
  });

  const loaded = initial.data;
  const run = useCallback(
    (accountId: string) => {
      const sync = api.call('sync.run', { accountId });
      void sync.then((result) => {
        if (result.ok && result.value.cancelled)
          setCancelled((current) => ({ ...current, [accountId]: true }));
      });
      return sync;
    },
    [api],
  );

  const value = useMemo<SyncContextValue>(
    () => ({
      status: (accountId) =>
        fromEvents[accountId] ??
        loaded?.find((s) => s.accountId === accountId) ??
        offlineStatus(accountId),
      progress: (accountId) => scans[accountId] ?? null,
      wasCancelled: (accountId) => cancelled[accountId] === true,
      run: (accountId) => void run(accountId),
      cancel: (accountId) => void api.call('sync.cancel', { accountId }),
      setLive: (accountId, enabled) => api.call('sync.live', { accountId, enabled }),
      startNewAccount: (accountId) => void syncThenGoLive(api, accountId, run),
    }),
    [api, fromEvents, loaded, scans, cancelled, run],
  );

  return <SyncContext value={value}>{children}</SyncContext>;
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync() must be used inside <SyncProvider>.');
  return value;
}

/**
 * The full sync is asked for first, and live updates only once the core says
 * it runs: the live connection's own catch-up syncs the Inbox alone, and a
 * full sync asked for while that runs would join it instead of running.
 */
async function syncThenGoLive(
  api: InboxGuardApi,
  accountId: string,
  run: (accountId: string) => Promise<unknown>,
): Promise<void> {
  let stopListening = () => {};
  const started = new Promise<void>((resolve) => {
    stopListening = api.onEvent((event) => {
      if (
        event.type === 'sync.state' &&
        event.status.accountId === accountId &&
        event.status.syncing
      )
        resolve();
    });
  });
  const sync = run(accountId);
  await Promise.race([started, sync]);
  stopListening();
  await api.call('sync.live', { accountId, enabled: true });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
