/**
 * The store's background writer, on its own thread: header summaries and
 * inserts (the CPU-heavy half of a scan) and all of detection (after syncs,
 * imports and at start; corrections and identity changes) run here, while
 * the main thread keeps reading the server and answering the UI. Each insert
 * batch is one transaction, answered with how many rows were new.
 *
 * `worker.ts` starts it as the app runs it; a test entry may start it with
 * another classifier.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { CoreEvent } from '../../shared/types.js';
import { openDatabase } from '../store/db.js';
import { createWalCheckpoints, type WalCheckpoints } from '../store/wal.js';
import { createLogger } from '../log.js';
import { createMessagesStore } from '../mailbox/messages.sql.js';
import { createLocationsStore } from '../mailbox/locations.sql.js';
import { createExcerptsStore } from '../mailbox/excerpts.sql.js';
import { createSyncStateStore } from '../sync/sync-state.sql.js';
import { createAccountsStore } from '../accounts/accounts.sql.js';
import { writeTransaction } from '../store/transaction.js';
import { createRelationshipRecorder, createRelationshipsStore } from '../relationships/index.js';
import { unpackScannedBatch } from '../mailbox/scanned-batch.js';
import { createDetectionQueue } from './detection-queue.js';
import { createDetectionHelper, type DetectionHelper } from './detection-helper.js';
import { entryBeside } from './spawn.js';
import { ownMessageSummary } from './own-messages.js';
import type { HeaderSummary } from '../mail-format/index.js';
import { createVerdictService, createVerdictStores, type ClassifyFn } from '../verdicts/index.js';
import type {
  ImportBatchInput,
  InsertInput,
  WriterCallName,
  WriterCalls,
  WriterFailure,
  WriterReply,
  WriterRequest,
} from './protocol.js';

export interface StoreWriterOptions {
  /** The classifier detection uses (the app's own unless a test entry passes another). */
  classify?: ClassifyFn;
  /**
   * The detection thread's module (a test entry passes one with its own classifier); null:
   * none, every slice classified on this thread. A test entry that passes `classify` passes
   * this too, or the thread would classify with the app's own.
   */
  detectionEntry?: URL | null;
  /**
   * Test entries only: classify requests answer 0 without classifying, leaving stored mail as a
   * crash between a scan and its detection leaves it. The app never sets it.
   */
  holdDetection?: boolean;
}

/** 512 MB of 16 KB pages: about 150,000 scanned messages. */
const WAL_CAP_PAGES = 32_768;
const IDLE_MS = 100;

type Handlers = {
  [K in WriterCallName]: (
    input: WriterCalls[K]['input'],
  ) => WriterCalls[K]['output'] | Promise<WriterCalls[K]['output']>;
};

export function runStoreWriter(options: StoreWriterOptions = {}): void {
  const port = parentPort!;
  const { file, logDir } = workerData as { file: string; logDir: string | null };
  const db = openDatabase(file, { role: 'writer' });
  const messages = createMessagesStore(db);
  const locations = createLocationsStore(db);
  const relationships = createRelationshipsStore(db);
  const excerpts = createExcerptsStore(db);
  const syncState = createSyncStateStore(db);
  const accounts = createAccountsStore(db);
  const checkpoints = idleCheckpoints(createWalCheckpoints(db));
  const log = createLogger(logDir);
  const emit = (event: CoreEvent) => port.postMessage({ event } satisfies WriterReply);
  const helper = detectionHelper(file, options, (err) => {
    log.error('detection goes on in the writer thread', err);
    emit({
      type: 'error',
      task: 'detection',
      accountId: null,
      code: 'DETECTION_FAILED',
      message: `${err.message} Detection goes on, slower: the writer classifies the messages itself.`,
      details: { messageIds: [], count: 0 },
    });
  });
  const verdicts = createVerdictService({
    stores: createVerdictStores(db),
    log,
    emit,
    classify: options.classify,
    aside: helper ?? undefined,
  });

  /**
   * The user's own messages of a batch go into the relationship index as they are stored;
   * detection's context, which reads it, is told once the batch is in.
   */
  function ownMailRecorder(req: {
    accountId: string;
    ownAddresses: string[];
    sentFolder: boolean;
  }) {
    const recorder = createRelationshipRecorder(
      relationships,
      req.accountId,
      new Set(req.ownAddresses),
    );
    let recorded = false;
    return {
      take(summary: HeaderSummary | null | undefined): void {
        if (!summary || !recorder.isOwn(summary, req.sentFolder)) return;
        recorder.record(summary);
        recorded = true;
      },
      done(): void {
        if (recorded) verdicts.contextChanged();
      },
    };
  }

  function insert(req: InsertInput): number {
    const own = ownMailRecorder(req);
    // The user's own messages are summarized now, for the relationship index; the others when
    // detection parses them, right after the sync.
    const batch = unpackScannedBatch(req.batch, (headers) =>
      req.sentFolder ? undefined : ownMessageSummary(headers, req.ownAddresses),
    );
    const inserted: number[] = [];
    const count = messages.insertMessages(req.accountId, req.folderId, batch, (summary, m, id) => {
      own.take(summary);
      if (req.classify || m.excerpt) inserted.push(id);
    });
    own.done();
    classifySoon(req.accountId, inserted, false);
    checkpoints.schedule();
    return count;
  }

  /**
   * A local import's batch, messages and excerpts in one transaction. Not classified here, nor
   * by a pass before the import ends (`hold`): its Sent folder may come after its Inbox.
   */
  const importBatch = writeTransaction(db, (req: ImportBatchInput): number => {
    const own = ownMailRecorder(req);
    const batch = unpackScannedBatch(req.batch, () => undefined).map((m, i) => ({
      ...m,
      origin: req.origins[i]!,
    }));
    const count = messages.insertMessages(req.accountId, req.folderId, batch, own.take);
    if (req.excerpts.length > 0) excerpts.saveImported(req.folderId, req.excerpts, req.at);
    own.done();
    return count;
  });

  // Classified a slice at a time, on the detection thread while this one stores the sync (or
  // here, between requests): the scan's next batch is never held long.
  const detection = createDetectionQueue((ids, again) => {
    // The idle wait starts once this work is done: scheduled with the request that stored the
    // messages, the timer was due by then and copied the WAL between every two batches of a
    // scan.
    if (!helper) {
      verdicts.classifyNow(ids, { again });
      checkpoints.schedule();
      return;
    }
    return verdicts.classifyAside(ids, { again }).then(({ retry }) => {
      if (retry.length > 0) detection.add(retry, true);
      checkpoints.schedule();
    });
  }, verdicts.reportStoreFailure);

  /**
   * Queues these messages for detection; `again`: those that have a verdict too (their excerpt
   * came after it). Not while the account has messages that left the server: a new one may be
   * one of them moved, which reconcile must recognise before detection sees it (the pass after
   * the sync classifies them).
   */
  function classifySoon(accountId: string, ids: number[], again: boolean): void {
    detection.busy();
    if (ids.length === 0 || options.holdDetection || locations.hasGone(accountId)) return;
    detection.add(ids, again);
  }

  /** A write of the bulk tables the main thread asked for; the WAL is copied once work pauses. */
  const written = <T>(result: T): T => {
    checkpoints.schedule();
    return result;
  };

  const handlers: Handlers = {
    insert,
    importBatch: (req) => {
      verdicts.hold(req.accountId);
      return written(importBatch(req));
    },
    importEnded: ({ accountId }) => verdicts.release(accountId),
    // Its messages, places, verdicts and excerpts go with it (foreign keys cascade); detection
    // drops what it held of them (saveDetected keeps only messages still stored).
    removeAccount: ({ accountId }) => written(accounts.remove(accountId)),
    removeUids: ({ folderId, uids }) => written(locations.deleteUids(folderId, uids)),
    updateFlags: ({ folderId, changes }) => written(locations.updateFlags(folderId, changes)),
    resetFolder: ({ folderId, uidvalidity }) => written(syncState.reset(folderId, uidvalidity)),
    saveExcerpts: ({ accountId, rows }) => {
      excerpts.saveFetched(rows);
      classifySoon(
        accountId,
        rows.map((r) => r.messageId),
        true,
      );
      return written(undefined);
    },
    recordTransfer: ({ moves, keepOriginals }) =>
      written(locations.recordTransfer(moves, keepOriginals)),
    markEvidence: ({ messageIds, reason }) => {
      for (const id of messageIds) locations.markEvidence(id, reason);
      written(undefined);
    },
    reconcile: ({ goneRetentionDays }) =>
      locations.reattachMoved() + locations.dropGone(goneRetentionDays),
    // Each pass checkpoints its own writes (verdicts/service.ts).
    // What is queued first (it may be scored again with an excerpt), then whatever is left.
    classify: async ({ retryFailed }) => {
      if (options.holdDetection) return { classified: 0, failed: 0 };
      await detection.drained();
      return verdicts.classifyPending({ retryFailed });
    },
    correct: (request) => verdicts.correct(request),
    rescoreIdentity: ({ address }) => verdicts.rescoreIdentity(address),
  };

  port.on('message', (req: WriterRequest) => {
    checkpoints.cancel();
    if (req.kind === 'closing') {
      // Nothing more is classified: what is left is classified at the next start.
      detection.stop();
      void verdicts.close();
      void helper?.close();
      return;
    }
    if (req.kind === 'close') {
      detection.stop();
      void Promise.all([verdicts.close(), helper?.close()]).then(() => {
        db.close();
        port.close();
      });
      return;
    }
    const answer = (value: unknown) =>
      port.postMessage({ id: req.id, value } satisfies WriterReply);
    const fail = (err: unknown) =>
      port.postMessage({ id: req.id, error: failureOf(err) } satisfies WriterReply);
    try {
      const handler = handlers[req.kind] as (input: unknown) => unknown;
      Promise.resolve(handler(req.input)).then(answer, fail);
    } catch (err) {
      fail(err);
    }
  });

  port.postMessage({ ready: true } satisfies WriterReply);
}

/** The detection thread's handle, unless detection is held back or runs here (`detectionEntry: null`). */
function detectionHelper(
  file: string,
  options: StoreWriterOptions,
  onStop: (err: Error) => void,
): DetectionHelper | null {
  if (options.holdDetection || options.detectionEntry === null) return null;
  if (options.classify && !options.detectionEntry)
    throw new Error('A writer with its own classifier needs a detection thread with it, or null.');
  const entry = options.detectionEntry ?? entryBeside(import.meta.url, 'detection-worker');
  return createDetectionHelper(file, entry, onStop);
}

/**
 * Checkpoints once no request has come for IDLE_MS (each request cancels the
 * one scheduled), or at once when the WAL has grown past its cap. SQLite's own
 * checkpoints, every few batches, cost a scan half its write time.
 */
function idleCheckpoints(wal: WalCheckpoints): { schedule(): void; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  return {
    schedule() {
      if (wal.pendingPages() >= WAL_CAP_PAGES) {
        wal.checkpoint();
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        wal.checkpoint();
      }, IDLE_MS);
      timer.unref();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function failureOf(err: unknown): WriterFailure {
  if (isAppError(err)) return { message: err.message, code: err.code };
  return { message: err instanceof Error ? err.message : String(err) };
}
