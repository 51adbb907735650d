/**
 * What a triage selection stands for on the servers: every message of each selected group
 * (not only the rows the screen loaded) and each selected message, where it is outside Trash
 * and Junk — the places the triage counts it by. The grouping column comes from the fixed map.
 */
import type { TriageSelectionInput } from '../../shared/api/triage-actions.js';
import type { Database } from '../store/db.js';
import { COLUMNS } from './triage.sql.js';

/** One place of a selected message: the folder and UID a mail action names it by. */
export interface SelectedPlace {
  messageId: number;
  accountId: string;
  folder: string;
  uid: number;
}

export interface SelectionReader {
  /** Each place of the selected messages, once, in the order of the selection. */
  places(selection: TriageSelectionInput): SelectedPlace[];
}

const KEPT_OUT = `COALESCE(f.special_use, '') NOT IN ('trash', 'junk')
  AND (:accountId IS NULL OR f.account_id = :accountId)`;
const PLACE = `l.message_id AS messageId, f.account_id AS accountId, f.path AS folder, l.uid AS uid`;

export function createSelectionReader(db: Database): SelectionReader {
  type Params = { accountId: string | null; key: string | null };
  const ofGroup = new Map(
    Object.entries(COLUMNS).map(([by, c]) => [
      by,
      db.prepare<Params, SelectedPlace>(`
        SELECT ${PLACE} FROM classifications c
          JOIN message_locations l ON l.message_id = c.message_id JOIN folders f ON f.id = l.folder_id
        WHERE c.unsolicited = 1 AND ${c.key} IS :key AND ${KEPT_OUT}
        ORDER BY f.account_id, f.path, l.uid`),
    ]),
  );
  const ofMessages = db.prepare<{ accountId: string | null; ids: string }, SelectedPlace>(`
    SELECT ${PLACE} FROM message_locations l JOIN folders f ON f.id = l.folder_id
    WHERE l.message_id IN (SELECT value FROM json_each(:ids)) AND ${KEPT_OUT}
    ORDER BY f.account_id, f.path, l.uid`);
  return {
    places(s) {
      const accountId = s.accountId ?? null;
      const found = [
        ...s.keys.flatMap((key) => ofGroup.get(s.by)!.all({ accountId, key })),
        ...(s.messageIds.length
          ? ofMessages.all({ accountId, ids: JSON.stringify(s.messageIds) })
          : []),
      ];
      // A message may stand in a selected group and be selected alone too: one place once.
      const unique = new Map(found.map((p) => [`${p.accountId}\n${p.folder}\n${p.uid}`, p]));
      return [...unique.values()];
    },
  };
}
