/**
 * The journal's SQL, behind a typed interface: nothing else reads or writes
 * the `journal` table. Every write is one statement or one synchronous
 * transaction, committed when the call returns.
 */
import type { Database } from '../store/db.js';
import type { JournalState } from '../../shared/types.js';
import { writeTransaction } from '../store/transaction.js';

export interface JournalRow {
  id: number;
  accountId: string;
  kind: string;
  intent: string;
  state: JournalState;
  outcome: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  undoOf: number | null;
}

export interface JournalListQuery {
  accountId?: string;
  /** Entries older than this id (paging back through the history). */
  beforeId?: number;
  limit: number;
}

export interface JournalReader {
  get(id: number): JournalRow | undefined;
  /** Newest first. */
  list(query: JournalListQuery): JournalRow[];
  /** The entries that reverse this one, oldest first. */
  undoesOf(id: number): JournalRow[];
}

export interface JournalWriter {
  insertPending(row: {
    accountId: string;
    kind: string;
    intent: string;
    createdAt: string;
    undoOf: number | null;
  }): number;
  /** Ends a pending entry; false when it was not pending (ended already, or no such entry). */
  finish(
    id: number,
    end: {
      state: 'done' | 'failed' | 'unknown';
      outcome: string | null;
      error: string | null;
      at: string;
    },
  ): boolean;
  /** Runs `fn` in one transaction (synchronous: no await inside). */
  transaction<T>(fn: () => T): T;
  markUndone(id: number): void;
  /** Every pending entry becomes unknown; returns their ids. */
  pendingToUnknown(error: string, at: string): number[];
  /**
   * Retention: drops an account's entries that ended (done, failed, undone) before `before` and
   * that nothing rests on: no undo reverses them, no kept rule run or objection request names
   * them, no filed violation points to them. Pending and unknown entries stay. Returns how many.
   */
  dropEndedBefore(accountId: string, before: string): number;
}

export type JournalStore = JournalReader & JournalWriter;

const COLUMNS = `id, account_id AS accountId, kind, intent, state, outcome, error,
  created_at AS createdAt, finished_at AS finishedAt, undo_of AS undoOf`;

export function createJournalStore(db: Database): JournalStore {
  const insert = db.prepare(
    `INSERT INTO journal (account_id, kind, intent, state, created_at, undo_of)
     VALUES (@accountId, @kind, @intent, 'pending', @createdAt, @undoOf)`,
  );
  const finish = db.prepare(
    `UPDATE journal SET state = @state, outcome = @outcome, error = @error, finished_at = @at
     WHERE id = @id AND state = 'pending'`,
  );
  const markUndone = db.prepare(
    `UPDATE journal SET state = 'undone' WHERE id = ? AND state = 'done'`,
  );
  const get = db.prepare(`SELECT ${COLUMNS} FROM journal WHERE id = ?`);
  const undoesOf = db.prepare(`SELECT ${COLUMNS} FROM journal WHERE undo_of = ? ORDER BY id`);
  const pendingIds = db.prepare(`SELECT id FROM journal WHERE state = 'pending'`).pluck();
  const pendingToUnknown = db.prepare(
    `UPDATE journal SET state = 'unknown', error = ?, finished_at = ? WHERE state = 'pending'`,
  );

  // The references listed here are every column that names a journal entry
  // (test/journal/retention.test.ts checks the schema against them).
  const dropEnded = db.prepare(
    `DELETE FROM journal WHERE account_id = @accountId AND finished_at < @before
       AND state IN ('done', 'failed', 'undone')
       AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.undo_of = journal.id)
       AND NOT EXISTS (SELECT 1 FROM rule_run_actions r WHERE r.journal_id = journal.id)
       AND NOT EXISTS (SELECT 1 FROM objection_requests o WHERE o.journal_id = journal.id)
       AND NOT EXISTS (SELECT 1 FROM objection_violations v WHERE v.filed_journal_id = journal.id)`,
  );

  return {
    dropEndedBefore: (accountId, before) => dropEnded.run({ accountId, before }).changes,
    insertPending: (row) => Number(insert.run(row).lastInsertRowid),
    finish: (id, end) => finish.run({ id, ...end }).changes === 1,
    transaction: (fn) => writeTransaction(db, fn)(),
    markUndone(id) {
      if (markUndone.run(id).changes !== 1)
        throw new Error(`journal entry ${id} cannot become undone: it is not done`);
    },
    get: (id) => get.get(id) as JournalRow | undefined,
    list(q) {
      const where = [
        ...(q.accountId !== undefined ? ['account_id = @accountId'] : []),
        ...(q.beforeId !== undefined ? ['id < @beforeId'] : []),
      ];
      const sql = `SELECT ${COLUMNS} FROM journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT @limit`;
      return db.prepare(sql).all(q) as JournalRow[];
    },
    undoesOf: (id) => undoesOf.all(id) as JournalRow[],
    pendingToUnknown(error, at) {
      return writeTransaction(db, () => {
        const ids = pendingIds.all() as number[];
        pendingToUnknown.run(error, at);
        return ids;
      })();
    },
  };
}
