/**
 * Messages between the main thread and the writer thread: one request per
 * call, each typed from its name to its input and output, and the replies.
 */
import type { ScannedBatch } from '../mailbox/scanned-batch.js';
import type { CoreEvent } from '../../shared/types.js';
import type { ExcerptRow } from '../mailbox/excerpts.sql.js';
import type { FlagChange, Place } from '../mailbox/locations.sql.js';
import type { ErrorCode } from '../../shared/result.js';
import type { CorrectionRequest, DetectionReport } from '../verdicts/index.js';

export interface InsertInput {
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: ScannedBatch;
  /**
   * Detection classifies every new message right away, so verdicts arrive while the scan goes
   * on; otherwise only those whose excerpt came with them, the others once it is fetched.
   */
  classify: boolean;
}

/** A batch of a local import: its messages (header blocks handed over) and body excerpts. */
export interface ImportBatchInput {
  accountId: string;
  folderId: number;
  /** The source's Sent folder: its recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  /** The messages; their flags and sizes as the import read them. */
  batch: ScannedBatch;
  /** Each message's place in the source (file, or mbox and position), in the batch's order. */
  origins: string[];
  /** Excerpts read from the whole message (text and HTML), by UID. */
  excerpts: Array<{ uid: number; text: string | null; html: string | null }>;
  at: string;
}

/** What the writer thread does, by request name. */
export interface WriterCalls {
  /** Stores one batch in one transaction; answers how many messages were new. */
  insert: { input: InsertInput; output: number };
  /** Stores a local import's batch in one transaction; answers how many messages were new. */
  importBatch: { input: ImportBatchInput; output: number };
  /**
   * The import into this account ended (done or failed): the next pass classifies its mail,
   * which passes leave alone while the import runs.
   */
  importEnded: { input: { accountId: string }; output: void };
  /** The account and everything stored for it go (its messages' rows with it). */
  removeAccount: { input: { accountId: string }; output: boolean };
  /** The server no longer holds these UIDs in the folder; answers how many places went. */
  removeUids: { input: { folderId: number; uids: number[] }; output: number };
  /** Flags that changed on the server; answers how many places changed. */
  updateFlags: { input: { folderId: number; changes: FlagChange[] }; output: number };
  /** A new UIDVALIDITY: the folder's places and problems go, and its scan starts over. */
  resetFolder: { input: { folderId: number; uidvalidity: number }; output: void };
  /** Body excerpts sync fetched; their messages are classified (again) right after. */
  saveExcerpts: { input: { accountId: string; rows: ExcerptRow[] }; output: void };
  /** Our own move or copy, with the server's UID map: each message's new place. */
  recordTransfer: {
    input: { moves: Array<{ from: Place; to: Place }>; keepOriginals: boolean };
    output: void;
  };
  /**
   * After a sync, before detection: messages another client moved keep their history, and
   * those that left the server past the retention are dropped (evidence stays).
   */
  reconcile: { input: { goneRetentionDays: number }; output: number };
  /** Messages a complaint rests on: kept after they leave the server, whatever the retention. */
  markEvidence: { input: { messageIds: number[]; reason: string }; output: void };
  /** Classifies every message without a verdict (and, asked to, those detection failed on). */
  classify: { input: { retryFailed: boolean }; output: DetectionReport };
  /** A user's correction: decision, token model, then only the messages it covers. */
  correct: { input: CorrectionRequest; output: DetectionReport };
  /** An identity's kind or visibility changed: the messages it can change. */
  rescoreIdentity: { input: { address: string }; output: DetectionReport };
}

export type WriterCallName = keyof WriterCalls;

export type WriterRequest =
  | {
      [K in WriterCallName]: { kind: K; id: number; input: WriterCalls[K]['input'] };
    }[WriterCallName]
  /** The app is quitting: detection stops now, so that no request waits for it. */
  | { kind: 'closing' }
  | { kind: 'close' };

/** A failure as it crosses the thread: an AppError keeps its code (NOT_FOUND, ...). */
export interface WriterFailure {
  message: string;
  code?: ErrorCode;
}

export type WriterReply =
  | { id: number; value: unknown }
  | { id: number; error: WriterFailure }
  | { event: CoreEvent }
  | { ready: true };
