/**
 * The triage list as flat rows for the virtualised list: each group, then its
 * messages when it is expanded (a placeholder while they load); a group whose
 * page is not loaded yet is a placeholder of the same height. Row ids are
 * stable across reloads ("g:" + the group key as JSON, "m:" + message id), so
 * expansion and selection survive a reload.
 */
import type { TriageGroup, TriageMessage } from '../../../shared/api/triage.js';

export type TriageRow =
  | { kind: 'group'; id: string; index: number; group: TriageGroup; expanded: boolean }
  | { kind: 'pending'; id: string; index: number }
  | { kind: 'message'; id: string; groupId: string; message: TriageMessage }
  | { kind: 'loading'; id: string; groupId: string };

export const groupRowId = (key: string | null) => `g:${JSON.stringify(key)}`;
export const messageRowId = (id: number) => `m:${id}`;

/** Row heights in pixels (fixed: the list is virtualised and never measures a row). */
export const ROW_HEIGHT = { group: 60, pending: 60, message: 48, loading: 40 } as const;

export function triageRows(
  groups: ReadonlyArray<TriageGroup | undefined>,
  expanded: ReadonlySet<string>,
  messages: ReadonlyMap<string, readonly TriageMessage[]>,
): TriageRow[] {
  const rows: TriageRow[] = [];
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    if (!group) {
      rows.push({ kind: 'pending', id: `p:${index}`, index });
      continue;
    }
    const id = groupRowId(group.key);
    const open = expanded.has(id);
    rows.push(groupRow(group, index, open));
    if (!open) continue;
    const loaded = messages.get(id);
    if (!loaded) rows.push({ kind: 'loading', id: `${id}:loading`, groupId: id });
    else
      for (const message of loaded)
        rows.push({ kind: 'message', id: messageRowId(message.id), groupId: id, message });
  }
  return rows;
}

type GroupRow = Extract<TriageRow, { kind: 'group' }>;
// The same row object while its group, place and state are the same: a memoised row is not
// drawn again when another page of groups arrives.
const groupRows = new WeakMap<TriageGroup, GroupRow>();

function groupRow(group: TriageGroup, index: number, expanded: boolean): GroupRow {
  const known = groupRows.get(group);
  if (known && known.index === index && known.expanded === expanded) return known;
  const row: GroupRow = { kind: 'group', id: groupRowId(group.key), index, group, expanded };
  groupRows.set(group, row);
  return row;
}

/** What a selection stands for: whole groups and single messages. */
export function selectionParts(rows: readonly TriageRow[], selected: ReadonlySet<string>) {
  const groups: TriageGroup[] = [];
  const messages: TriageMessage[] = [];
  for (const row of rows) {
    if (!selected.has(row.id)) continue;
    if (row.kind === 'group') groups.push(row.group);
    else if (row.kind === 'message' && !selected.has(row.groupId)) messages.push(row.message);
  }
  return { groups, messages };
}
