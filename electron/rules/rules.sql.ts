/**
 * The rules' SQL: the rules themselves, the history of runs, and the
 * preselect that reads the stored messages a set of rules may touch (the
 * pure matcher in match.ts has the last word on each).
 */
import type { Database } from '../store/db.js';

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

/** What SQL can narrow before the matcher: each part is set only when every rule needs it. */
export interface Preselect {
  accountIds: readonly string[];
  verdicts?: readonly string[];
  folders?: readonly string[];
  withHeaders: boolean;
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
  candidates(pre: Preselect): CandidateRow[];
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
    candidates: (pre) => db.prepare(candidatesSql(pre)).all(candidateParams(pre)) as CandidateRow[],
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
    reorder: (ids) => db.transaction(() => ids.forEach((id, i) => position.run(i + 1, id)))(),
    startRun: (accountId, at) => Number(startRun.run(accountId, at).lastInsertRowid),
    recordRunAction: (row) => void recordAction.run(row),
    finishRun: (id, state, error, at) => void finishRun.run(state, error, at, id),
    interruptRunning: (at) => interrupt.run(at).changes,
    dropRunsBefore: (at) => dropRuns.run(at).changes,
    transaction: (fn) => db.transaction(fn)(),
  };
}

function candidateParams(pre: Preselect): Record<string, string> {
  const params: Record<string, string> = { accountsJson: JSON.stringify(pre.accountIds) };
  if (pre.verdicts) params.verdictsJson = JSON.stringify(pre.verdicts);
  if (pre.folders) params.foldersJson = JSON.stringify(pre.folders);
  return params;
}

/**
 * The preselect: every place of the accounts' messages, less those flagged \Deleted (gone as
 * far as the user sees; a server without UIDPLUS keeps moved originals so), narrowed by
 * verdict and folder when every rule names them. Named parameters only, from `pre`.
 */
function candidatesSql(pre: Preselect): string {
  const where = [
    `l.account_id IN (SELECT value FROM json_each(@accountsJson))`,
    `' ' || l.flags || ' ' NOT LIKE '% \\Deleted %'`,
  ];
  if (pre.verdicts) where.push(`c.verdict IN (SELECT value FROM json_each(@verdictsJson))`);
  if (pre.folders) where.push(`f.path IN (SELECT value FROM json_each(@foldersJson))`);
  return `SELECT l.account_id AS accountId, l.folder_id AS folderId, f.path AS folder,
      f.special_use AS specialUse, l.uid, l.flags, m.id AS messageId,
      m.from_address AS fromAddress, m.subject, COALESCE(m.date, m.internal_date) AS date,
      c.verdict, c.score, c.router_id AS router, c.advertiser_domain AS advertiser,
      c.identity, i.kind AS identityKind, i.visibility AS identityVisibility,
      c.identity_leaked AS leaked,
      (instr(c.detail, '"code":"reply_in_thread"') > 0
        OR instr(c.detail, '"code":"wrote_to_sender"') > 0) AS repliedOrWrote,
      (SELECT group_concat(f2.path, char(10)) FROM message_locations l2
        JOIN folders f2 ON f2.id = l2.folder_id
        WHERE l2.message_id = l.message_id AND l2.folder_id != l.folder_id) AS otherFolders,
      ${pre.withHeaders ? 'h.raw' : 'NULL'} AS headers
    FROM message_locations l
    JOIN folders f ON f.id = l.folder_id
    JOIN messages m ON m.id = l.message_id
    LEFT JOIN classifications c ON c.message_id = m.id
    LEFT JOIN identities i ON i.address = c.identity
    ${pre.withHeaders ? 'LEFT JOIN message_headers h ON h.message_id = m.id' : ''}
    WHERE ${where.join(' AND ')}
    ORDER BY l.account_id, l.folder_id, l.uid`;
}
