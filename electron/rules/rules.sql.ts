/**
 * The rules' SQL: the rules themselves, the history of runs, and the
 * preselect that reads the stored messages a set of rules may touch (the
 * pure matcher in match.ts has the last word on each).
 */
import type { Database } from '../store/db.js';
import { RELATED_BY_SIGNALS } from '../store/migrations/0021-rules-relationship-index.js';
import type { SqlFilter } from './preselect.sql.js';
import { writeTransaction } from '../store/transaction.js';

export interface RuleRow {
  id: number;
  position: number;
  name: string;
  enabled: number;
  accountId: string | null;
  spec: string;
  suggestion: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A stored message at one place, with what the rules read of it. */
export interface CandidateRow {
  accountId: string;
  folderId: number;
  folder: string;
  specialUse: string | null;
  uid: number;
  flags: string;
  messageId: number;
  fromAddress: string | null;
  subject: string;
  date: string | null;
  verdict: string | null;
  score: number | null;
  router: string | null;
  advertiser: string | null;
  identity: string | null;
  identityKind: string | null;
  identityVisibility: string | null;
  leaked: number | null;
  /** 1 when detection saw the user reply in the thread or write to the sender. */
  repliedOrWrote: number;
  /** The message's other folders (newline-separated), or null: a move already made shows there. */
  otherFolders: string | null;
  /** The raw header block, only when a rule reads List-Id. */
  headers: Buffer | null;
}

/** What SQL narrows before the matcher: the accounts, and the rules' own filter. */
export interface Preselect {
  accountIds: readonly string[];
  /** preselect.sql.ts's rulesFilter: the places some rule may touch. */
  filter: SqlFilter;
  withHeaders: boolean;
  /** Subjects are read for a preview's list only (empty otherwise). */
  withSubjects: boolean;
}

export interface RunActionRow {
  runId: number;
  journalId: number;
  ruleId: number;
  folder: string;
  count: number;
}

export interface RunRow {
  id: number;
  accountId: string;
  startedAt: string;
  finishedAt: string | null;
  state: 'running' | 'done' | 'failed' | 'interrupted';
  error: string | null;
}

export interface RulesReader {
  list(): RuleRow[];
  get(id: number): RuleRow | undefined;
  /** `pageSize`: rows per query (tests make it small; the app uses CANDIDATES_PAGE). */
  candidates(pre: Preselect, pageSize?: number): CandidateRow[];
  /** Relationship facts the matcher reads: addresses and domains written to, wanted senders. */
  relationshipFacts(): { addresses: string[]; domains: string[]; wanted: string[] };
  runs(query: { accountId?: string; limit: number }): RunRow[];
  run(id: number): RunRow | undefined;
  runActions(runId: number): RunActionRow[];
}

export interface RulesWriter {
  insert(row: Omit<RuleRow, 'id' | 'position'>): number;
  update(id: number, row: Omit<RuleRow, 'id' | 'position' | 'createdAt' | 'suggestion'>): boolean;
  remove(id: number): boolean;
  /** Positions 1..n in this order. */
  reorder(ids: readonly number[]): void;
  startRun(accountId: string, at: string): number;
  recordRunAction(row: RunActionRow): void;
  finishRun(id: number, state: RunRow['state'], error: string | null, at: string): void;
  /** Runs a dead process left running. */
  interruptRunning(at: string): number;
  /** Runs older than this date go, with their rows (the journal keeps its entries). */
  dropRunsBefore(at: string): number;
  transaction<T>(fn: () => T): T;
}

export type RulesStore = RulesReader & RulesWriter;

const RULE_COLUMNS = `id, position, name, enabled, account_id AS accountId, spec, suggestion,
  created_at AS createdAt, updated_at AS updatedAt`;
const RUN_COLUMNS = `id, account_id AS accountId, started_at AS startedAt,
  finished_at AS finishedAt, state, error`;

export function createRulesStore(db: Database): RulesStore {
  const list = db.prepare(`SELECT ${RULE_COLUMNS} FROM rules ORDER BY position, id`);
  const get = db.prepare(`SELECT ${RULE_COLUMNS} FROM rules WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO rules (position, name, enabled, account_id, spec,
      suggestion, created_at, updated_at)
    VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM rules), @name, @enabled, @accountId,
      @spec, @suggestion, @createdAt, @updatedAt)`);
  const update = db.prepare(`UPDATE rules SET name = @name, enabled = @enabled,
    account_id = @accountId, spec = @spec, updated_at = @updatedAt WHERE id = @id`);
  const remove = db.prepare(`DELETE FROM rules WHERE id = ?`);
  const position = db.prepare(`UPDATE rules SET position = ? WHERE id = ?`);
  const addresses = db.prepare(`SELECT DISTINCT value FROM relationships WHERE kind = 'address'`);
  const domains = db.prepare(`SELECT DISTINCT value FROM relationships WHERE kind = 'domain'`);
  const wanted = db.prepare(`SELECT sender FROM sender_decisions WHERE decision = 'wanted'`);
  const startRun = db.prepare(
    `INSERT INTO rule_runs (account_id, started_at, state) VALUES (?, ?, 'running')`,
  );
  const recordAction = db.prepare(`INSERT INTO rule_run_actions (run_id, journal_id, rule_id,
    folder, count) VALUES (@runId, @journalId, @ruleId, @folder, @count)`);
  const finishRun = db.prepare(
    `UPDATE rule_runs SET state = ?, error = ?, finished_at = ? WHERE id = ?`,
  );
  const interrupt = db.prepare(`UPDATE rule_runs SET state = 'interrupted', finished_at = ?,
    error = 'Inbox Guard stopped during this run.' WHERE state = 'running'`);
  const dropRuns = db.prepare(`DELETE FROM rule_runs WHERE started_at < ? AND state != 'running'`);
  const runsAll = db.prepare(`SELECT ${RUN_COLUMNS} FROM rule_runs ORDER BY id DESC LIMIT ?`);
  const runsOf = db.prepare(
    `SELECT ${RUN_COLUMNS} FROM rule_runs WHERE account_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const run = db.prepare(`SELECT ${RUN_COLUMNS} FROM rule_runs WHERE id = ?`);
  const runActions = db.prepare(`SELECT run_id AS runId, journal_id AS journalId,
    rule_id AS ruleId, folder, count FROM rule_run_actions WHERE run_id = ? ORDER BY journal_id`);
  const plucked = (s: ReturnType<Database['prepare']>) => s.pluck().all() as string[];

  return {
    list: () => list.all() as RuleRow[],
    get: (id) => get.get(id) as RuleRow | undefined,
    candidates: (pre, pageSize = CANDIDATES_PAGE) => readCandidates(db, pre, pageSize),
    relationshipFacts: () => ({
      addresses: plucked(addresses),
      domains: plucked(domains),
      wanted: plucked(wanted),
    }),
    runs: ({ accountId, limit }) =>
      (accountId ? runsOf.all(accountId, limit) : runsAll.all(limit)) as RunRow[],
    run: (id) => run.get(id) as RunRow | undefined,
    runActions: (runId) => runActions.all(runId) as RunActionRow[],
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    update: (id, row) => update.run({ ...row, id }).changes > 0,
    remove: (id) => remove.run(id).changes > 0,
    reorder: (ids) => writeTransaction(db, () => ids.forEach((id, i) => position.run(i + 1, id)))(),
    startRun: (accountId, at) => Number(startRun.run(accountId, at).lastInsertRowid),
    recordRunAction: (row) => void recordAction.run(row),
    finishRun: (id, state, error, at) => void finishRun.run(state, error, at, id),
    interruptRunning: (at) => interrupt.run(at).changes,
    dropRunsBefore: (at) => dropRuns.run(at).changes,
    transaction: (fn) => writeTransaction(db, fn)(),
  };
}

/**
 * The candidates: SQLite hands back the columns that differ per row as one JSON array of arrays
 * (one string for V8's JSON parser costs less than a value at a time through the driver); what
 * many rows share (the folder and its account, the identity's quadrant, the other places of the
 * rare message in two folders, the few messages with a relationship signal, read through
 * migration 0021's index) comes from small side queries, joined here.
 */
function readCandidates(db: Database, pre: Preselect, pageSize: number): CandidateRow[] {
  const folders = new Map(
    (
      db.prepare(`SELECT id, account_id, path, special_use FROM folders`).raw(true).all() as Array<
        [number, string, string, string | null]
      >
    ).map(([id, accountId, path, specialUse]) => [id, { accountId, path, specialUse }]),
  );
  const identities = new Map(
    (
      db.prepare(`SELECT address, kind, visibility FROM identities`).raw(true).all() as Array<
        [string, string | null, string | null]
      >
    ).map(([address, kind, visibility]) => [address, { kind, visibility }]),
  );
  const places = new Map<number, number[]>();
  for (const [messageId, folderId] of db
    .prepare(
      `SELECT message_id, folder_id FROM message_locations WHERE message_id IN
        (SELECT message_id FROM message_locations GROUP BY message_id HAVING count(*) > 1)`,
    )
    .raw(true)
    .iterate() as IterableIterator<[number, number]>)
    places.set(messageId, [...(places.get(messageId) ?? []), folderId]);
  const rows = readCandidatePages(db, pre, pageSize);
  const headers = pre.withHeaders ? readHeaders(db, rows) : undefined;
  const related = new Set(
    db
      .prepare(`SELECT message_id FROM classifications WHERE ${RELATED_BY_SIGNALS}`)
      .pluck()
      .all() as number[],
  );
  return rows.map((r) => {
    const folderId = r[0] as number;
    const messageId = r[3] as number;
    const folder = folders.get(folderId)!;
    const identity = r[11] as string | null;
    const quadrant = identity === null ? undefined : identities.get(identity);
    const others = places.get(messageId)?.filter((id) => id !== folderId);
    return {
      accountId: folder.accountId,
      folderId,
      folder: folder.path,
      specialUse: folder.specialUse,
      uid: r[1] as number,
      flags: r[2] as string,
      messageId,
      fromAddress: r[4] as string | null,
      subject: r[5] as string,
      date: r[6] as string | null,
      verdict: r[7] as string | null,
      score: r[8] as number | null,
      router: r[9] as string | null,
      advertiser: r[10] as string | null,
      identity,
      identityKind: quadrant?.kind ?? null,
      identityVisibility: quadrant?.visibility ?? null,
      leaked: r[12] as number | null,
      repliedOrWrote: related.has(messageId) ? 1 : 0,
      otherFolders: others?.length
        ? others.map((id) => folders.get(id)?.path ?? '').join('\n')
        : null,
      headers: headers?.get(messageId) ?? null,
    };
  });
}

/** The raw header blocks of these candidates' messages (blobs have no JSON form). */
function readHeaders(db: Database, rows: readonly unknown[][]): Map<number, Buffer> {
  const ids = JSON.stringify([...new Set(rows.map((r) => r[3] as number))]);
  return new Map(
    db
      .prepare(
        `SELECT message_id, raw FROM message_headers
          WHERE message_id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .all(ids) as Array<[number, Buffer]>,
  );
}

/**
 * Candidates per query: each page comes as one JSON string, which stays far below V8's limit on
 * a string's length (about 512 MB, some 2 million candidates) whatever the store's size.
 */
export const CANDIDATES_PAGE = 100_000;

/** The candidates' rows, a page at a time in the key's order (folder, UID). */
function readCandidatePages(db: Database, pre: Preselect, pageSize: number): unknown[][] {
  const page = db.prepare(candidatesSql(pre)).pluck();
  const params = { ...pre.filter.params, accountsJson: JSON.stringify(pre.accountIds), pageSize };
  const rows: unknown[][] = [];
  let after = { afterFolder: -1, afterUid: -1 };
  for (;;) {
    // group_concat's order is not the query's: each page is sorted, the pages follow the key.
    const found = (JSON.parse(page.get({ ...params, ...after }) as string) as unknown[][]).sort(
      (a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number),
    );
    for (const row of found) rows.push(row);
    if (found.length < pageSize) return rows;
    const last = found[found.length - 1]!;
    after = { afterFolder: last[0] as number, afterUid: last[1] as number };
  }
}

/**
 * The preselect: every place of the accounts' messages some rule may touch (its filter), less
 * those flagged \\Deleted (gone as far as the user sees; a server without UIDPLUS keeps moved
 * originals so), in readCandidates's column order, one page after the place (folder, UID) given.
 */
function candidatesSql(pre: Preselect): string {
  return `SELECT COALESCE('[' || group_concat(row, ',') || ']', '[]') FROM (
    SELECT json_array(l.folder_id, l.uid, l.flags, m.id, m.from_address,
      ${pre.withSubjects ? 'm.subject' : "''"},
      COALESCE(m.date, m.internal_date), c.verdict, c.score, c.router_id, c.advertiser_domain,
      c.identity, c.identity_leaked) AS row
    FROM message_locations l
    JOIN folders f ON f.id = l.folder_id
    JOIN messages m ON m.id = l.message_id
    LEFT JOIN classifications c ON c.message_id = m.id
    LEFT JOIN identities i ON i.address = c.identity
    WHERE (l.folder_id, l.uid) > (@afterFolder, @afterUid)
      AND l.account_id IN (SELECT value FROM json_each(@accountsJson))
      AND ' ' || l.flags || ' ' NOT LIKE '% \\Deleted %'
      AND ${pre.filter.sql}
    ORDER BY l.folder_id, l.uid LIMIT @pageSize)`;
}
