/**
 * The store's message writer, on its own thread: header summaries and
 * inserts (the CPU-heavy half of a scan) run here while the sync's thread
 * keeps reading the server. One writer per data folder; each batch is one
 * transaction, answered with how many rows were new.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createRelationshipRecorder } from '../relationships/index.js';
import { createMailboxRepo, type MessageInput } from './repo.js';

export interface WriteRequest {
  id: number;
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: MessageInput[];
}

export type WriteReply = { id: number; added: number } | { id: number; error: string };

const db = new BetterSqlite3((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 10000');
db.pragma('cache_size = -32768');
const repo = createMailboxRepo(db);

parentPort!.on('message', (req: WriteRequest | 'close') => {
  if (req === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    const recorder = createRelationshipRecorder(db, req.accountId, new Set(req.ownAddresses));
    // Buffers arrive as Uint8Array views after the transfer.
    const batch = req.batch.map((m) => ({
      ...m,
      headers: Buffer.from(m.headers.buffer, m.headers.byteOffset, m.headers.byteLength),
    }));
    const added = repo.insertMessages(req.accountId, req.folderId, batch, (summary) => {
      if (recorder.isOwn(summary, req.sentFolder)) recorder.record(summary);
    });
    parentPort!.postMessage({ id: req.id, added } satisfies WriteReply);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message } satisfies WriteReply);
  }
});
