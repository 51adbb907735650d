/**
 * Syncs every folder of one account over one lean connection, resuming on
 * its own after a network failure (exponential backoff with jitter) for as
 * long as each attempt makes progress. Errors a person must fix (password,
 * certificate) stop at once.
 */
import type { AccountsService } from '../accounts/service.js';
import { toConnectionError } from '../accounts/connection-errors.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ServerSettings, SyncReport } from '../../shared/types.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { syncFolder } from './folder-sync.js';
import { ImapWire, quoteMailbox } from './imap-wire.js';
import { fetchExcerpts } from './excerpts.js';
import { excerptsIn } from '../mailbox/scanned-batch.js';
import type { SyncReads, SyncWrites } from './service.js';
import type { FolderSyncState } from './sync-state.sql.js';

export interface AccountSyncDeps {
  accounts: AccountsService;
  reads: SyncReads;
  writes: SyncWrites;
  log: Logger;
  timeouts?: ImapTimeouts;
  backoff: BackoffOptions;
  /** Consecutive failed attempts without progress before giving up. */
  maxFailures: number;
  onProgress(done: number, total: number, label: string): void;
  /** A network failure: the sync waits `delayMs`, then tries again. */
  onRetry?(retry: { attempt: number; maxAttempts: number; delayMs: number; error: AppError }): void;
}

/**
 * Off: the learned model reads 4 KB of text (what it is trained on); fed a server PREVIEW (at
 * most 256 characters) it does worse than from the headers alone. On again once a weight set is
 * trained on previews.
 */
const SCAN_PREVIEW = false;
/** Folders of the user's own mail: no excerpt (detection of received mail reads them). */
const OWN_MAIL = new Set(['sent', 'drafts']);
const USER_ERRORS = new Set([
  'AUTH_FAILED',
  'TLS_CERT_UNTRUSTED',
  'TLS_PIN_MISMATCH',
  'PLAIN_NOT_ALLOWED',
  'SECRETS_UNAVAILABLE',
  'NOT_FOUND',
  'INVALID_INPUT',
]);

/** A report of nothing synced yet (or ever, for a sync cancelled before it started). */
export function emptyReport(accountId: string, cancelled: boolean): SyncReport {
  return {
    accountId,
    folders: 0,
    added: 0,
    removed: 0,
    flagsChanged: 0,
    problems: 0,
    durationMs: 0,
    headersMs: 0,
    excerpts: 0,
    cancelled,
  };
}

export async function syncAccount(
  accountId: string,
  deps: AccountSyncDeps,
  signal: AbortSignal,
  only?: (f: FolderSyncState) => boolean,
): Promise<SyncReport> {
  const started = Date.now();
  const report = emptyReport(accountId, false);
  const account = deps.accounts.list().find((a) => a.id === accountId);
  const email = account?.email ?? '';
  // Errors name the server they came from.
  const retryDeps = {
    ...deps,
    server: { host: account?.imap?.host ?? 'the server', port: account?.imap?.port ?? 0 },
  };
  const ownAddresses = new Set([email.toLowerCase()]);

  const { state, locations } = deps.reads;
  let wire: ImapWire | null = null;
  const connect = async () => {
    wire?.destroy();
    const { server, password, pin } = deps.accounts.credentials(accountId);
    wire = await ImapWire.connect(server, password, pin, deps.timeouts, signal);
    if (wire.capabilities.has('QRESYNC')) await wire.command('ENABLE QRESYNC');
    return wire;
  };
  try {
    // Cancelled while listing folders is cancelled too, not a failure.
    // A whole sync counts each folder it reads itself (an unchanged one keeps its unread count;
    // a virtual one it skips, its counts): the server's would make it look each folder over again.
    const counts = only !== undefined;
    await withRetries(retryDeps, signal, () => deps.accounts.refreshFolders(accountId, counts));
    // Sent mail first: the relationship index is complete before received mail is classified.
    const folders = state
      .folders(accountId)
      .filter((f) => f.skipReason === null && (!only || only(f)))
      .sort((a, b) => Number(b.specialUse === 'sent') - Number(a.specialUse === 'sent'));
    const needExcerpts: Array<{ folder: FolderSyncState; fromUid: number }> = [];
    for (const folder of folders) {
      const inSent = folder.specialUse === 'sent';
      const received = !OWN_MAIL.has(folder.specialUse ?? '');
      let preview = false;
      const uidnextBefore = state.get(folder.id)?.uidnext ?? 1;
      let scanExcerpts = 0;
      const result = await withRetries(
        retryDeps,
        signal,
        async () => {
          const w = wire && !wire.closed ? wire : await connect();
          preview = SCAN_PREVIEW && received && w.capabilities.has('PREVIEW');
          return syncFolder(state.get(folder.id)!, {
            wire: w,
            locations,
            state,
            writes: deps.writes,
            accountId,
            signal,
            preview,
            firstPart: received && !preview,
            store: async (batch) => {
              const added = await deps.writes.storeBatch({
                accountId,
                folderId: folder.id,
                sentFolder: inSent,
                ownAddresses: [...ownAddresses],
                batch,
                // Received mail that came without its excerpt waits for it (fetched below).
                classify: !received,
              });
              scanExcerpts += excerptsIn(batch);
              return added;
            },
            onProgress: (done, total) => deps.onProgress(done, total, folder.path),
          });
        },
        () => locations.countInFolder(folder.id),
      );
      report.folders += 1;
      report.added += result.added;
      report.removed += result.removed;
      report.flagsChanged += result.flagsChanged;
      report.problems += result.problems;
      report.excerpts += scanExcerpts;
      // HTML-only bodies and later text parts: what the header FETCH could not bring.
      if (received && !preview && result.added > 0)
        needExcerpts.push({ folder, fromUid: result.rescanned ? 1 : uidnextBefore });
    }
    report.headersMs = Date.now() - started;
    // Without PREVIEW, the mail just stored gets the start of its text and HTML parts.
    for (const { folder, fromUid } of needExcerpts) {
      await withRetries(
        retryDeps,
        signal,
        async () => {
          const w = wire && !wire.closed ? wire : await connect();
          await w.command(`EXAMINE ${quoteMailbox(folder.listedPath)}`);
          await fetchExcerpts({
            wire: w,
            excerpts: deps.reads.excerpts,
            save: (rows) => deps.writes.saveExcerpts(accountId, rows),
            folderId: folder.id,
            fromUid,
            signal,
            onSaved: (count) => (report.excerpts += count),
          });
        },
        () => report.excerpts,
      );
    }
  } catch (err) {
    if (!signal.aborted) throw err;
    report.cancelled = true;
  } finally {
    await (wire as ImapWire | null)?.logout();
  }
  report.durationMs = Date.now() - started;
  report.headersMs ||= report.durationMs;
  return report;
}

/**
 * Runs `work`, retrying after network failures. `progress` tells whether an
 * attempt moved things forward: only attempts that did not count toward giving up.
 */
async function withRetries<T>(
  deps: AccountSyncDeps & { server: Pick<ServerSettings, 'host' | 'port'> },
  signal: AbortSignal,
  work: () => Promise<T>,
  progress: () => number = () => 0,
): Promise<T> {
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    const before = progress();
    try {
      return await work();
    } catch (err) {
      if (signal.aborted) throw signal.reason ?? err;
      // A bug is not a network failure: retrying it would only hide it.
      if (!(err instanceof AppError) && !isNetworkFailure(err)) throw err;
      const appError = err instanceof AppError ? err : toConnectionError(err, deps.server);
      if (USER_ERRORS.has(appError.code)) throw appError;
      failures = progress() > before ? 1 : failures + 1;
      if (failures >= deps.maxFailures) throw appError;
      const delay = backoffDelay(failures - 1, deps.backoff);
      deps.log.warn(`sync: ${appError.code} (${appError.message}); retrying in ${delay} ms`);
      deps.onRetry?.({
        attempt: failures,
        maxAttempts: deps.maxFailures,
        delayMs: delay,
        error: appError,
      });
      await sleep(delay, signal);
    }
  }
}

/** Errors from sockets, TLS and the IMAP server carry a code or an IMAP status; bugs carry neither. */
function isNetworkFailure(err: unknown): boolean {
  const e = err as {
    code?: unknown;
    imapStatus?: unknown;
    authenticationFailed?: unknown;
    tlsFailed?: unknown;
  };
  return (
    typeof e?.code === 'string' ||
    typeof e?.imapStatus === 'string' ||
    Boolean(e?.authenticationFailed || e?.tlsFailed)
  );
}
