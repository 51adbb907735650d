/**
 * From matching rules to what a run does: per message, the rules in order
 * until one that says stop; flag changes and copies from every matching
 * rule, and at most one move, Trash or purge (the first). An action whose
 * effect is already there (the message sits in the target folder, is read
 * already) is left out, which is also what makes a run after a crash
 * carry on where the last one stopped instead of doing anything twice.
 */
import type { DryRunResult, RuleAction, RuleCount, RuleHit } from '../../shared/api/rules.js';
import {
  hasFlag,
  hasRelationship,
  matchesBeforeRelationship,
  relationshipAllows,
  type MatchContext,
  type RuleSpec,
} from './match.js';
import type { CandidateRow } from './rules.sql.js';

/** One server action over a set of UIDs of one folder, for one rule. */
export interface PlannedStep {
  ruleId: number;
  accountId: string;
  folder: string;
  action: RuleAction;
  uids: number[];
  /** The store's ids of the same messages, in the same order. */
  messageIds: number[];
}

export interface Evaluation {
  /** In the order a run performs them: flags, then copies, then moves, Trash and purges. */
  steps: PlannedStep[];
  counts: RuleCount[];
  hits: RuleHit[];
  total: number;
}

const STAGE: Record<RuleAction['type'], number> = {
  markRead: 0,
  flag: 0,
  copy: 1,
  move: 2,
  trash: 2,
  purge: 2,
  // Sent by objections after the run's mail actions, never as a mail action.
  unsubscribe: 3,
};
const TERMINAL = new Set<RuleAction['type']>(['move', 'trash', 'purge']);

/** The message has a place in this folder already (a move or copy made, maybe not expunged). */
function alreadyIn(row: CandidateRow, folder: string | null): boolean {
  return (
    folder !== null &&
    (row.folder === folder || (row.otherFolders?.split('\n').includes(folder) ?? false))
  );
}

/** Whether the action would change anything for this message where it is now. */
function hasEffect(action: RuleAction, row: CandidateRow, trashPath: string | null): boolean {
  switch (action.type) {
    case 'markRead':
      return !hasFlag(row.flags, '\\Seen');
    case 'flag':
      return !hasFlag(row.flags, '\\Flagged');
    case 'move':
    case 'copy':
      return !alreadyIn(row, action.folder);
    case 'trash':
      return row.specialUse !== 'trash' && !alreadyIn(row, trashPath);
    case 'purge':
      return true;
    case 'unsubscribe':
      // Objections' ledger knows what was sent already (once per advertiser and identity).
      return true;
  }
}

/** The actions each matching rule takes on one message. */
function actionsFor(
  rules: readonly RuleSpec[],
  row: CandidateRow,
  ctx: MatchContext,
  trashPath: string | null,
): Array<{ ruleId: number; action: RuleAction; index: number }> {
  const out: Array<{ ruleId: number; action: RuleAction; index: number }> = [];
  let related: boolean | undefined;
  let terminal = false;
  for (const rule of rules) {
    if (!matchesBeforeRelationship(rule, row, ctx)) continue;
    related ??= hasRelationship(row, ctx);
    if (!relationshipAllows(rule, row, related)) continue;
    for (let index = 0; index < rule.actions.length; index++) {
      const action = rule.actions[index]!;
      if (TERMINAL.has(action.type)) {
        if (terminal) continue;
        terminal = true;
      }
      if (hasEffect(action, row, trashPath)) out.push({ ruleId: rule.id, action, index });
    }
    if (rule.stop) break;
  }
  return out;
}

export function evaluateRules(
  rules: readonly RuleSpec[],
  rows: readonly CandidateRow[],
  ctx: MatchContext,
  options: { trashOf(accountId: string): string | null; hitLimit: number },
): Evaluation {
  // A folder's id names its account too; the preselect reads each place (folder, UID) once.
  const steps = new Map<string, PlannedStep>();
  const counts = new Map<string, RuleCount>();
  const hits: RuleHit[] = [];
  let touched = 0;
  for (const row of rows) {
    const acts = actionsFor(rules, row, ctx, options.trashOf(row.accountId));
    const ruleIds: number[] = [];
    for (const { ruleId, action, index } of acts) {
      const key = `${ruleId}:${index}:${row.folderId}:${row.folder}`;
      let step = steps.get(key);
      if (!step)
        steps.set(
          key,
          (step = {
            ruleId,
            accountId: row.accountId,
            folder: row.folder,
            action,
            uids: [],
            messageIds: [],
          }),
        );
      step.uids.push(row.uid);
      step.messageIds.push(row.messageId);
      if (!ruleIds.includes(ruleId)) ruleIds.push(ruleId);
    }
    for (const ruleId of ruleIds) {
      const key = `${ruleId}:${row.folderId}:${row.folder}`;
      const count = counts.get(key);
      if (count) count.count++;
      else counts.set(key, { ruleId, accountId: row.accountId, folder: row.folder, count: 1 });
      if (hits.length < options.hitLimit)
        hits.push({
          ruleId,
          accountId: row.accountId,
          folder: row.folder,
          uid: row.uid,
          messageId: row.messageId,
          from: row.fromAddress,
          subject: row.subject,
          date: row.date,
        });
    }
    if (ruleIds.length > 0) touched++;
  }
  const ordered = [...steps.values()].sort((a, b) => STAGE[a.action.type] - STAGE[b.action.type]);
  return { steps: ordered, counts: [...counts.values()], hits, total: touched };
}

export function toDryRun(e: Evaluation): DryRunResult {
  return { total: e.total, counts: e.counts, hits: e.hits };
}
