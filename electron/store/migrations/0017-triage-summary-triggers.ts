/**
 * Migration 0017's triggers: every write the triage's groups depend on (a
 * verdict, a location, a folder becoming Trash or Junk) re-evaluates the
 * message it touched, inside the statement that wrote it.
 * Whatever writes (the writer thread, a mail action, a cascade from a
 * deleted account), the summary follows in the same transaction.
 *
 * A message is a member when its verdict is unsolicited and a folder other
 * than Trash or Junk holds it; `leave` takes it out of the groups it was
 * counted in, `join` counts it in its current verdict's groups. Both are
 * no-ops when the membership is already right, so re-evaluating is safe.
 */

export const GROUPINGS = [
  ['advertiser', 'advertiser_domain', 'advertiser_name'],
  ['router', 'router_id', 'router_name'],
  ['identity', 'identity', 'identity'],
  ['verdict', 'verdict', 'verdict'],
] as const;
const KEY_COLUMNS = GROUPINGS.map(([, key]) => key);

/** The groupings, one row each (`g.column1`). */
const EACH_GROUPING = `(VALUES ${GROUPINGS.map(([g]) => `('${g}')`).join(', ')}) g`;
/** The key of a verdict row (`OLD`, `NEW` or `c`) in grouping `g.column1`. */
const keyOf = (row: string) => `CASE g.column1
  ${GROUPINGS.map(([g, key]) => `WHEN '${g}' THEN COALESCE(${row}.${key}, '')`).join(' ')} END`;
/** The group keys of a verdict row, one row per grouping. */
const keysOf = (row: string) =>
  `SELECT g.column1 AS grouping, ${keyOf(row)} AS key FROM ${EACH_GROUPING}`;
/** The group keys of message `id`'s stored verdict. */
const currentKeys = (id: string) =>
  `SELECT g.column1 AS grouping, ${keyOf('c')} AS key
  FROM ${EACH_GROUPING}, classifications c WHERE c.message_id = ${id}`;

/** The account whose folders hold the message outside Trash and Junk; null when none does. */
export const visibleAccount = (id: string) => `(SELECT MIN(l.account_id) FROM message_locations l
  JOIN folders f ON f.id = l.folder_id
  WHERE l.message_id = ${id} AND COALESCE(f.special_use, '') NOT IN ('trash', 'junk'))`;

export const isUnsolicited = (id: string) =>
  `EXISTS (SELECT 1 FROM classifications WHERE message_id = ${id} AND unsolicited = 1)`;

/** The groups (grouping, account, key) of member `id` when its account is not `account`. */
const staleGroups = (id: string, keys: string, account: string) => `(
  SELECT k.grouping, a.account_id, k.key FROM (${keys}) k, (
    SELECT t.account_id FROM triage_members t WHERE t.message_id = ${id} AND t.account_id IS NOT ${account}
    UNION ALL
    SELECT '' FROM triage_members t WHERE t.message_id = ${id} AND t.account_id IS NOT ${account}) a)`;

/**
 * Takes member `id` out of its groups (`keys`, those it was counted in) when its account is not
 * `account` (null: it must leave). A group left empty goes; one whose latest message it was
 * takes the next latest member.
 */
function leave(id: string, keys: string, account: string): string {
  const stale = staleGroups(id, keys, account);
  const latest = GROUPINGS.map(
    ([g, key]) => `
    UPDATE triage_groups SET latest_id = (SELECT c.message_id
        FROM classifications c JOIN triage_members t ON t.message_id = c.message_id
        WHERE c.unsolicited = 1 AND c.${key} IS NULLIF(triage_groups.key, '')
          AND (triage_groups.account_id = '' OR t.account_id = triage_groups.account_id)
          AND c.message_id <> ${id}
        ORDER BY c.message_id DESC LIMIT 1)
      WHERE grouping = '${g}' AND latest_id = ${id} AND (grouping, account_id, key) IN ${stale};`,
  ).join('');
  return `
    UPDATE triage_groups SET count = count - 1 WHERE (grouping, account_id, key) IN ${stale};
    DELETE FROM triage_groups WHERE count = 0 AND (grouping, account_id, key) IN ${stale};
    ${latest}
    DELETE FROM triage_members WHERE message_id = ${id} AND account_id IS NOT ${account};`;
}

/**
 * Counts message `id` in its current verdict's groups under `account`, unless it is a member.
 * The membership is decided once (marked `joining`), then its eight group rows are counted.
 */
function join(id: string, account: string): string {
  return `
    INSERT INTO triage_members (message_id, account_id, joining)
      SELECT ${id}, account_id, 1 FROM (SELECT ${account} AS account_id)
      WHERE account_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages WHERE id = ${id})
        AND NOT EXISTS (SELECT 1 FROM triage_members WHERE message_id = ${id});
    INSERT INTO triage_groups (grouping, account_id, key, count, latest_id)
      SELECT g.column1, a.account_id, ${keyOf('c')}, 1, c.message_id
      FROM triage_members t JOIN classifications c ON c.message_id = t.message_id,
        ${EACH_GROUPING},
        (SELECT account_id FROM triage_members WHERE message_id = ${id} UNION ALL SELECT '') a
      WHERE t.message_id = ${id} AND t.joining = 1
      ON CONFLICT DO UPDATE SET count = count + 1, latest_id = max(latest_id, excluded.latest_id);
    UPDATE triage_members SET joining = 0 WHERE message_id = ${id} AND joining = 1;`;
}

/** Re-evaluates message `id` after one of its locations changed (its verdict did not). */
export function reevaluate(id: string): string {
  const account = `(CASE WHEN ${isUnsolicited(id)} THEN ${visibleAccount(id)} END)`;
  return leave(id, currentKeys(id), account) + join(id, account);
}

const changed = (columns: readonly string[]) =>
  columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export const TRIAGE_SUMMARY_TRIGGERS = `
  CREATE TRIGGER triage_verdict_added AFTER INSERT ON classifications WHEN NEW.unsolicited = 1
  BEGIN ${join('NEW.message_id', visibleAccount('NEW.message_id'))} END;

  CREATE TRIGGER triage_verdict_removed AFTER DELETE ON classifications WHEN OLD.unsolicited = 1
  BEGIN ${leave('OLD.message_id', keysOf('OLD'), 'NULL')} END;

  CREATE TRIGGER triage_verdict_changed
  AFTER UPDATE OF unsolicited, ${KEY_COLUMNS.join(', ')} ON classifications
  WHEN ${changed(['unsolicited', ...KEY_COLUMNS])}
  BEGIN
    ${leave('OLD.message_id', keysOf('OLD'), 'NULL')}
    ${join('NEW.message_id', `(CASE WHEN NEW.unsolicited = 1 THEN ${visibleAccount('NEW.message_id')} END)`)}
  END;

  CREATE TRIGGER triage_location_added AFTER INSERT ON message_locations
  WHEN ${isUnsolicited('NEW.message_id')}
  BEGIN ${reevaluate('NEW.message_id')} END;

  CREATE TRIGGER triage_location_removed AFTER DELETE ON message_locations
  WHEN ${isUnsolicited('OLD.message_id')}
  BEGIN ${reevaluate('OLD.message_id')} END;

  CREATE TRIGGER triage_location_changed
  AFTER UPDATE OF folder_id, message_id, account_id ON message_locations
  WHEN ${isUnsolicited('OLD.message_id')} OR ${isUnsolicited('NEW.message_id')}
  BEGIN ${reevaluate('OLD.message_id')} ${reevaluate('NEW.message_id')} END;

  -- A folder turned into Trash or Junk (or back): each of its messages is re-evaluated.
  CREATE TRIGGER triage_folder_use_changed AFTER UPDATE OF special_use ON folders
  WHEN (COALESCE(OLD.special_use, '') IN ('trash', 'junk'))
    IS NOT (COALESCE(NEW.special_use, '') IN ('trash', 'junk'))
  BEGIN
    UPDATE message_locations SET folder_id = folder_id WHERE folder_id = NEW.id;
  END;
`;
