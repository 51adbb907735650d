/**
 * The sync capability as the core sees it: syncs run as jobs of the account's
 * queue (a second request joins the one queued or running), cancellable,
 * reporting progress, plus the live (IDLE) watcher per account and its
 * connection state.
 */
import type { AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { AppError, errorDataOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { ExcerptRow, ExcerptsReader } from '../mailbox/excerpts.sql.js';
import type { FlagChange, LocationsReader } from '../mailbox/locations.sql.js';
import type { SettingsTable } from '../settings/settings.sql.js';
import type { CoreEvent, SyncReport, SyncStatus } from '../../shared/types.js';
import { emptyReport, syncAccount, type AccountSyncDeps } from './account-sync.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { startLive, type LiveHandle } from './live.js';
import {
  isCancelledBeforeStart,
  type JobContext,
  type JobHandle,
  type JobQueue,
} from '../jobs/index.js';
import type { ScannedBatch } from '../mailbox/scanned-batch.js';
import type { FolderSyncState, SyncStateStore } from './sync-state.sql.js';

export interface StoreBatchRequest {
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: ScannedBatch;
  /**
   * Detection classifies every new message right away, so verdicts arrive while the scan goes
   * on; otherwise only those whose excerpt came with them, the others once it is fetched.
   */
  classify: boolean;
}

/** What sync reads in the store, on the main thread's connection (and its own small writes). */
export interface SyncReads {
  /**
   * Per-folder sync state, and the messages a scan could not store (a reset empties the
   * folder's places: it is one of the writes).
   */
  state: Omit<SyncStateStore, 'reset'>;
  locations: LocationsReader;
  excerpts: ExcerptsReader;
  /** Where the user's live-updates choice is kept (its own key of the settings table). */
  settings: SettingsTable;
}

/**
 * What sync writes into the bulk tables (messages, their places and header blocks, excerpts):
 * the core hands these to its writer thread. Each resolves once committed.
 */
export interface SyncWrites {
  /** Stores fetched messages; resolves with how many were new. */
  storeBatch(req: StoreBatchRequest): Promise<number>;
  removeUids(folderId: number, uids: number[]): Promise<number>;
  updateFlags(folderId: number, changes: FlagChange[]): Promise<number>;
  /** A new UIDVALIDITY: the folder's places and problems are dropped and its scan starts over. */
  resetFolder(folderId: number, uidvalidity: number): Promise<void>;
  /** Excerpts fetched after the scan; detection classifies their messages (again) at once. */
  saveExcerpts(accountId: string, rows: ExcerptRow[]): Promise<void>;
}

export interface SyncServiceOptions {
  reads: SyncReads;
  writes: SyncWrites;
  accounts: AccountsService;
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
  /** Syncs run as jobs of the account's queue: never beside a rule run or a move. */
  jobs: JobQueue;
}

/** Accounts whose user turned live updates off; every other IMAP account is live by default. */
const LIVE_OFF_KEY = 'sync.liveOff';

export function createSyncService(o: SyncServiceOptions) {
  const live = new Map<string, LiveHandle>();
  const statuses = new Map<string, SyncStatus>();
  const backoff = o.backoff ?? DEFAULT_BACKOFF;

  const status = (accountId: string): SyncStatus =>
    statuses.get(accountId) ?? {
      accountId,
      connection: 'offline',
      live: false,
      syncing: false,
      detecting: false,
      lastSyncAt: null,
      lastError: null,
      retry: null,
    };
  const setStatus = (accountId: string, patch: Partial<SyncStatus>) => {
    const next = { ...status(accountId), ...patch };
    statuses.set(accountId, next);
    o.emit({ type: 'sync.state', status: next });
    return next;
  };

  const SYNC_KINDS = ['sync', 'sync.inbox'] as const;

  /**
   * A whole-account request joins a whole sync already queued or running; an Inbox-only
   * request (live updates) joins any sync still queued, which will see the new mail.
   */
  function run(accountId: string, only?: (f: FolderSyncState) => boolean): Promise<SyncReport> {
    const account = o.accounts.list().find((a) => a.id === accountId);
    if (!account)
      return Promise.reject(new AppError('NOT_FOUND', 'This account no longer exists.'));
    if (account.kind !== 'imap')
      return Promise.reject(new AppError('INVALID_INPUT', 'Local sources have nothing to sync.'));
    let job: JobHandle<SyncReport>;
    try {
      job = o.jobs.run(
        accountId,
        only ? 'sync.inbox' : 'sync',
        (ctx) => syncNow(accountId, ctx, only),
        {
          join: only
            ? { kinds: SYNC_KINDS, states: ['queued'] }
            : { kinds: ['sync'], states: ['queued', 'running'] },
        },
      );
    } catch (err) {
      return Promise.reject(err as Error); // the queue is closing
    }
    // Cancelled while it waited in the queue: nothing was synced.
    return job.done.catch((err: unknown) => {
      if (isCancelledBeforeStart(err)) return emptyReport(accountId, true);
      throw err;
    });
  }

  function syncNow(
    accountId: string,
    ctx: JobContext,
    only?: (f: FolderSyncState) => boolean,
  ): Promise<SyncReport> {
    setStatus(accountId, { syncing: true, retry: null });
    const reportProgress = progressReporter(accountId, ctx);
    const onProgress = (done: number, total: number, label: string) => {
      // Reading again: the wait after a lost connection is over.
      if (status(accountId).retry) setStatus(accountId, { retry: null });
      reportProgress(done, total, label);
    };
    const onRetry: AccountSyncDeps['onRetry'] = (r) =>
      setStatus(accountId, {
        retry: {
          attempt: r.attempt,
          maxAttempts: r.maxAttempts,
          at: new Date(Date.now() + r.delayMs).toISOString(),
          error: errorDataOf(r.error, r.error.message),
        },
      });
    return syncAccount(
      accountId,
      {
        accounts: o.accounts,
        reads: o.reads,
        writes: o.writes,
        log: o.log,
        timeouts: o.timeouts,
        backoff,
        maxFailures: o.maxFailures ?? 8,
        onProgress,
        onRetry,
      },
      ctx.signal,
      only,
    )
      .then((report) => afterReport(accountId, report, Boolean(only)))
      .catch((err: unknown) => {
        const error = errorDataOf(err, (err as Error).message);
        // What the sync stored before it failed still gets its verdicts (detecting first: the
        // status never says "idle" between the sync and its detection).
        classifyAfterSync(accountId, false);
        setStatus(accountId, { syncing: false, retry: null, lastError: error });
        // Nobody may be waiting on this sync (at start, live updates, "sync now" in the UI).
        o.emit({ type: 'error', task: 'sync', accountId, ...error });
        throw err;
      });
  }

  /** How many detection passes are running per account (a sync may end while one still runs). */
  const detecting = new Map<string, number>();
  const countDetection = (accountId: string, delta: 1 | -1) => {
    const n = (detecting.get(accountId) ?? 0) + delta;
    if (n > 0) detecting.set(accountId, n);
    else detecting.delete(accountId);
    if (n === 0 || (n === 1 && delta === 1)) setStatus(accountId, { detecting: n > 0 });
  };

  /** Detection follows every sync; the sync's report does not wait for it. */
  function classifyAfterSync(accountId: string, added: boolean): void {
    if (!o.afterSync) return;
    countDetection(accountId, 1);
    void o
      .afterSync(accountId)
      .finally(() => countDetection(accountId, -1))
      .then(
        (classified) => {
          if (added || classified)
            o.emit({ type: 'messages.changed', accountId: classified && !added ? '*' : accountId });
        },
        (err: unknown) => {
          o.log.error('classification after sync failed', err);
          const error = errorDataOf(
            err,
            'Detection after the sync failed; the log has the details.',
          );
          o.emit({ type: 'error', task: 'detection', accountId, ...error });
        },
      );
  }

  /** At most ~4 events a second, but always the first stored batch and the end. */
  function progressReporter(accountId: string, ctx: JobContext) {
    let lastEmit = 0;
    let started = 0;
    let startedLabel = '';
    return (done: number, total: number, label: string) => {
      const now = Date.now();
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
      ctx.progress(done, total, label);
    };
  }

  function afterReport(accountId: string, report: SyncReport, partial: boolean): SyncReport {
    // Only a whole, finished sync counts as "synced at".
    const complete = !partial && !report.cancelled;
    // Detecting turns on before syncing turns off: a first-run screen waiting for both to end
    // must not see a moment where neither runs.
    classifyAfterSync(accountId, report.added > 0);
    setStatus(accountId, {
      syncing: false,
      retry: null,
      ...(complete ? { lastSyncAt: new Date().toISOString(), lastError: null } : {}),
    });
    if (report.added || report.removed || report.flagsChanged)
      o.emit({ type: 'messages.changed', accountId });
    o.log.info(
      `sync ${accountId}: +${report.added} -${report.removed} ~${report.flagsChanged} in ${report.durationMs} ms${report.cancelled ? ' (cancelled)' : ''}`,
    );
    return report;
  }

  /** New mail announced by IDLE: sync the Inbox; requests while a sync waits join it. */
  function syncInboxSoon(accountId: string) {
    run(accountId, (f) => f.specialUse === 'inbox').catch((err: unknown) =>
      o.log.warn(`live sync failed: ${(err as Error).message}`),
    );
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
          onLost: (error) => o.emit({ type: 'error', task: 'live', accountId, ...error }),
          onNewMail: () => syncInboxSoon(accountId),
        }),
      );
    }
    return setStatus(accountId, { live: true });
  }

  function liveOff(): string[] {
    return (o.reads.settings.value(LIVE_OFF_KEY) as string[] | undefined) ?? [];
  }

  return {
    run: (accountId: string) => run(accountId),

    cancel(accountId: string): { cancelled: boolean } {
      return { cancelled: o.jobs.cancelAccount(accountId, SYNC_KINDS) > 0 };
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
      o.reads.settings.save([[LIVE_OFF_KEY, [...off]]]);
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

    /** Stops the live connections; the core closes the job queue, which ends running syncs. */
    async close(): Promise<void> {
      await Promise.allSettled([...live.values()].map((l) => l.stop()));
      live.clear();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
