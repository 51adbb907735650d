/**
 * The ledger of objections: a request's bytes and its journal intent are
 * committed together before the network is touched; its outcome, with the
 * proof, after. A failure that certainly sent nothing is `failed`; one that
 * may have sent something (a cut connection, a timeout, a crash) is
 * `unknown`, shown as such and never sent again by itself.
 */
import { createHash } from 'node:crypto';
import { isAppError } from '../errors.js';
import type { Journal, JournalEntry, JournalError } from '../journal/index.js';
import type { CasesStore } from './cases.sql.js';
import type { ObjectionJournalKind } from './journal-kinds.js';
import type { ObjectionChannel, RequestProof } from './types.js';

export interface RequestIntent {
  caseId: number;
  channel: ObjectionChannel;
  to: string;
  size: number;
  sha256: string;
  /** The Message-ID of a mail (with brackets), null for HTTP. */
  messageId: string | null;
  /** The user's address it was sent from (or reported for); absent in entries written before. */
  from?: string;
  /** A reminder: the request id of the letter it follows up. */
  followUpOf?: number;
}

export interface PreparedRequest {
  caseId: number;
  accountId: string;
  channel: ObjectionChannel;
  to: string;
  raw: Buffer;
  language: 'fr' | 'en' | null;
  referenceToken: string | null;
  rfcMessageId: string | null;
  from: string;
  followUpOf: number | null;
}

/** What the network step reports: its proof, or an error and whether anything may have left. */
export type Attempt =
  | { sent: true; proof: RequestProof }
  | { sent: false; error: JournalError; proof?: RequestProof }
  | { sent: 'unknown'; error: JournalError };

export const journalKind = (channel: ObjectionChannel): ObjectionJournalKind =>
  `objection.${channel}`;

/** Intent and bytes, in one transaction. Returns the entry and the request's id. */
export function beginRequest(
  journal: Journal,
  cases: CasesStore,
  r: PreparedRequest,
): { entry: JournalEntry; requestId: number } {
  const sha256 = createHash('sha256').update(r.raw).digest('hex');
  return cases.transaction(() => {
    const intent: RequestIntent = {
      caseId: r.caseId,
      channel: r.channel,
      to: r.to,
      size: r.raw.length,
      sha256,
      messageId: r.rfcMessageId,
      from: r.from,
      ...(r.followUpOf !== null ? { followUpOf: r.followUpOf } : {}),
    };
    const entry = journal.begin(r.accountId, journalKind(r.channel), intent);
    const requestId = cases.insertRequest({
      caseId: r.caseId,
      journalId: entry.id,
      channel: r.channel,
      recipient: r.to,
      raw: r.raw,
      rawSha256: sha256,
      language: r.language,
      referenceToken: r.referenceToken,
      rfcMessageId: r.rfcMessageId,
      createdAt: entry.createdAt,
    });
    return { entry, requestId };
  });
}

/** Records what the attempt found; an unexpected error (a bug) leaves the outcome unknown. */
export async function settleRequest(
  journal: Journal,
  entry: JournalEntry,
  attempt: () => Promise<Attempt>,
): Promise<JournalEntry> {
  let result: Attempt;
  try {
    result = await attempt();
  } catch (err) {
    journal.markUnknown(entry.id, {
      code: isAppError(err) ? err.code : 'INTERNAL',
      message: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
  if (result.sent === true) return journal.complete(entry.id, result.proof);
  if (result.sent === false) return journal.fail(entry.id, result.error, result.proof);
  return journal.markUnknown(entry.id, result.error);
}

export function errorOf(err: unknown): JournalError {
  return {
    code: isAppError(err) ? err.code : 'INTERNAL',
    message: err instanceof Error ? err.message : String(err),
  };
}
