/**
 * The preselect's SQL filter narrows what the matcher reads and must never
 * drop a message a rule would touch: over a store of awkward messages (mixed
 * case, non-ASCII and dotted senders, odd dates, no verdict, two places,
 * \Deleted, Sent), every rule's evaluation with the filter equals the
 * evaluation over every stored place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/db.js';
import { evaluateRules } from '../../electron/rules/evaluate.js';
import type { MatchContext, RuleSpec } from '../../electron/rules/match.js';
import { rulesFilter } from '../../electron/rules/preselect.sql.js';
import { createRulesStore } from '../../electron/rules/rules.sql.js';
import { RELATED_BY_SIGNALS } from '../../electron/store/migrations/0021-rules-relationship-index.js';
import type { RuleCondition } from '../../shared/api/rules.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const db = openDatabase(':memory:');
const store = createRulesStore(db);
afterAll(() => db.close());

const pick = <T>(list: readonly T[], i: number, salt: number): T =>
  list[(i * 7 + salt * 13 + ((i * salt) % 5)) % list.length]!;

const SENDERS = [
  'news@promo.fr',
  'News@Promo.FR',
  'offres@mail.promo.fr',
  'x@promo.fr.',
  'ünï@promo.fr',
  'friend@brand.fr',
  'a_b%c@other.fr',
  null,
];
const VERDICTS = ['newsletter', 'cold_prospecting', 'spam', 'personal', 'list_discussion', null];
const DATES = ['2026-10-01T10:00:00.000Z', '2026-11-30T23:00:00.000Z', '2026-10-31T23:59:59Z'];
const FLAGS = ['', '\\Seen', '\\Seen \\Flagged', '\\flagged', '\\Deleted \\Seen', '$Label'];
const DETAILS = [
  '{"signals":[{"code":"router"}],"legalFlags":[]}',
  '{"signals":[{"code":"reply_in_thread"}],"legalFlags":[]}',
  '{"legalFlags":[],"signals":[{"code":"wrote_to_sender"}]}',
  '{"signals":[{"code":"marketing_words","params":{"phrase":"\\"code\\":\\"reply_in_thread\\""}}],"legalFlags":[]}',
];

function fill(): void {
  const at = '2026-01-01T00:00:00.000Z';
  for (const id of ['a', 'b'])
    db.prepare(
      `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at)
       VALUES (?, 'imap', ?, ?, 'custom', ?, ?)`,
    ).run(id, id, `${id}@exemple.fr`, at, at);
  const folders: Array<[number, string, string, string | null]> = [
    [1, 'a', 'INBOX', 'inbox'],
    [2, 'a', 'Promos', null],
    [3, 'a', 'Sent', 'sent'],
    [4, 'a', 'Trash', 'trash'],
    [5, 'b', 'INBOX', 'inbox'],
  ];
  for (const [id, account, path, special] of folders)
    db.prepare(
      `INSERT INTO folders (id, account_id, path, name, special_use) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, account, path, path, special);
  db.prepare(
    `INSERT INTO identities (address, kind, visibility, origin) VALUES
      ('alice@exemple.fr', 'personal', 'private', 'account'),
      ('alice@work.fr', 'professional', 'public', 'account')`,
  ).run();
  for (let i = 1; i <= 300; i++) {
    const [folderId, account] = pick(
      [
        [1, 'a'],
        [1, 'a'],
        [2, 'a'],
        [3, 'a'],
        [4, 'a'],
        [5, 'b'],
      ] as const,
      i,
      1,
    );
    db.prepare(
      `INSERT INTO messages (id, account_id, from_address, subject, date, internal_date)
       VALUES (?, ?, ?, 's', ?, ?)`,
    ).run(
      i,
      account,
      pick(SENDERS, i, 2),
      i % 11 === 0 ? null : pick(DATES, i, 3),
      pick(DATES, i, 4),
    );
    const place = db.prepare(
      `INSERT INTO message_locations (folder_id, uid, message_id, account_id, flags)
       VALUES (?, ?, ?, ?, ?)`,
    );
    place.run(folderId, i, i, account, pick(FLAGS, i, 5));
    if (i % 9 === 0 && account === 'a') place.run(2, 1000 + i, i, account, '');
    const verdict = pick(VERDICTS, i, 6);
    if (verdict === null) continue;
    db.prepare(
      `INSERT INTO classifications (message_id, verdict, score, unsolicited, router_id,
         advertiser_domain, identity, identity_leaked, detail, classified_at)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    ).run(
      i,
      verdict,
      pick([0.5, 0.8, 0.95], i, 7),
      pick(['mailchimp', 'brevo', null], i, 8),
      pick(['promo.fr', 'PROMO.fr', null, 'brand.fr'], i, 9),
      pick(['alice@exemple.fr', 'Alice@Work.fr', null], i, 10),
      i % 4 === 0 ? 1 : 0,
      pick(DETAILS, i, 11),
      at,
    );
  }
}
fill();

const ctx: MatchContext = {
  wroteTo: new Set(['friend@brand.fr']),
  wroteToDomains: new Set(),
  wanted: new Set(),
  defaultMinConfidence: 0.8,
  blockedRouters: new Set(['brevo']),
  objections: new Map([['promo.fr', new Set(['violated'])]]),
  now: NOW,
};

const CONDITIONS: RuleCondition[] = [
  { field: 'verdict', verdicts: ['newsletter'] },
  { field: 'verdict', verdicts: ['spam', 'cold_prospecting'], minConfidence: 0.5 },
  { field: 'router', routers: ['mailchimp'] },
  { field: 'blockedRouter' },
  { field: 'objection', status: 'violated' },
  { field: 'advertiser', domains: ['promo.fr'] },
  { field: 'sender', senders: ['promo.fr'] },
  { field: 'sender', senders: ['news@promo.fr', 'a_b%c@other.fr'] },
  { field: 'identity', addresses: ['alice@work.fr'] },
  { field: 'quadrant', kind: 'personal', visibility: 'private', leaked: true },
  { field: 'quadrant', leaked: false },
  { field: 'relationship', value: 'none' },
  { field: 'age', olderThanDays: 30 },
  { field: 'folder', paths: ['Promos', 'Trash'] },
  { field: 'read', value: true },
  { field: 'read', value: false },
  { field: 'flagged', value: true },
];

const rule = (id: number, conditions: RuleCondition[], o: Partial<RuleSpec> = {}): RuleSpec => ({
  id,
  accountId: null,
  match: 'all',
  conditions,
  actions: [{ type: 'move', folder: 'Archive' }],
  stop: false,
  allowPurge: false,
  ...o,
});

function evaluate(rules: RuleSpec[], filtered: boolean) {
  const rows = store.candidates({
    accountIds: ['a', 'b'],
    filter: filtered ? rulesFilter(rules, ctx) : { sql: '1', params: {} },
    withHeaders: false,
    withSubjects: true,
  });
  const e = evaluateRules(rules, rows, ctx, { trashOf: () => 'Trash', hitLimit: 1000 });
  return { e, read: rows.length };
}

describe('the preselect filter', () => {
  it('keeps every message each condition would match, alone and combined', () => {
    const rules: RuleSpec[] = [
      ...CONDITIONS.map((c, i) => rule(i + 1, [c])),
      rule(50, [CONDITIONS[0]!, CONDITIONS[12]!, CONDITIONS[14]!]),
      rule(51, [CONDITIONS[2]!, CONDITIONS[13]!], { match: 'any' }),
      rule(52, [CONDITIONS[5]!], { accountId: 'b' }),
      rule(53, [], { match: 'any' }),
      rule(54, []),
    ];
    let narrowed = 0;
    for (const r of rules) {
      const all = evaluate([r], false);
      const some = evaluate([r], true);
      expect(some.e, JSON.stringify(r.conditions)).toEqual(all.e);
      if (some.read < all.read) narrowed++;
    }
    // The filter does narrow: most single conditions read fewer rows than the whole store.
    expect(narrowed).toBeGreaterThan(rules.length / 2);
    // Together, in order, with stop: the same steps, counts and hits.
    const ordered = rules.map((r, i) => ({ ...r, stop: i % 3 === 0 }));
    expect(evaluate(ordered, true).e).toEqual(evaluate(ordered, false).e);
  });

  it('reads a large store a page at a time and hands back every candidate once, in order', () => {
    const pre = {
      accountIds: ['a', 'b'],
      filter: { sql: '1', params: {} },
      withHeaders: false,
      withSubjects: true,
    };
    const whole = store.candidates(pre);
    // Several folders, so that pages end inside one folder and at the edge of another.
    expect(new Set(whole.map((r) => r.folderId)).size).toBeGreaterThan(2);
    for (const pageSize of [1, 7, 64, whole.length, whole.length + 1])
      expect(store.candidates(pre, pageSize), `pages of ${pageSize}`).toEqual(whole);
    const keys = whole.map((r) => [r.folderId, r.uid]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('never hands a rule a place flagged \\Deleted (gone as far as the user sees)', () => {
    const rows = store.candidates({
      accountIds: ['a', 'b'],
      filter: { sql: '1', params: {} },
      withHeaders: false,
      withSubjects: false,
    });
    const deleted = db
      .prepare(`SELECT COUNT(*) FROM message_locations WHERE flags LIKE '%\\Deleted%'`)
      .pluck()
      .get() as number;
    expect(deleted).toBeGreaterThan(0);
    expect(rows.some((r) => r.flags.includes('\\Deleted'))).toBe(false);
    expect(rows.length).toBe(
      (db.prepare(`SELECT COUNT(*) FROM message_locations`).pluck().get() as number) - deleted,
    );
  });

  it('reads the relationship signals wherever detection put them, and only real ones', () => {
    const rows = store.candidates({
      accountIds: ['a', 'b'],
      filter: { sql: '1', params: {} },
      withHeaders: false,
      withSubjects: true,
    });
    const byDetail = new Map<string, number>();
    for (const r of rows) {
      const detail = db
        .prepare(`SELECT detail FROM classifications WHERE message_id = ?`)
        .pluck()
        .get(r.messageId) as string | undefined;
      if (detail) byDetail.set(detail, r.repliedOrWrote);
    }
    expect(DETAILS.map((d) => byDetail.get(d))).toEqual([0, 1, 1, 0]);
  });

  it("finds the related messages through migration 0021's index, not by reading every detail", () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT message_id FROM classifications WHERE ${RELATED_BY_SIGNALS}`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX classifications_related\b/);
  });

  it("hands a List-Id rule each candidate's own header block", () => {
    const headers = (id: number) =>
      Buffer.from(`From: x@promo.fr\r\nList-Id: Promo <list${id % 3}.promo.fr>\r\n\r\n`);
    const insert = db.prepare(`INSERT INTO message_headers (message_id, raw) VALUES (?, ?)`);
    for (let id = 1; id <= 300; id += 2) insert.run(id, headers(id));
    const listRule = rule(60, [{ field: 'list', listIds: ['list1.promo.fr'] }]);
    const rows = store.candidates({
      accountIds: ['a', 'b'],
      filter: rulesFilter([listRule], ctx),
      withHeaders: true,
      withSubjects: false,
    });
    for (const r of rows)
      expect(r.headers?.toString() ?? null).toBe(
        r.messageId % 2 === 1 ? headers(r.messageId).toString() : null,
      );
    const { counts } = evaluateRules([listRule], rows, ctx, {
      trashOf: () => 'Trash',
      hitLimit: 0,
    });
    expect(counts.reduce((n, c) => n + c.count, 0)).toBeGreaterThan(0);
    db.prepare(`DELETE FROM message_headers`).run();
  });
});
