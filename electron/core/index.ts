/**
 * The core's entry: builds the services and answers API calls. Every door
 * (Electron IPC, the serve mode, tests) goes through `call`, which validates
 * the input with the shared schema and always returns a result envelope.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { apiCalls, isApiName } from '../../shared/api.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { CoreEvent } from '../../shared/types.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { isAppError } from '../errors.js';
import { prepareDataDir } from '../data-dir.js';
import type { Logger } from '../log.js';
import {
  createDownloadRegistry,
  type DownloadRegistry,
  type OpenedDownload,
} from '../platform/downloads.js';
import { createBrowserFiles, type PlatformFiles, type ProducedFile } from '../platform/files.js';
import { createKeyFileSecretBox, type SecretBox } from '../secrets/index.js';
import type { BackoffOptions } from '../sync/index.js';
import { createHandlers } from './handlers.js';
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
  /** Test-only: the writer thread's module, e.g. an entry with a classifier that fails. */
  writerEntry?: URL;
}

export interface Core {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
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
    writerEntry: options.writerEntry,
  });
  const handlers = createHandlers(services) as Record<string, (input: unknown) => unknown>;
  let closed = false;
  // Mail a scan stored but detection never saw (the process died in between) is classified now,
  // and mail detection failed on is tried again (this version may have fixed the cause).
  void services.writer.ready
    .then(() => (closed ? null : services.writer.classify({ retryFailed: true })))
    .then(
      (report) => {
        if (report?.classified) emit({ type: 'messages.changed', accountId: '*' });
      },
      (err: unknown) => log.error('classification at start failed', err),
    );

  return {
    dataDir: options.dataDir,
    log,
    registerDownload: (file) => downloads.register(file),
    takeDownload: (id) => downloads.take(id),
    async call(name, input) {
      if (!isApiName(name))
        return fail('UNKNOWN_CALL', `There is no API call named ${String(name).slice(0, 80)}.`);
      const parsed = apiCalls[name].input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return fail('INVALID_INPUT', `${issue?.message ?? 'Invalid input'}${where}.`, {
          issues: parsed.error.issues.map((i) => ({
            path: i.path.map(String),
            message: i.message,
          })),
        });
      }
      try {
        return ok(await handlers[name]!(parsed.data));
      } catch (err) {
        if (isAppError(err)) {
          log.warn(`${name} failed: ${err.code} ${err.message}`);
          return { ok: false, error: err.toData() };
        }
        log.error(`${name} failed unexpectedly`, err);
        return fail(
          'INTERNAL',
          'Something went wrong inside Inbox Guard; the details are in the log file.',
        );
      }
    },
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    ready: () => services.writer.ready,
    startBackgroundSync() {
      // The first syncs hand their batches to the writer: start them once it is up.
      void services.writer.ready.then(() => services.sync.startAll());
    },
    async close() {
      closed = true;
      // Live connections first, so no new sync is asked for; then the queue ends running jobs.
      await services.sync.close();
      await services.jobs.close();
      await services.writer.close();
      events.removeAllListeners();
      services.db.close();
    },
  };
}
