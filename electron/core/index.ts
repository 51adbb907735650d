/**
 * The core's entry: builds the services and answers API calls. Every door
 * (Electron IPC, the serve mode, tests) goes through `call` (typed, for code
 * that names its call) or `callUnchecked` (for names that arrive over a
 * transport); both validate the input with the shared schema and always
 * return a result envelope.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { InboxGuardApi } from '../../shared/api/index.js';
import type { Result } from '../../shared/result.js';
import type { CoreEvent } from '../../shared/types.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { prepareDataDir } from '../data-dir.js';
import { followNewMail, type RuleScheduler } from '../rules/index.js';
import { errorDataOf } from '../errors.js';
import type { Logger } from '../log.js';
import {
  createDownloadRegistry,
  type DownloadRegistry,
  type OpenedDownload,
} from '../platform/downloads.js';
import { createBrowserFiles, type PlatformFiles, type ProducedFile } from '../platform/files.js';
import { createKeyFileSecretBox, type SecretBox } from '../secrets/index.js';
import type { TxtResolver } from '../evidence/index.js';
import type { FetchLimits } from '../sources/index.js';
import type { BackoffOptions } from '../sync/index.js';
import { createDispatcher } from './dispatch.js';
import { createHandlers, rulesServiceOf } from './handlers.js';
import type { ObjectionsTestOptions } from '../objections/index.js';
import type { SessionOptions } from '../mail-actions/index.js';
import { createServices, EXPORTS_DIR } from './services.js';

export interface CoreOptions {
  dataDir: string;
  /** Defaults to the 0600 key file in the data folder. */
  secrets?: SecretBox;
  log?: Logger;
  /** Defaults to the browser's (serve mode, tests): files leave as downloads. */
  files?: PlatformFiles;
  imapTimeouts?: ImapTimeouts;
  syncBackoff?: BackoffOptions;
  /** How much one UID FETCH of sources asks for (tests: small groups). */
  sourceFetchLimits?: FetchLimits;
  /** Test-only: the writer thread's module, e.g. an entry with a classifier that fails. */
  writerEntry?: URL;
  /** DNS for DKIM keys (tests: a resolver they control). */
  dkimResolver?: TxtResolver;
  /** Verify pending evidence's DKIM after each sync (on in the app and serve mode). */
  authenticateAfterSync?: boolean;
  /** Test-only: loopback peers for objections (SSRF guard's loopback, DKIM resolver...). */
  objections?: ObjectionsTestOptions;
  /** Messages per server command of a rule run (`run-rules --batch`); rules/run.ts's default. */
  rulesBatchSize?: number;
  /** Test-only: a hook between the journal's intent and the server, for the triage's moves. */
  mailSessionOptions?: SessionOptions;
}

/** The same `call` and `onEvent` the UI sees, plus what the doors and the app's entry need. */
export interface Core extends InboxGuardApi {
  /** For the doors, which receive any name: an unknown one answers UNKNOWN_CALL. */
  callUnchecked(name: string, input: unknown): Promise<Result<unknown>>;
  readonly dataDir: string;
  readonly log: Logger;
  /** Offers a file for one download through serve mode's route; returns its id. */
  registerDownload(file: ProducedFile): string;
  /** The file behind a download id, once; null when the id is unknown or expired. */
  takeDownload(id: string): Promise<OpenedDownload | null>;
  /** Resolves once the background threads are up (the store's writer), so the first work starts at full pace. */
  ready(): Promise<void>;
  /** Live updates on and a first sync for every IMAP account (the desktop app and serve mode). */
  startBackgroundSync(): void;
  /** Stops syncs and live connections, then closes the database. */
  close(): Promise<void>;
}

/** Throws DB_FROM_FUTURE, the data folder untouched, when a newer version of the app wrote it. */
export function createCore(options: CoreOptions): Core {
  const log = prepareDataDir(options.dataDir, options.log);
  const events = new EventEmitter();
  const emit = (event: CoreEvent) => events.emit('event', event);
  const downloads: DownloadRegistry = createDownloadRegistry(
    path.join(options.dataDir, EXPORTS_DIR),
  );
  const services = createServices({
    dataDir: options.dataDir,
    secrets: options.secrets ?? createKeyFileSecretBox(options.dataDir),
    log,
    files: options.files ?? createBrowserFiles(downloads),
    emit,
    imapTimeouts: options.imapTimeouts,
    syncBackoff: options.syncBackoff,
    sourceFetchLimits: options.sourceFetchLimits,
    writerEntry: options.writerEntry,
    dkimResolver: options.dkimResolver,
    authenticateAfterSync: options.authenticateAfterSync,
    objections: options.objections,
    rulesBatchSize: options.rulesBatchSize,
    mailSessionOptions: options.mailSessionOptions,
  });
  const { call, callUnchecked } = createDispatcher(createHandlers(services), log);
  let closed = false;
  // With live updates on (the app, serve mode), new mail goes through the rules once classified.
  let followingNewMail = false;
  let scheduledRules: RuleScheduler | undefined;
  const rulesOnNewMail = followNewMail(
    async (accountId) => {
      const result = await call('rules.run', { accountId });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    },
    (accountId, err) => log.warn(`rules on new mail of ${accountId} failed`, err),
  );
  events.on('event', (event: CoreEvent) => {
    if (
      followingNewMail &&
      !closed &&
      event.type === 'messages.changed' &&
      event.accountId !== '*' &&
      !event.byAction
    )
      rulesOnNewMail(event.accountId);
  });
  // Mail a scan stored but detection never saw (the process died in between) is classified now,
  // and mail detection failed on is tried again (this version may have fixed the cause).
  void services.writer.ready
    .then(() => (closed ? null : services.writer.classify({ retryFailed: true })))
    .then(
      (report) => {
        if (report?.classified) emit({ type: 'messages.changed', accountId: '*' });
      },
      (err: unknown) => {
        log.error('classification at start failed', err);
        const error = errorDataOf(err, 'Detection at start failed; the log has the details.');
        emit({ type: 'error', task: 'detection', accountId: null, ...error });
      },
    );

  return {
    dataDir: options.dataDir,
    log,
    registerDownload: (file) => downloads.register(file),
    takeDownload: (id) => downloads.take(id),
    call,
    callUnchecked,
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    ready: () => services.writer.ready,
    startBackgroundSync() {
      followingNewMail = true;
      // Rules with a schedule run as account jobs, like the syncs, from now until close.
      scheduledRules = rulesServiceOf(services).scheduler;
      scheduledRules.start();
      // The first syncs hand their batches to the writer: start them once it is up.
      void services.writer.ready.then(() => services.sync.startAll());
    },
    async close() {
      closed = true;
      scheduledRules?.stop();
      // Live connections first, so no new sync is asked for; then the queue ends running jobs.
      await services.sync.close();
      await services.jobs.close();
      await services.writer.close();
      events.removeAllListeners();
      services.db.close();
    },
  };
}
