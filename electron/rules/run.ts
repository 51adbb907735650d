/**
 * A run on one account, inside its queue's job: the steps an evaluation
 * planned, in batches of UIDs, each batch one journaled mail action (its
 * intent committed before the server is touched) recorded in the run's
 * history with the rule and folder it was for. A refused batch is recorded
 * and the run goes on; a lost connection ends it (the journal says which
 * batch is unknown, and the next run, after a sync, picks up from there).
 */
import { AppError, isAppError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import type { JournalEntry } from '../journal/index.js';
import type {
  FlagsOutcome,
  MailRequest,
  MailSession,
  PurgeOutcome,
  TransferOutcome,
} from '../mail-actions/index.js';
import { uidBatches } from '../mail-actions/index.js';
import type { PlannedStep } from './evaluate.js';
import type { RulesStore } from './rules.sql.js';

export interface RunDeps {
  store: RulesStore;
  /** The account's session, opened (maybe warmed up) by the caller, who closes it. */
  session: MailSession;
  now(): Date;
  batchSize: number;
}

function requestOf(step: PlannedStep, uids: number[]): MailRequest {
  const a = step.action;
  switch (a.type) {
    case 'markRead':
      return { kind: 'flags.add', folder: step.folder, uids, flags: ['\\Seen'] };
    case 'flag':
      return { kind: 'flags.add', folder: step.folder, uids, flags: ['\\Flagged'] };
    case 'move':
    case 'copy':
      return { kind: a.type, from: step.folder, to: a.folder, uids, createTarget: true };
    case 'trash':
      // The rule is the user's choice to delete: a missing Trash is created.
      return { kind: 'trash', from: step.folder, uids, createTrash: true };
    case 'purge':
      return { kind: 'purge', folder: step.folder, uids };
    case 'unsubscribe':
      throw new AppError('INTERNAL', 'An unsubscribe is sent by objections, not as a mail action.');
  }
}

/** How many messages a done entry acted on. */
export function actedOn(entry: JournalEntry): number {
  if (entry.state !== 'done' && entry.state !== 'undone') return 0;
  switch (entry.kind) {
    case 'move':
    case 'copy':
    case 'trash':
      return (entry.outcome as TransferOutcome).uidMap.length;
    case 'flags.add':
    case 'flags.remove':
      return Object.values((entry.outcome as FlagsOutcome).changed).reduce(
        (n, uids) => Math.max(n, uids.length),
        0,
      );
    case 'purge':
      return (entry.outcome as PurgeOutcome).expunged.length;
    default:
      return 0;
  }
}

/** Performs the steps; answers the run's id. Throws what ended it early (after recording it). */
export async function performRun(
  d: RunDeps,
  accountId: string,
  steps: readonly PlannedStep[],
  ctx: JobContext,
): Promise<number> {
  const runId = d.store.startRun(accountId, d.now().toISOString());
  const total = steps.reduce((n, s) => n + s.uids.length, 0);
  const refusals: string[] = [];
  let done = 0;
  try {
    for (const step of steps)
      for (const uids of uidBatches(step.uids, d.batchSize)) {
        if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The rule run was cancelled.');
        const entry = await d.session.run(requestOf(step, uids));
        d.store.recordRunAction({
          runId,
          journalId: entry.id,
          ruleId: step.ruleId,
          folder: step.folder,
          count: actedOn(entry),
        });
        if (entry.state === 'failed') refusals.push(entry.error?.message ?? 'refused');
        done += uids.length;
        ctx.progress(done, total);
      }
  } catch (err) {
    const message = isAppError(err) || err instanceof Error ? err.message : String(err);
    d.store.finishRun(runId, 'failed', message, d.now().toISOString());
    throw err;
  }
  const error = refusals.length ? refusals.join(' ') : null;
  d.store.finishRun(runId, error ? 'failed' : 'done', error, d.now().toISOString());
  return runId;
}
