/**
 * Blocking advertisers or routers (rules.block) with a way back: each block
 * makes an enabled rule and runs it at once; undo puts the run's messages
 * back and removes the rules this block made (a rule that was there before
 * stays, only its new run is undone).
 */
import type { InboxGuardApi } from '../../../shared/api/index.js';
import type { RuleRunInfo } from '../../../shared/api/rules.js';
import type { AppErrorData } from '../../../shared/result.js';

export type BlockKind = 'advertiser' | 'router';

export interface BlockOutcome {
  /** Messages the block's runs acted on. */
  moved: number;
  /** How many advertisers or routers were blocked. */
  blocked: number;
  error: AppErrorData | null;
  /** Undoes what was blocked before the error, if anything. */
  undo(): Promise<AppErrorData | null>;
}

const blockKey = (kind: BlockKind, value: string) => `block:${kind}:${value}`;
const actedOn = (run: RuleRunInfo) => run.counts.reduce((n, c) => n + c.count, 0);

export async function blockSenders(
  api: InboxGuardApi,
  kind: BlockKind,
  values: readonly string[],
  nameOf: (value: string) => string,
): Promise<BlockOutcome> {
  const existing = await api.call('rules.list', {});
  const before = new Set(existing.ok ? existing.value.map((r) => r.suggestion) : []);
  const runs: RuleRunInfo[] = [];
  const madeRules: number[] = [];
  let error: AppErrorData | null = existing.ok ? null : existing.error;
  let blocked = 0;
  for (const value of error ? [] : values) {
    const result = await api.call('rules.block', {
      kind,
      value,
      accountId: null,
      name: nameOf(value),
    });
    if (!result.ok) {
      error = result.error;
      break;
    }
    if (!before.has(blockKey(kind, value))) madeRules.push(result.value.rule.id);
    runs.push(...result.value.runs);
    blocked++;
  }
  return {
    moved: runs.reduce((n, r) => n + actedOn(r), 0),
    blocked,
    error,
    async undo() {
      // Newest first: a later run may have moved what an earlier one left.
      for (const run of [...runs].reverse().filter((r) => actedOn(r) > 0)) {
        const undone = await api.call('rules.undoRun', { id: run.id });
        if (!undone.ok) return undone.error;
      }
      for (const id of madeRules) {
        const removed = await api.call('rules.remove', { id });
        if (!removed.ok) return removed.error;
      }
      return null;
    },
  };
}
