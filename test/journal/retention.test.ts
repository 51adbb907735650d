/**
 * The journal's retention: an ended entry older than the setting goes when
 * nothing rests on it; entries a kept rule run, an objection request, a
 * filed violation or an undo names stay, and so do pending and unknown ones
 * (they need the user). The references checked are every column of the
 * schema that names a journal entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJournalStore } from '../../electron/journal/index.js';
import { openDatabase } from '../../electron/store/db.js';

describe('journal retention', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-journal-retention-'));
  const db = openDatabase(path.join(dir, 'inbox-guard.sqlite'));
  const store = createJournalStore(db);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const OLD = '2026-01-01T00:00:00.000Z';
  const CUTOFF = '2026-06-01T00:00:00.000Z';
  const RECENT = '2026-11-01T00:00:00.000Z';
  /** An entry that ended (or not) at `at`, in `state`. */
  const entry = (state: string, at: string | null, undoOf: number | null = null, account = 'a') =>
    Number(
      db
        .prepare(
          `INSERT INTO journal (account_id, kind, intent, state, created_at, finished_at, undo_of)
           VALUES (?, 'move', '{}', ?, ?, ?, ?)`,
        )
        .run(account, state, at ?? OLD, at, undoOf).lastInsertRowid,
    );
  const left = () => db.prepare(`SELECT id FROM journal ORDER BY id`).pluck().all() as number[];

  it('drops old ended entries nothing rests on, and keeps the rest', () => {
    const oldDone = entry('done', OLD);
    const oldFailed = entry('failed', OLD);
    const recentDone = entry('done', RECENT);
    const pending = entry('pending', null);
    const unknown = entry('unknown', OLD);
    const otherAccount = entry('done', OLD, null, 'b');
    // An undone move and its undo: the undo goes first, its original at the next pass.
    const undone = entry('undone', OLD);
    const undo = entry('done', OLD, undone);
    // Named by a rule run still in the history, an objection request, a filed violation.
    const byRun = entry('done', OLD);
    db.prepare(
      `INSERT INTO rule_runs (id, account_id, started_at, state) VALUES (1, 'a', ?, 'done')`,
    ).run(OLD);
    db.prepare(
      `INSERT INTO rule_run_actions (run_id, journal_id, rule_id, folder, count) VALUES (1, ?, 1, 'Trash', 1)`,
    ).run(byRun);
    const byRequest = entry('done', OLD);
    db.prepare(
      `INSERT INTO objection_cases (id, account_id, identity, advertiser_domain, opened_at) VALUES (1, 'a', 'me@x.fr', 'ad.fr', ?)`,
    ).run(OLD);
    db.prepare(
      `INSERT INTO objection_requests (case_id, journal_id, channel, recipient, raw, raw_sha256, created_at)
       VALUES (1, ?, 'letter', 'dpo@ad.fr', x'00', '0', ?)`,
    ).run(byRequest, OLD);
    const byViolation = entry('done', OLD);
    db.prepare(
      `INSERT INTO objection_violations (case_id, message_id, received_at, raw, raw_sha256, dkim_result, dkim_checked_at, filed_journal_id)
       VALUES (1, 1, ?, x'00', '0', 'none', ?, ?)`,
    ).run(OLD, OLD, byViolation);

    expect(store.dropEndedBefore('a', CUTOFF)).toBe(3);
    const kept = [
      recentDone,
      pending,
      unknown,
      otherAccount,
      undone,
      byRun,
      byRequest,
      byViolation,
    ];
    expect(left()).toEqual(kept);
    expect(left()).not.toContain(oldDone);
    expect(left()).not.toContain(oldFailed);
    expect(left()).not.toContain(undo);
    // Its undo gone, the undone entry goes at the next pass.
    expect(store.dropEndedBefore('a', CUTOFF)).toBe(1);
    expect(left()).not.toContain(undone);
    // Once the rule run leaves the history, its entries may go too.
    db.prepare(`DELETE FROM rule_runs WHERE id = 1`).run();
    expect(store.dropEndedBefore('a', CUTOFF)).toBe(1);
    expect(left()).not.toContain(byRun);
  });

  it('knows every column that names a journal entry', () => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .pluck()
      .all() as string[];
    const references = tables.flatMap((table) =>
      (
        db.prepare(`SELECT "table", "from" FROM pragma_foreign_key_list(?)`).all(table) as Array<{
          table: string;
          from: string;
        }>
      )
        .filter((fk) => fk.table === 'journal')
        .map((fk) => `${table}.${fk.from}`),
    );
    // A new one must be added to dropEndedBefore's conditions (else the delete would fail).
    expect(references.sort()).toEqual([
      'journal.undo_of',
      'objection_requests.journal_id',
      'rule_run_actions.journal_id',
    ]);
  });
});
