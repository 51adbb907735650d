/**
 * The store's background writer, on its own thread: header summaries and
 * inserts (the CPU-heavy half of a scan) and detection over the new mail run
 * here, while the main thread keeps reading the server and answering the UI.
 * Each insert batch is one transaction, answered with how many rows were new.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createLogger } from '../log.js';
import { createMailboxRepo } from '../mailbox/repo.js';
import { createLocationsRepo } from '../mailbox/locations.js';
import { createRelationshipRecorder } from '../relationships/index.js';
import { unpackScannedBatch } from './scanned-batch.js';
import { ownMessageSummary } from './own-messages.js';
import { createVerdictService } from '../verdicts/index.js';
import type { WriterReply, WriterRequest } from './protocol.js';

const { file, logDir } = workerData as { file: string; logDir: string | null };
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 10000');
// Checkpoints (copying the WAL into the database, then syncing the disk) cost a scan half its
// write time when SQLite runs them every few batches. This thread runs them itself once the work
// stops (see checkpointWhenIdle), or past WAL_CAP_PAGES during a long run; the main connection
// never does (core/services.ts). The WAL file shrinks back to 64 MB after each.
db.pragma('wal_autocheckpoint = 0');
db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
db.pragma('cache_size = -65536');
/** 512 MB of 16 KB pages: about 150,000 scanned messages. */
const WAL_CAP_PAGES = 32_768;
const IDLE_MS = 100;
/**
 * Test-only: classify requests answer 0 without classifying, leaving stored
 * mail as a crash between a scan and its detection leaves it
 * (test/verdicts/detection-after-crash.dovecot.test.ts). Never set otherwise.
 */
const HOLD_DETECTION_FOR_TEST = process.env.INBOX_GUARD_TEST_STOP_BEFORE_DETECTION === '1';
const repo = createMailboxRepo(db);
const locations = createLocationsRepo(db);
const verdicts = createVerdictService({
  db,
  log: createLogger(logDir),
  emit: (event) => parentPort!.postMessage({ event } satisfies WriterReply),
});

let idleTimer: NodeJS.Timeout | null = null;

/** Checkpoints once no request has come for IDLE_MS, or now if the WAL has grown past its cap. */
function checkpointWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const [status] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>;
  if ((status?.log ?? 0) >= WAL_CAP_PAGES) {
    db.pragma('wal_checkpoint(PASSIVE)');
    return;
  }
  idleTimer = setTimeout(() => {
    idleTimer = null;
    db.pragma('wal_checkpoint(PASSIVE)');
  }, IDLE_MS);
  idleTimer.unref();
}

parentPort!.on('message', (req: WriterRequest) => {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (req.kind === 'close') {
    void verdicts.close().then(() => {
      db.close();
      parentPort!.close();
    });
    return;
  }
  if (req.kind === 'reconcile') {
    try {
      const count = locations.reattachMoved() + locations.dropGone(req.goneRetentionDays);
      parentPort!.postMessage({ id: req.id, count } satisfies WriterReply);
    } catch (err) {
      parentPort!.postMessage({ id: req.id, error: (err as Error).message } satisfies WriterReply);
    }
    return;
  }
  if (req.kind === 'classify') {
    if (HOLD_DETECTION_FOR_TEST) {
      parentPort!.postMessage({ id: req.id, count: 0 } satisfies WriterReply);
      return;
    }
    verdicts.classifyPending().then(
      (count) => {
        // The pass checkpointed its own writes (verdicts/service.ts).
        parentPort!.postMessage({ id: req.id, count } satisfies WriterReply);
      },
      (err: Error) =>
        parentPort!.postMessage({ id: req.id, error: err.message } satisfies WriterReply),
    );
    return;
  }
  try {
    const recorder = createRelationshipRecorder(db, req.accountId, new Set(req.ownAddresses));
    // The user's own messages are summarized now, for the relationship index; the others when
    // detection parses them, right after the sync.
    const batch = unpackScannedBatch(req.batch, (headers) =>
      req.sentFolder ? undefined : ownMessageSummary(headers, req.ownAddresses),
    );
    const count = repo.insertMessages(req.accountId, req.folderId, batch, (summary) => {
      if (recorder.isOwn(summary, req.sentFolder)) recorder.record(summary);
    });
    parentPort!.postMessage({ id: req.id, count } satisfies WriterReply);
    checkpointWhenIdle();
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message } satisfies WriterReply);
  }
});

parentPort!.postMessage({ ready: true } satisfies WriterReply);
