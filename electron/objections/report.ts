/**
 * "Signaler" in the triage: the selected messages reported to Signal Spam, each as the
 * single-message flow sends it (the same check, the same request bytes, journaled in the
 * ledger of its advertiser's and identity's case before the network is touched). A message
 * whose very source Signal Spam already received is not sent again; the first refusal stops
 * the batch (a wrong password would fail every report after it).
 */
import { createHash } from 'node:crypto';
import { MAX_REPORTED_MESSAGES, type SpamReportResult } from '../../shared/api/triage-actions.js';
import type { MessageDetail } from '../../shared/types.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type { JournalEntry } from '../journal/index.js';
import type { SourcesService } from '../sources/index.js';
import type { Sendable } from './sender.js';
import { signalSpamBody } from './signal-spam.js';

export interface SpamReportDeps {
  requireMessage(id: number): MessageDetail;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  /** Checks the channel for the message (throws without a Signal Spam account). */
  check(m: MessageDetail): Sendable;
  /** The case the report is journaled under. */
  openCase(m: MessageDetail): number;
  /** Whether these very bytes went to Signal Spam for the case (or may have). */
  sentBefore(caseId: number, sha256: string): boolean;
  send(m: MessageDetail, caseId: number, raw: Buffer, s: Sendable): Promise<JournalEntry>;
  jobs: Pick<JobQueue, 'run'>;
  /** The job kind objections run as. */
  job: string;
}

export async function reportSpam(
  d: SpamReportDeps,
  messageIds: readonly number[],
): Promise<SpamReportResult> {
  if (messageIds.length > MAX_REPORTED_MESSAGES)
    throw new AppError(
      'INVALID_INPUT',
      `At most ${MAX_REPORTED_MESSAGES} messages can be reported at once: select fewer.`,
    );
  const messages = messageIds.map((id) => d.requireMessage(id));
  // Every check before anything leaves.
  const sendables = new Map(messages.map((m) => [m.id, d.check(m)]));
  await d.sources.fetch(messageIds);
  const result: SpamReportResult = { reported: 0, alreadyReported: 0, failed: 0, error: null };
  const accounts = [...new Set(messages.map((m) => m.accountId))];
  for (const accountId of accounts) {
    const work = d.jobs.run(accountId, d.job, async (ctx) => {
      const mine = messages.filter((x) => x.accountId === accountId);
      for (const [i, m] of mine.entries()) {
        ctx.progress(i, mine.length);
        if (ctx.signal.aborted) {
          result.error = { code: 'CANCELLED', message: 'The report was cancelled.' };
          return false;
        }
        const raw = d.sources.stored(m.id);
        if (!raw) {
          result.failed++;
          result.error ??= {
            code: 'NOT_FOUND',
            message: `The source of “${m.subject}” could not be read from the server: it was not reported.`,
          };
          continue;
        }
        const caseId = d.openCase(m);
        const sha256 = createHash('sha256').update(signalSpamBody(raw)).digest('hex');
        if (d.sentBefore(caseId, sha256)) {
          result.alreadyReported++;
          continue;
        }
        const entry = await d.send(m, caseId, raw, sendables.get(m.id)!);
        if (entry.state === 'done') result.reported++;
        else {
          result.failed++;
          result.error = entry.error ?? { code: 'REMOTE_REFUSED', message: 'Not accepted.' };
          return false;
        }
      }
      ctx.progress(mine.length, mine.length);
      return true;
    });
    if (!(await work.done)) break;
  }
  return result;
}
