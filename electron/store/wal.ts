/**
 * The write-ahead log's checkpoints, run by the writer thread itself (both
 * connections open with automatic checkpoints off: see db.ts).
 */
import type { Database } from './db.js';

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
