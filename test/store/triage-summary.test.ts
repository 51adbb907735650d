/**
 * Migration 0017's triage summary against the count from scratch: built for
 * an existing store, then kept exact by its triggers and by the batches that
 * write verdicts (migration 0019) through a long random
 * run of the writes the app makes (new mail, verdicts, corrections, moves to
 * and from Trash and Junk, copies, expunges, merged duplicates, deleted
 * messages, a folder becoming Junk, changed dates, a removed account).
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createLocationsStore, type LocationsStore } from '../../electron/mailbox/locations.sql.js';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import {
  createTriageSummaryWriter,
  type TriageSummaryWriter,
} from '../../electron/triage/summary.sql.js';
import { summaryAndScratch } from '../support/triage-scratch.sql.js';

const ACCOUNTS = ['acc-a', 'acc-b'];
const FOLDERS = [
  ['INBOX', 'inbox'],
  ['Archive', null],
  ['Trash', 'trash'],
  ['Junk', 'junk'],
] as const;
const LEGAL = JSON.stringify([
  { code: 'personal_no_consent', en: 'no consent', fr: 'sans consentement' },
]);

function randomStore(seed: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  let state = seed;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  let nextUid = 1;
  let nextMessage = 1;
  const folderIds = new Map<string, number[]>();

  const insertAccount = () => {
    const at = '2026-12-01T00:00:00Z';
    for (const id of ACCOUNTS) {
      db.prepare(
        `INSERT INTO accounts (id, kind, name, email, provider, origin, created_at,
        updated_at) VALUES (?, 'local', ?, ?, 'custom', 'test', ?, ?)`,
      ).run(id, id, `${id}@x.example`, at, at);
      folderIds.set(
        id,
        FOLDERS.map(([path, use]) =>
          Number(
            db
              .prepare(
                `INSERT INTO folders (account_id, path, name, special_use) VALUES (?, ?, ?, ?)`,
              )
              .run(id, path, path, use).lastInsertRowid,
          ),
        ),
      );
    }
  };
  const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
  const message = () => pick(ids(`SELECT id FROM messages`));
  const accountOf = (id: number) =>
    db.prepare(`SELECT account_id FROM messages WHERE id = ?`).pluck().get(id) as string;
  const place = (id: number) => {
    const folder = pick(folderIds.get(accountOf(id))!);
    db.prepare(
      `INSERT INTO message_locations (folder_id, uid, message_id, account_id) VALUES (?, ?, ?, ?)`,
    ).run(folder, nextUid++, id, accountOf(id));
  };
  // Verdicts are written in batches that keep the summary exact (migration 0019), once it exists.
  let summaryWriter: TriageSummaryWriter | null = null;
  let locations: LocationsStore | null = null;
  const inBatch = (ids: number[], write: () => void) =>
    summaryWriter ? summaryWriter.aroundVerdicts(ids, write) : write();
  const verdict = (id: number) => inBatch([id], () => writeVerdict(id));
  const writeVerdict = (id: number) => {
    const adv = pick([null, 'a.example', 'b.example', 'c.example']);
    db.prepare(
      `INSERT INTO classifications (message_id, verdict, score, unsolicited, router_id, router_name,
        advertiser_domain, advertiser_name, identity, identity_leaked, detail, classified_at)
      VALUES (?, ?, 0.9, ?, ?, ?, ?, ?, ?, ?, ?, 'now')
      ON CONFLICT (message_id) DO UPDATE SET verdict = excluded.verdict, unsolicited = excluded.unsolicited,
        router_id = excluded.router_id, router_name = excluded.router_name,
        advertiser_domain = excluded.advertiser_domain, advertiser_name = excluded.advertiser_name,
        identity = excluded.identity, identity_leaked = excluded.identity_leaked, detail = excluded.detail`,
    ).run(
      id,
      pick(['newsletter', 'spam', 'cold_prospecting', 'personal']),
      random() < 0.8 ? 1 : 0,
      ...(() => {
        const r = pick([null, 'mailchimp', 'brevo']);
        return [r, r && `${r} name ${Math.floor(random() * 3)}`];
      })(),
      adv,
      adv && `Name of ${adv} ${Math.floor(random() * 3)}`,
      pick([null, 'me@x.example', 'me+shop@x.example']),
      random() < 0.3 ? 1 : 0,
      JSON.stringify({ legalFlags: random() < 0.4 ? JSON.parse(LEGAL) : [] }),
    );
  };
  const newMessage = () => {
    const id = nextMessage++;
    const account = pick(ACCOUNTS);
    db.prepare(
      `INSERT INTO messages (id, account_id, date, internal_date) VALUES (?, ?, ?, ?)`,
    ).run(
      id,
      account,
      random() < 0.1 ? null : `2026-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      '2026-11-30',
    );
    place(id);
    return id;
  };
  const location = () =>
    pick(
      db
        .prepare(
          `SELECT folder_id AS folderId, uid, message_id AS messageId, account_id AS accountId FROM message_locations`,
        )
        .all() as Array<{ folderId: number; uid: number; messageId: number; accountId: string }>,
    );

  const writes: Record<string, () => void> = {
    sync: () => newMessage(),
    classify: () => {
      const id = pick(
        ids(`SELECT id FROM messages WHERE id NOT IN (SELECT message_id FROM classifications)`),
      );
      if (id) verdict(id);
    },
    correct: () => {
      const id = pick(ids(`SELECT message_id FROM classifications`));
      if (id) verdict(id);
    },
    // A detection chunk: several messages, classified or not, some of them twice.
    classifyBatch: () => {
      const all = ids(`SELECT id FROM messages`);
      const batch = Array.from({ length: 1 + Math.floor(random() * 25) }, () => pick(all));
      const unique = [...new Set(batch.filter((id) => id !== undefined))];
      inBatch(unique, () => batch.forEach((id) => id !== undefined && writeVerdict(id)));
    },
    shownChanges: () =>
      db
        .prepare(
          `UPDATE classifications SET router_name = router_name || '+', detail = ? WHERE message_id = ?`,
        )
        .run(JSON.stringify({ legalFlags: JSON.parse(LEGAL) }), message() ?? 0),
    move: () => {
      const l = location();
      // Through the app's only writer of places: a move into or out of Trash or Junk is a new
      // place and a removed one there (migration 0022), whatever the folders.
      if (l)
        locations!.relocate(
          { folderId: l.folderId, uid: l.uid },
          { folderId: pick(folderIds.get(l.accountId)!)!, uid: nextUid++ },
        );
    },
    copy: () => {
      const id = message();
      if (id) place(id);
    },
    expunge: () => {
      const l = location();
      if (l)
        db.prepare(`DELETE FROM message_locations WHERE folder_id = ? AND uid = ?`).run(
          l.folderId,
          l.uid,
        );
    },
    deleteMessage: () => db.prepare(`DELETE FROM messages WHERE id = ?`).run(message() ?? 0),
    forgetVerdict: () =>
      db.prepare(`DELETE FROM classifications WHERE message_id = ?`).run(message() ?? 0),
    merge: () => {
      const a = message();
      const b = message();
      if (!a || !b || a === b || accountOf(a) !== accountOf(b)) return;
      db.transaction(() => {
        db.prepare(`UPDATE message_locations SET message_id = ? WHERE message_id = ?`).run(b, a);
        db.prepare(`DELETE FROM messages WHERE id = ?`).run(a);
      })();
    },
    folderUse: () =>
      db
        .prepare(
          `UPDATE folders SET special_use = CASE WHEN special_use IS NULL THEN 'junk' WHEN special_use = 'junk' AND path = 'Archive' THEN NULL ELSE special_use END WHERE id = ?`,
        )
        .run(pick([...folderIds.values()].flat())),
    redate: () =>
      db
        .prepare(`UPDATE messages SET date = ? WHERE id = ?`)
        .run(pick([null, '2026-12-02', '2026-10-01']), message() ?? 0),
  };
  return {
    db,
    build() {
      runMigrations(db, MIGRATIONS.slice(0, 15));
      insertAccount();
      for (let i = 0; i < 60; i++) newMessage();
      for (let i = 0; i < 50; i++) writes.classify!();
      for (let i = 0; i < 10; i++) writes.copy!();
    },
    /** From now on, verdicts go through the summary's batches (after the migrations). */
    batchVerdicts() {
      summaryWriter = createTriageSummaryWriter(db);
      locations = createLocationsStore(db);
    },
    step() {
      const name = pick(Object.keys(writes));
      writes[name]!();
      return name;
    },
  };
}

describe('migration 0017: the triage summary', () => {
  it('equals the count from scratch once built, and after every write of a random run', () => {
    const store = randomStore(17);
    store.build();
    runMigrations(store.db, MIGRATIONS);
    store.batchVerdicts();
    const first = summaryAndScratch(store.db, ACCOUNTS);
    expect(first.summary).toEqual(first.scratch);
    expect(first.summary['advertiser/all']!.length).toBeGreaterThan(2);

    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const write = store.step();
      seen.add(write);
      const { summary, scratch } = summaryAndScratch(store.db, ACCOUNTS);
      expect(summary, `after write ${i} (${write})`).toEqual(scratch);
    }
    expect(seen.size).toBe(13);
    expect(summaryAndScratch(store.db, ACCOUNTS).summary['verdict/all']!.length).toBeGreaterThan(0);

    // A removed account takes its mail out of the triage.
    store.db.prepare(`DELETE FROM accounts WHERE id = ?`).run(ACCOUNTS[0]);
    const after = summaryAndScratch(store.db, ACCOUNTS);
    expect(after.summary).toEqual(after.scratch);
    expect(after.summary[`verdict/${ACCOUNTS[0]}`]).toEqual([]);
    store.db.close();
  });
});

describe('migration 0017: the triage order', () => {
  it('reads a page of the largest groups and the totals from the count index alone', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((p) => p.detail)
        .join('\n');
    const page = plan(`SELECT * FROM triage_groups WHERE grouping = 'advertiser'
      AND account_id = '' ORDER BY count DESC, key LIMIT 100 OFFSET 0`);
    expect(page).toMatch(/USING INDEX triage_groups_by_count/);
    expect(page).not.toMatch(/TEMP B-TREE/);
    expect(
      plan(`SELECT COUNT(*), SUM(count) FROM triage_groups
        WHERE grouping = 'advertiser' AND account_id = ''`),
    ).toMatch(/USING COVERING INDEX triage_groups_by_count/);
    db.close();
  });
});
