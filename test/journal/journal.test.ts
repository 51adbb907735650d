/**
 * The journal on its own (SQLite files, no server): an intent is committed
 * the moment it is written, an interrupted entry becomes unknown and stays
 * so, and undo runs a declared inverse as a new entry that marks the
 * original undone — or refuses, saying why.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createJournal,
  createJournalStore,
  describeEntry,
  undoEntry,
  type ActionKinds,
  type Journal,
} from '../../electron/journal/index.js';
import { openDatabase, runMigrations, schemaVersion } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';

type Toggle = { kind: 'toggle'; to: boolean };

/** A toy kind: a switch that undoes by switching back, and one that cannot be undone. */
const kinds: ActionKinds<Toggle> = {
  toggle: {
    describe: (e) => ({
      en: `Switch to ${String((e.intent as Toggle).to)}`,
      fr: `Passage à ${String((e.intent as Toggle).to)}`,
    }),
    inverse: (e) => ({ action: { kind: 'toggle', to: !(e.intent as Toggle).to } }),
  },
  send: {
    describe: () => ({ en: 'Sending of a letter', fr: 'Envoi d’une lettre' }),
    inverse: () => ({
      notUndoable: { en: 'A letter sent cannot be recalled.', fr: 'Une lettre envoyée…' },
    }),
  },
};

const dirs: string[] = [];
function dataFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-journal-'));
  dirs.push(dir);
  return path.join(dir, 'inbox-guard.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs an action the way the write path does: intent, then the "server", then the outcome. */
function perform(journal: Journal, action: Toggle, undoOf?: number) {
  const entry = journal.begin('acc', action.kind, action, undoOf ? { undoOf } : {});
  return Promise.resolve(journal.complete(entry.id, { switched: action.to }));
}

describe('migration 0009-journal', () => {
  it('creates the journal, whose states are checked by the database', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 9));
    expect(schemaVersion(db)).toBe(9);
    const insert = (state: string) =>
      db
        .prepare(
          `INSERT INTO journal (account_id, kind, intent, state, created_at) VALUES ('a', 'move', '{}', ?, 't')`,
        )
        .run(state);
    expect(() => insert('pending')).not.toThrow();
    expect(() => insert('half-done')).toThrow(/CHECK/);
  });
});

describe('journal', () => {
  it('commits the intent before returning: another connection reads it while the action runs', () => {
    const file = dataFile();
    const db = openDatabase(file);
    const journal = createJournal(createJournalStore(db));
    const entry = journal.begin('acc', 'move', { from: 'INBOX', to: 'Archive', uids: [1, 2, 3] });
    const other = new BetterSqlite3(file, { readonly: true });
    expect(other.prepare(`SELECT state, intent FROM journal WHERE id = ?`).get(entry.id)).toEqual({
      state: 'pending',
      intent: JSON.stringify({ from: 'INBOX', to: 'Archive', uids: [1, 2, 3] }),
    });
    journal.complete(entry.id, { uidMap: [[1, 10]] });
    expect(other.prepare(`SELECT state FROM journal WHERE id = ?`).pluck().get(entry.id)).toBe(
      'done',
    );
    other.close();
    db.close();
  });

  it('refuses to end an entry twice rather than rewrite what happened', () => {
    const journal = createJournal(createJournalStore(openDatabase(':memory:')));
    const entry = journal.begin('acc', 'move', {});
    journal.fail(entry.id, { code: 'NOT_FOUND', message: 'no such folder' });
    expect(() => journal.complete(entry.id, {})).toThrow(/not pending/);
    expect(journal.get(entry.id)).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND' },
      outcome: null,
    });
  });

  it('at start, marks what a dead process left pending unknown, and leaves the rest', () => {
    const file = dataFile();
    const first = openDatabase(file);
    const j1 = createJournal(createJournalStore(first));
    const done = j1.begin('acc', 'move', { n: 1 });
    j1.complete(done.id, { ok: true });
    const cut = j1.begin('acc', 'move', { n: 2 });
    first.close(); // the process dies here, between intent and outcome

    const again = openDatabase(file);
    const j2 = createJournal(createJournalStore(again));
    expect(j2.recoverInterrupted()).toEqual([cut.id]);
    expect(j2.get(cut.id)).toMatchObject({ state: 'unknown', error: { code: 'INTERRUPTED' } });
    expect(j2.get(done.id)?.state).toBe('done');
    // Nothing is retried, and a second start finds nothing more to mark.
    expect(j2.recoverInterrupted()).toEqual([]);
    expect(j2.list({ limit: 10 }).map((e) => e.id)).toEqual([cut.id, done.id]);
    again.close();
  });
});

describe('undo on the journal', () => {
  it('runs the inverse as a new entry that points back, and marks the original undone', async () => {
    const journal = createJournal(createJournalStore(openDatabase(':memory:')));
    const original = await perform(journal, { kind: 'toggle', to: true });
    const undo = await undoEntry(journal, kinds, original.id, (a, undoOf) =>
      perform(journal, a, undoOf),
    );
    expect(undo).toMatchObject({ state: 'done', undoOf: original.id, intent: { to: false } });
    expect(journal.get(original.id)?.state).toBe('undone');
    expect(describeEntry(journal, kinds, journal.get(original.id)!)).toMatchObject({
      state: 'undone',
      undoneBy: undo.id,
      undoable: false,
      sentence: { en: 'Switch to true: done, then undone.' },
    });
    expect(describeEntry(journal, kinds, undo).sentence.fr).toBe(
      `Annulation de l’entrée ${original.id} : Passage à false : fait.`,
    );
    await expect(
      undoEntry(journal, kinds, original.id, (a, u) => perform(journal, a, u)),
    ).rejects.toMatchObject({ code: 'NOT_UNDOABLE', message: /already undone/ });
  });

  it('refuses, saying why, what cannot be undone or whose outcome is unknown', async () => {
    const journal = createJournal(createJournalStore(openDatabase(':memory:')));
    let performed = 0;
    const count = async (a: Toggle, u: number) => {
      performed += 1;
      return perform(journal, a, u);
    };
    const sent = journal.begin('acc', 'send', {});
    journal.complete(sent.id, { smtp: '250 OK' });
    await expect(undoEntry(journal, kinds, sent.id, count)).rejects.toMatchObject({
      code: 'NOT_UNDOABLE',
      message: 'A letter sent cannot be recalled.',
    });
    const cut = journal.begin('acc', 'toggle', { kind: 'toggle', to: true });
    journal.markUnknown(cut.id, { code: 'CONNECTION_LOST', message: 'cut' });
    await expect(undoEntry(journal, kinds, cut.id, count)).rejects.toMatchObject({
      code: 'NOT_UNDOABLE',
      message: /unknown/,
    });
    await expect(undoEntry(journal, kinds, 999, count)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(performed).toBe(0);
    expect(describeEntry(journal, kinds, journal.get(cut.id)!)).toMatchObject({
      undoable: false,
      whyNot: expect.stringMatching(/unknown/),
    });
  });

  it('does not undo again while an earlier undo of the same entry has an unknown outcome', async () => {
    const journal = createJournal(createJournalStore(openDatabase(':memory:')));
    const original = await perform(journal, { kind: 'toggle', to: true });
    const attempt = journal.begin(
      'acc',
      'toggle',
      { kind: 'toggle', to: false },
      {
        undoOf: original.id,
      },
    );
    journal.markUnknown(attempt.id, { code: 'CONNECTION_LOST', message: 'cut' });
    await expect(
      undoEntry(journal, kinds, original.id, (a, u) => perform(journal, a, u)),
    ).rejects.toMatchObject({ code: 'NOT_UNDOABLE', message: /earlier undo/ });
    expect(journal.get(original.id)?.state).toBe('done');
  });
});
