/**
 * Detection's reads and writes: the messages it classifies (header block,
 * summary state, body excerpt), the verdicts, summaries, delivery identities,
 * leaks, header evidence and failures it writes. Used on the writer thread,
 * the only connection that writes these tables.
 */
import type { Classification } from '../detect/types.js';
import type { HeaderEvidence } from '../mail-format/index.js';
import { createHeaderEvidenceStore } from '../mailbox/header-evidence.sql.js';
import type { SummaryColumns } from '../mailbox/message-rows.js';
import type { Database } from '../store/db.js';
import { createWalCheckpoints } from '../store/wal.js';
import { createTriageSummaryWriter } from '../triage/summary.sql.js';
import { createIdentitiesStore } from './identities.sql.js';
import { writeTransaction } from '../store/transaction.js';

/** A message as detection reads it. */
export interface DetectionRow {
  id: number;
  headers: Buffer;
  date: string | null;
  internal_date: string | null;
  /** 0 while a scan left its summary columns empty. */
  summarized: number;
  text: string | null;
  html: string | null;
  /** 1 when an earlier pass failed on it (a detection_errors row). */
  failed: number;
  /** 1 when its header evidence is stored (read once, whatever pass classified it first). */
  has_evidence: number;
}

export type { SummaryColumns } from '../mailbox/message-rows.js';

/** A verdict as stored: the indexed columns and the rest as JSON (`detail`). */
export interface VerdictColumns {
  verdict: Classification['verdict'];
  score: number;
  unsolicited: boolean;
  routerId: string | null;
  routerName: string | null;
  routerAccount: string | null;
  advertiserDomain: string | null;
  advertiserName: string | null;
  identity: string | null;
  plusTag: string | null;
  identityLeaked: boolean;
  detail: string;
}

export interface DetectionReader {
  /**
   * Up to `limit` messages after `afterId` (by id) without a verdict or a recorded failure,
   * leaving out those of `held` accounts (an import under way).
   */
  pending(afterId: number, limit: number, held: readonly string[]): DetectionRow[];
  countPending(held: readonly string[]): number;
  /** These messages (those still stored), by id. */
  byIds(ids: readonly number[]): DetectionRow[];
  /** Those of these messages that have no verdict yet (another pass may have got there first). */
  unclassifiedByIds(ids: readonly number[]): DetectionRow[];
  /** Those of these messages still in the store (a slice classified elsewhere may outlive some). */
  stillStored(ids: readonly number[]): Set<number>;
  /** Messages whose header evidence was never read (stored before detection kept it). */
  withoutEvidence(afterId: number, limit: number): Array<{ id: number; headers: Buffer }>;
}

export interface DetectionWriter {
  /** Forgets every recorded failure, so the next pass tries those messages again. */
  forgetFailures(): number;
  /** A verdict of the batch `classifying` runs (throws for any other message). */
  saveVerdict(id: number, v: VerdictColumns, at: string): void;
  saveSummary(id: number, columns: SummaryColumns): void;
  saveEvidence(id: number, evidence: HeaderEvidence): void;
  recordFailure(id: number, error: string, at: string): void;
  clearFailure(id: number): void;
  /** Adds a delivery address as a 'seen' identity; true when it was new. */
  addIdentity(address: string, kind: string, firstSeen: string | null): boolean;
  /** The first unsolicited marketing a private identity received. */
  markLeak(address: string, messageId: number, at: string, v: VerdictColumns): void;
  /** This message is no leak (any more): an identity it was the first leak of takes the next. */
  releaseLeak(messageId: number): void;
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn`, which may write the verdicts of messages `ids`, in one transaction that keeps
   * the triage summary exact around them.
   */
  classifying<T>(ids: readonly number[], fn: () => T): T;
  /** Copies the WAL into the database (the writer's connection has autocheckpoints off). */
  checkpoint(): void;
}

export type DetectionStore = DetectionReader & DetectionWriter;

const ROW_COLUMNS = `m.id, h.raw AS headers, m.date, m.internal_date, m.summarized, e.text, e.html,
  (x.message_id IS NOT NULL) AS failed,
  EXISTS (SELECT 1 FROM message_header_evidence v WHERE v.message_id = m.id) AS has_evidence`;
const ROW_TABLES = `messages m JOIN message_headers h ON h.message_id = m.id
  LEFT JOIN message_excerpts e ON e.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;

/** The reads alone (the detection thread's read-only connection needs no more). */
export function createDetectionReader(db: Database): DetectionReader {
  const pending = db.prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_TABLES}
    LEFT JOIN classifications c ON c.message_id = m.id
    WHERE c.message_id IS NULL AND x.message_id IS NULL AND m.id > @after
      AND m.account_id NOT IN (SELECT value FROM json_each(@held)) ORDER BY m.id LIMIT @limit`);
  const countPending = db
    .prepare(
      `SELECT COUNT(*) FROM messages m LEFT JOIN classifications c ON c.message_id = m.id
       WHERE c.message_id IS NULL AND NOT EXISTS (SELECT 1 FROM detection_errors x WHERE x.message_id = m.id)
         AND m.account_id NOT IN (SELECT value FROM json_each(?))`,
    )
    .pluck();
  // Exact: a verdict's key is its message's id, and verdicts go with their message (foreign key).
  // Two counts over small indexes, where the query above joins every message.
  const countUnclassified = db
    .prepare(`SELECT (SELECT COUNT(*) FROM messages) - (SELECT COUNT(*) FROM classifications)`)
    .pluck();
  const byIds = db.prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_TABLES}
    WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.id`);
  const unclassifiedByIds = db.prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_TABLES}
    WHERE m.id IN (SELECT value FROM json_each(?))
      AND NOT EXISTS (SELECT 1 FROM classifications c WHERE c.message_id = m.id) ORDER BY m.id`);
  const stillStored = db
    .prepare(`SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?))`)
    .pluck();
  const withoutEvidence = db.prepare(`SELECT m.id, h.raw AS headers FROM messages m
    JOIN message_headers h ON h.message_id = m.id
    WHERE m.id > ? AND NOT EXISTS (SELECT 1 FROM message_header_evidence v WHERE v.message_id = m.id)
    ORDER BY m.id LIMIT ?`);
  return {
    pending: (after, limit, held) =>
      pending.all({ after, limit, held: JSON.stringify(held) }) as DetectionRow[],
    countPending: (held) =>
      (countUnclassified.get() as number) === 0
        ? 0
        : (countPending.get(JSON.stringify(held)) as number),
    byIds: (ids) => byIds.all(JSON.stringify(ids)) as DetectionRow[],
    unclassifiedByIds: (ids) => unclassifiedByIds.all(JSON.stringify(ids)) as DetectionRow[],
    stillStored: (ids) => new Set(stillStored.all(JSON.stringify(ids)) as number[]),
    withoutEvidence: (afterId, limit) =>
      withoutEvidence.all(afterId, limit) as Array<{ id: number; headers: Buffer }>,
  };
}

export function createDetectionStore(db: Database): DetectionStore {
  // An upsert, not INSERT OR REPLACE: REPLACE deletes the row and inserts it again, updating
  // every index of the table twice.
  const saveVerdict = db.prepare(`
    INSERT INTO classifications (message_id, verdict, score, unsolicited, router_id, router_name,
      router_account, advertiser_domain, advertiser_name, identity, plus_tag, identity_leaked, detail, classified_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (message_id) DO UPDATE SET verdict = excluded.verdict, score = excluded.score,
      unsolicited = excluded.unsolicited, router_id = excluded.router_id, router_name = excluded.router_name,
      router_account = excluded.router_account, advertiser_domain = excluded.advertiser_domain,
      advertiser_name = excluded.advertiser_name, identity = excluded.identity, plus_tag = excluded.plus_tag,
      identity_leaked = excluded.identity_leaked, detail = excluded.detail, classified_at = excluded.classified_at`);
  const saveSummary = db.prepare(`
    UPDATE messages SET summarized = 1, message_id = ?, date = ?, from_name = ?, from_address = ?,
      to_json = ?, subject = ?, has_list_unsubscribe = ?
    WHERE id = ?`);
  const forgetFailures = db.prepare(`DELETE FROM detection_errors`);
  const recordFailure = db.prepare(`
    INSERT INTO detection_errors (message_id, error, failed_at) VALUES (?, ?, ?)
    ON CONFLICT (message_id) DO UPDATE SET error = excluded.error, failed_at = excluded.failed_at`);
  const clearFailure = db.prepare(`DELETE FROM detection_errors WHERE message_id = ?`);
  const evidence = createHeaderEvidenceStore(db);
  const identities = createIdentitiesStore(db);
  const wal = createWalCheckpoints(db);
  const triage = createTriageSummaryWriter(db);
  /** The messages whose verdicts the running batch may write. */
  let batch: ReadonlySet<number> | null = null;

  return {
    ...createDetectionReader(db),
    forgetFailures: () => forgetFailures.run().changes,
    saveVerdict(id, v, at) {
      // Loud: a verdict written outside its batch would be missing from the triage's counts.
      if (!batch?.has(id))
        throw new Error(`The verdict of message ${id} was written outside its batch.`);
      saveVerdict.run(
        id,
        v.verdict,
        v.score,
        v.unsolicited ? 1 : 0,
        v.routerId,
        v.routerName,
        v.routerAccount,
        v.advertiserDomain,
        v.advertiserName,
        v.identity,
        v.plusTag,
        v.identityLeaked ? 1 : 0,
        v.detail,
        at,
      );
    },
    saveSummary(id, s) {
      saveSummary.run(
        s.messageId,
        s.date,
        s.fromName,
        s.fromAddress,
        s.toJson,
        s.subject,
        s.hasListUnsubscribe,
        id,
      );
    },
    saveEvidence: (id, e) => evidence.save(id, e),
    recordFailure: (id, error, at) => void recordFailure.run(id, error, at),
    clearFailure: (id) => void clearFailure.run(id),
    addIdentity: (address, kind, firstSeen) => identities.addSeen(address, kind, firstSeen),
    releaseLeak: (messageId) => identities.releaseLeak(messageId),
    markLeak(address, messageId, at, v) {
      identities.markLeak(address, {
        messageId,
        at,
        advertiser: v.advertiserDomain,
        router: v.routerName,
      });
    },
    transaction: (fn) => writeTransaction(db, fn)(),
    classifying: (ids, fn) =>
      triage.aroundVerdicts(ids, () => {
        batch = new Set(ids);
        try {
          return fn();
        } finally {
          batch = null;
        }
      }),
    checkpoint: () => wal.checkpoint(),
  };
}
