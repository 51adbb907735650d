/**
 * The write-ahead log's checkpoints (both app connections open with automatic checkpoints off:
 * see db.ts). The writer thread decides when; the copy itself runs on a thread of its own, on a
 * third connection, so that the writer keeps answering while pages are copied: a PASSIVE
 * checkpoint runs beside readers and writers, and a large one took 90–280 ms, during which a
 * rule run's store calls waited.
 */
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Database } from './db.js';
import { CHECKPOINT_PRAGMAS } from './db.js';

export interface WalCheckpoints {
  /** Pages the WAL holds that are not yet copied into the database. */
  pendingPages(): number;
  /** Copies what it can of the WAL into the database without waiting for readers. */
  checkpoint(): void;
}

export function createWalCheckpoints(db: Database): WalCheckpoints {
  return {
    pendingPages() {
      const [status] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>;
      return status?.log ?? 0;
    },
    checkpoint: () => void db.pragma('wal_checkpoint(PASSIVE)'),
  };
}

export interface CheckpointThread {
  /**
   * Asks for a copy of the WAL; resolves once a copy that began after this call is done. Calls
   * made while one runs share the next copy.
   */
  request(): Promise<void>;
  /** Waits for the copies asked for, then stops the thread. */
  close(): Promise<void>;
}

/**
 * The thread's whole program, plain CommonJS: it needs SQLite and nothing of ours, so it loads
 * neither TypeScript nor the app's modules (a few MB, not a second copy of the app).
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const messageOf = (err) => (err && err.message ? err.message : String(err));
let db = null;
let openError = null;
try {
  db = new Database(workerData.file);
  for (const pragma of workerData.pragmas) db.pragma(pragma);
} catch (err) {
  openError = 'cannot open the store: ' + messageOf(err);
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (db) db.close();
    parentPort.close();
    return;
  }
  if (openError) return parentPort.postMessage({ error: openError });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ error: null });
  } catch (err) {
    parentPort.postMessage({ error: messageOf(err) });
  }
});
`;

/** Starts the checkpoint thread on the store's file; `onError` hears a copy that failed. */
export function startCheckpointThread(
  file: string,
  onError: (message: string) => void,
): CheckpointThread {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(PROGRAM, {
    eval: true,
    workerData: { file, sqlite, pragmas: CHECKPOINT_PRAGMAS },
    resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped = false;
  /** Resolves the copy the thread is making (one at a time). */
  let replied: (() => void) | null = null;
  /** Who waits for the copy being made, and who waits for the next one. */
  let current: Array<() => void> | null = null;
  let queued: Array<() => void> | null = null;

  worker.on('message', (reply: { error: string | null }) => {
    if (reply.error) onError(reply.error);
    replied?.();
  });
  worker.on('error', (err) => {
    stopped = true;
    onError(`the checkpoint thread stopped: ${err instanceof Error ? err.message : inspect(err)}`);
    replied?.();
  });

  function begin(waiting: Array<() => void>): void {
    current = waiting;
    replied = () => {
      replied = null;
      for (const resolve of waiting) resolve();
      const nextWaiting = queued;
      queued = null;
      current = null;
      if (nextWaiting) begin(nextWaiting);
    };
    if (stopped) replied();
    else worker.postMessage('copy');
  }

  function request(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!current) begin([resolve]);
      else (queued ??= []).push(resolve);
    });
  }

  return {
    request,
    async close() {
      if (current) await request();
      if (!stopped) worker.postMessage('close');
      await exited;
    },
  };
}
