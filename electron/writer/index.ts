/**
 * The main thread's handle on the writer thread. Sync hands it batches of
 * fetched messages; every detection pass runs there (after syncs, imports,
 * at start, corrections, identity changes), the main thread only asking and
 * awaiting the answer. Core events raised on the thread (progress, errors)
 * come back through `onEvent`.
 */
import { inspect } from 'node:util';
import { AppError } from '../errors.js';
import { entryBeside, spawnWorker } from './spawn.js';
import type { CoreEvent } from '../../shared/types.js';
import type { CorrectionRequest, DetectionReport } from '../verdicts/index.js';
import type { ExcerptRow } from '../mailbox/excerpts.sql.js';
import type { FlagChange, Place } from '../mailbox/locations.sql.js';
import type {
  ImportBatchInput,
  InsertInput,
  WriterCallName,
  WriterCalls,
  WriterFailure,
  WriterReply,
  WriterRequest,
} from './protocol.js';

export type { ImportBatchInput, InsertInput } from './protocol.js';

export interface StoreWriter {
  /** Stores one batch in one transaction; resolves with how many messages were new. */
  insert(req: InsertInput): Promise<number>;
  /** Stores a local import's batch in one transaction; resolves with how many messages were new. */
  importBatch(req: ImportBatchInput): Promise<number>;
  /** The import into this account ended: passes classify its mail again. */
  importEnded(accountId: string): Promise<void>;
  /** The account and everything stored for it go; false when it did not exist. */
  removeAccount(accountId: string): Promise<boolean>;
  /** The server no longer holds these UIDs in the folder; resolves with how many places went. */
  removeUids(folderId: number, uids: number[]): Promise<number>;
  /** Flags that changed on the server; resolves with how many places changed. */
  updateFlags(folderId: number, changes: FlagChange[]): Promise<number>;
  /** A new UIDVALIDITY: the folder's places and problems go, and its scan starts over. */
  resetFolder(folderId: number, uidvalidity: number): Promise<void>;
  /** Body excerpts sync fetched; their messages are classified (again) right after. */
  saveExcerpts(accountId: string, rows: ExcerptRow[]): Promise<void>;
  /** Our own move or copy: each message's new place (and the old one kept when `keepOriginals`). */
  recordTransfer(moves: Array<{ from: Place; to: Place }>, keepOriginals: boolean): Promise<void>;
  /** Moved messages keep their history; those gone past the retention are dropped. */
  reconcile(goneRetentionDays: number): Promise<number>;
  /** Messages a complaint rests on: kept after they leave the server (the first reason stays). */
  markEvidence(messageIds: number[], reason: string): Promise<void>;
  /** Classifies every message without a verdict; `retryFailed` also those detection failed on. */
  classify(options?: { retryFailed?: boolean }): Promise<DetectionReport>;
  /** The user's correction; resolves once the messages it covers were scored again. */
  correct(request: CorrectionRequest): Promise<DetectionReport>;
  /** An identity's kind or visibility changed; resolves once its mail was scored again. */
  rescoreIdentity(address: string): Promise<DetectionReport>;
  /** Resolves once the thread has loaded and opened the store (requests before it wait in line). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface StoreWriterStart {
  dbFile: string;
  logDir: string | null;
  onEvent(e: CoreEvent): void;
  /** The thread's module; tests pass an entry that starts it with another classifier. */
  entry?: URL;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

export function startStoreWriter(o: StoreWriterStart): StoreWriter {
  const worker = spawnWorker(o.entry ?? entryBeside(import.meta.url, 'worker'), {
    file: o.dbFile,
    logDir: o.logDir,
  });
  const pending = new Map<number, Waiting>();
  let nextId = 1;
  let failure: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void exited.then(() => markReady());
  worker.on('message', (reply: WriterReply) => {
    if ('ready' in reply) return markReady();
    if ('event' in reply) return o.onEvent(reply.event);
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) p?.reject(errorOf(reply.error));
    else p?.resolve(reply.value);
  });
  worker.on('error', (err) => {
    // What a worker throws need not be an Error: say what it was.
    failure = new Error(
      `The store's writer stopped: ${err instanceof Error ? err.message : inspect(err, { depth: 3 })}`,
    );
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  });
  worker.unref();

  function send<K extends WriterCallName>(
    kind: K,
    input: WriterCalls[K]['input'],
  ): Promise<WriterCalls[K]['output']> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const request = { kind, id, input } as WriterRequest;
      // A batch's header blocks are handed over, not copied (the sender lets go of them).
      const transfer =
        kind === 'insert' || kind === 'importBatch'
          ? [(input as InsertInput | ImportBatchInput).batch.headers]
          : [];
      worker.postMessage(request, transfer);
    });
  }

  return {
    insert: (req) => send('insert', req),
    importBatch: (req) => send('importBatch', req),
    importEnded: (accountId) => send('importEnded', { accountId }),
    removeAccount: (accountId) => send('removeAccount', { accountId }),
    removeUids: (folderId, uids) => send('removeUids', { folderId, uids }),
    updateFlags: (folderId, changes) => send('updateFlags', { folderId, changes }),
    resetFolder: (folderId, uidvalidity) => send('resetFolder', { folderId, uidvalidity }),
    saveExcerpts: (accountId, rows) => send('saveExcerpts', { accountId, rows }),
    recordTransfer: (moves, keepOriginals) => send('recordTransfer', { moves, keepOriginals }),
    reconcile: (goneRetentionDays) => send('reconcile', { goneRetentionDays }),
    markEvidence: (messageIds, reason) => send('markEvidence', { messageIds, reason }),
    classify: (options = {}) => send('classify', { retryFailed: options.retryFailed ?? false }),
    correct: (request) => send('correct', request),
    rescoreIdentity: (address) => send('rescoreIdentity', { address }),
    ready,
    async close() {
      // Detection stops first: a pass or a sync's classification waiting for it ends at once,
      // and the requests under way are answered before the thread closes.
      if (!failure) worker.postMessage({ kind: 'closing' } satisfies WriterRequest);
      await Promise.allSettled(
        [...pending.values()].map(
          (p) =>
            new Promise<void>((resolve) => {
              const { resolve: res, reject: rej } = p;
              p.resolve = (value) => (res(value), resolve());
              p.reject = (e) => (rej(e), resolve());
            }),
        ),
      );
      worker.postMessage({ kind: 'close' } satisfies WriterRequest);
      await exited;
    },
  };
}

/** An AppError from the thread keeps its code; anything else is the store failing. */
function errorOf(failure: WriterFailure): Error {
  if (failure.code) return new AppError(failure.code, failure.message);
  return new Error(`The store's writer failed: ${failure.message}`);
}
