/**
 * The sync capability as the core sees it: one sync per account at a time
 * (a second request joins the running one), cancellable, reporting progress,
 * plus the live (IDLE) watcher per account and its connection state.
 */
import type { AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { MailboxRepo } from '../mailbox/repo.js';
import type { Database } from '../store/db.js';
import type { CoreEvent, SyncReport, SyncStatus } from '../../shared/types.js';
import { syncAccount } from './account-sync.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { startLive, type LiveHandle } from './live.js';
import { fetchMessageSource } from './source.js';
import type { ScannedBatch } from '../writer/scanned-batch.js';
import { createSyncStateRepo, type FolderSyncState } from './state.js';

export interface StoreBatchRequest {
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: ScannedBatch;
}

export interface SyncServiceOptions {
  db: Database;
  /** Stores fetched messages; the core hands this to its writer thread. */
  storeBatch(req: StoreBatchRequest): Promise<number>;
  accounts: AccountsService;
  mailbox: MailboxRepo;
  log: Logger;
  emit(event: CoreEvent): void;
  timeouts?: ImapTimeouts;
  backoff?: BackoffOptions;
  maxFailures?: number;
  /**
   * Runs after every sync, whatever it added: detection classifies whatever has no verdict
   * (the new mail, and any a crash left unclassified). Resolves with how many it classified.
   */
  afterSync?: (accountId: string) => Promise<number>;
}

interface Running {
  promise: Promise<SyncReport>;
  controller: AbortController;
  /** An Inbox-only run (from live updates), as opposed to a whole-account sync. */
  partial: boolean;
}

/** Accounts whose user turned live updates off; every other IMAP account is live by default. */
const LIVE_OFF_KEY = 'sync.liveOff';

export function createSyncService(o: SyncServiceOptions) {
  const state = createSyncStateRepo(o.db);
  const running = new Map<string, Running>();
  const live = new Map<string, LiveHandle>();
  const statuses = new Map<string, SyncStatus>();
  const backoff = o.backoff ?? DEFAULT_BACKOFF;

  const status = (accountId: string): SyncStatus =>
    statuses.get(accountId) ?? {
      accountId,
      connection: 'offline',
      live: false,
      syncing: false,
      lastSyncAt: null,
      lastError: null,
    };
  const setStatus = (accountId: string, patch: Partial<SyncStatus>) => {
    const next = { ...status(accountId), ...patch };
    statuses.set(accountId, next);
    o.emit({ type: 'sync.state', status: next });
    return next;
  };

  /** Detection follows every sync; the sync's report does not wait for it. */
  function classifyAfterSync(accountId: string, added: boolean): void {
    if (!o.afterSync) return;
    void o.afterSync(accountId).then(
      (classified) => {
        if (added || classified)
          o.emit({ type: 'messages.changed', accountId: classified && !added ? '*' : accountId });
      },
      (err: unknown) => o.log.error('classification after sync failed', err),
    );
  }

  function run(accountId: string, only?: (f: FolderSyncState) => boolean): Promise<SyncReport> {
    const current = running.get(accountId);
    // A whole-account request waits for an Inbox-only run, then syncs everything.
    if (current && current.partial && !only)
      return current.promise.catch(() => undefined).then(() => run(accountId));
    if (current) return current.promise;
    const account = o.accounts.list().find((a) => a.id === accountId);
    if (!account)
      return Promise.reject(new AppError('NOT_FOUND', 'This account no longer exists.'));
    if (account.kind !== 'imap')
      return Promise.reject(new AppError('INVALID_INPUT', 'Local sources have nothing to sync.'));
    const controller = new AbortController();
    setStatus(accountId, { syncing: true });
    let lastEmit = 0;
    let started = 0;
    let startedLabel = '';
    const promise = syncAccount(
      accountId,
      {
        db: o.db,
        accounts: o.accounts,
        mailbox: o.mailbox,
        state,
        log: o.log,
        timeouts: o.timeouts,
        backoff,
        maxFailures: o.maxFailures ?? 8,
        storeBatch: o.storeBatch,
        onProgress: (done, total, label) => {
          const now = Date.now();
          // At most ~4 events a second, but always the first stored batch and the end.
          const first = done > 0 && lastEmit === 0;
          if (!first && done !== total && done !== 0 && now - lastEmit < 250) return;
          lastEmit = done > 0 ? now : lastEmit;
          if (done === 0 || label !== startedLabel) {
            started = now;
            startedLabel = label;
          }
          const seconds = (now - started) / 1000;
          const rate = done > 0 && seconds > 0 ? Math.round(done / seconds) : undefined;
          o.emit({
            type: 'progress',
            task: 'sync',
            accountId,
            done,
            total,
            label,
            ...(rate ? { rate } : {}),
          });
        },
      },
      controller.signal,
      only,
    )
      .then((report) => {
        // Only a whole, finished sync counts as "synced at".
        const complete = !only && !report.cancelled;
        setStatus(accountId, {
          syncing: false,
          ...(complete ? { lastSyncAt: new Date().toISOString(), lastError: null } : {}),
        });
        if (report.added || report.removed || report.flagsChanged)
          o.emit({ type: 'messages.changed', accountId });
        classifyAfterSync(accountId, report.added > 0);
        o.log.info(
          `sync ${accountId}: +${report.added} -${report.removed} ~${report.flagsChanged} in ${report.durationMs} ms${report.cancelled ? ' (cancelled)' : ''}`,
        );
        return report;
      })
      .catch((err: unknown) => {
        const e = err instanceof AppError ? err : new AppError('INTERNAL', (err as Error).message);
        setStatus(accountId, { syncing: false, lastError: { code: e.code, message: e.message } });
        // What the sync stored before it failed still gets its verdicts.
        classifyAfterSync(accountId, false);
        throw err;
      })
      .finally(() => running.delete(accountId));
    running.set(accountId, { promise, controller, partial: Boolean(only) });
    return promise;
  }

  /** New mail announced by IDLE: sync the Inbox only, soon. Requests during a sync coalesce. */
  const pendingInbox = new Set<string>();
  function syncInboxSoon(accountId: string) {
    if (pendingInbox.has(accountId)) return;
    pendingInbox.add(accountId);
    setTimeout(async () => {
      const busy = running.get(accountId);
      if (busy) await busy.promise.catch(() => undefined);
      pendingInbox.delete(accountId);
      run(accountId, (f) => f.specialUse === 'inbox').catch((err: unknown) =>
        o.log.warn(`live sync failed: ${(err as Error).message}`),
      );
    }, 50);
  }

  async function applyLive(accountId: string, enabled: boolean): Promise<SyncStatus> {
    const existing = live.get(accountId);
    if (!enabled) {
      live.delete(accountId);
      await existing?.stop();
      return setStatus(accountId, { live: false, connection: 'offline' });
    }
    if (!existing) {
      o.accounts.credentials(accountId); // fails now, clearly, if the account cannot connect at all
      live.set(
        accountId,
        startLive(accountId, {
          accounts: o.accounts,
          log: o.log,
          backoff,
          onState: (connection, lastError) =>
            setStatus(accountId, {
              connection,
              ...(lastError ? { lastError } : connection === 'online' ? { lastError: null } : {}),
            }),
          onNewMail: () => syncInboxSoon(accountId),
        }),
      );
    }
    return setStatus(accountId, { live: true });
  }

  function liveOff(): string[] {
    const row = o.db.prepare(`SELECT value FROM settings WHERE key = ?`).get(LIVE_OFF_KEY) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  function saveLiveOff(ids: string[]) {
    o.db
      .prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(LIVE_OFF_KEY, JSON.stringify(ids));
  }

  return {
    run: (accountId: string) => run(accountId),

    cancel(accountId: string): { cancelled: boolean } {
      const current = running.get(accountId);
      current?.controller.abort(Object.assign(new Error('Sync cancelled'), { name: 'AbortError' }));
      return { cancelled: Boolean(current) };
    },

    statuses(): SyncStatus[] {
      return o.accounts
        .list()
        .filter((a) => a.kind === 'imap')
        .map((a) => status(a.id));
    },

    /** The user's choice, remembered: live updates on or off for this account. */
    async setLive(accountId: string, enabled: boolean): Promise<SyncStatus> {
      const off = new Set(liveOff());
      if (enabled) off.delete(accountId);
      else off.add(accountId);
      saveLiveOff([...off]);
      return applyLive(accountId, enabled);
    },

    /** At start: live updates for every account the user did not turn off, and a first sync. */
    startAll(): void {
      const off = new Set(liveOff());
      for (const account of o.accounts.list().filter((a) => a.kind === 'imap')) {
        if (!off.has(account.id))
          applyLive(account.id, true).catch((err: unknown) =>
            o.log.warn(`live updates for ${account.id}: ${(err as Error).message}`),
          );
        run(account.id).catch((err: unknown) =>
          o.log.warn(`sync of ${account.id}: ${(err as Error).message}`),
        );
      }
    },

    /** Stops live updates without changing the user's choice (the account is going away). */
    stopLive: (accountId: string) => applyLive(accountId, false),

    source: (messageId: number) => fetchMessageSource(o.db, o.accounts, messageId, o.timeouts),

    state,

    async close(): Promise<void> {
      for (const r of running.values()) r.controller.abort(new Error('closing'));
      await Promise.allSettled([...running.values()].map((r) => r.promise));
      await Promise.allSettled([...live.values()].map((l) => l.stop()));
      live.clear();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
