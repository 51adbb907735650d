/** Messages between the main thread and the writer thread. */
import type { ScannedBatch } from './scanned-batch.js';
import type { CoreEvent } from '../../shared/types.js';

export interface InsertRequest {
  kind: 'insert';
  id: number;
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: ScannedBatch;
}

/**
 * After a sync, before detection: messages another client moved keep their history, and those
 * that left the server past the retention are dropped (evidence stays).
 */
export interface ReconcileRequest {
  kind: 'reconcile';
  id: number;
  goneRetentionDays: number;
}

export type WriterRequest =
  InsertRequest | ReconcileRequest | { kind: 'classify'; id: number } | { kind: 'close' };

export type WriterReply =
  | { id: number; count: number }
  | { id: number; error: string }
  | { event: CoreEvent }
  | { ready: true };
