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
import { createRelationshipRecorder } from '../relationships/index.js';
import { createVerdictService } from '../verdicts/index.js';
import type { WriterReply, WriterRequest } from './protocol.js';

const { file, logDir } = workerData as { file: string; logDir: string | null };
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 10000');
// Bulk writes: checkpoint the WAL every 64 MB (4,096 pages of 16 KB) rather than at every few
// batches (each checkpoint syncs the disk), and keep the indexes' pages in a larger cache.
db.pragma('wal_autocheckpoint = 4096');
db.pragma('cache_size = -65536');
const repo = createMailboxRepo(db);
const verdicts = createVerdictService({
  db,
  log: createLogger(logDir),
  emit: (event) => parentPort!.postMessage({ event } satisfies WriterReply),
});

parentPort!.on('message', (req: WriterRequest) => {
  if (req.kind === 'close') {
    void verdicts.close().then(() => {
      db.close();
      parentPort!.close();
    });
    return;
  }
  if (req.kind === 'classify') {
    verdicts.classifyPending().then(
      (count) => {
        // Fold the pass's writes into the database here, on this thread, while it is idle:
        // otherwise the main thread's next small write would pay for checkpointing them.
        if (count > 0) db.pragma('wal_checkpoint(PASSIVE)');
        parentPort!.postMessage({ id: req.id, count } satisfies WriterReply);
      },
      (err: Error) =>
        parentPort!.postMessage({ id: req.id, error: err.message } satisfies WriterReply),
    );
    return;
  }
  try {
    const recorder = createRelationshipRecorder(db, req.accountId, new Set(req.ownAddresses));
    // Buffers arrive as plain Uint8Arrays after the structured clone.
    const batch = req.batch.map((m) => ({
      ...m,
      headers: Buffer.from(m.headers.buffer, m.headers.byteOffset, m.headers.byteLength),
    }));
    const count = repo.insertMessages(req.accountId, req.folderId, batch, (summary) => {
      if (recorder.isOwn(summary, req.sentFolder)) recorder.record(summary);
    });
    parentPort!.postMessage({ id: req.id, count } satisfies WriterReply);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message } satisfies WriterReply);
  }
});
