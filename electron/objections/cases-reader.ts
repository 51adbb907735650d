/**
 * The cases as ObjectionCasesReader gives them: the rows of migration 0012
 * joined with the journal's state and proof of each request, the deadline
 * computed from the requests that went out, and the status.
 */
import type { Journal } from '../journal/index.js';
import type { CasesStore, CaseRow } from './cases.sql.js';
import type { RequestIntent } from './ledger.js';
import { caseDeadline, caseStatus } from './deadlines.js';
import type {
  ObjectionCase,
  ObjectionCasesReader,
  RequestProof,
  RequestState,
  SentRequest,
} from './types.js';

export interface CasesReaderDeps {
  cases: CasesStore;
  journal: Journal;
  timeZone(): string;
  now(): Date;
}

export function createCasesReader(deps: CasesReaderDeps): ObjectionCasesReader {
  const requestsOf = (caseId: number): SentRequest[] =>
    deps.cases.requests(caseId).map((r) => {
      const entry = deps.journal.get(r.journalId);
      const state: RequestState =
        entry && entry.state !== 'undone' ? entry.state : entry ? 'done' : 'unknown';
      return {
        id: r.id,
        journalEntryId: r.journalId,
        channel: r.channel,
        sentAt: r.createdAt,
        to: r.recipient,
        raw: r.raw,
        rawSha256: r.rawSha256,
        language: r.language,
        referenceToken: r.referenceToken,
        followUpOf: (entry?.intent as RequestIntent | undefined)?.followUpOf ?? null,
        state,
        proof: (entry?.outcome as RequestProof | null) ?? null,
        error: entry?.error ?? null,
      };
    });

  const toCase = (row: CaseRow): ObjectionCase => {
    const requests = requestsOf(row.id);
    const replies = deps.cases.replies(row.id);
    const violations = deps.cases.violations(row.id);
    // Only requests that reached the other side start a deadline.
    const deadline = caseDeadline(
      requests.filter((r) => r.state === 'done'),
      deps.timeZone(),
    );
    const effective = row.extendedDeadline ?? deadline;
    return {
      id: row.id,
      advertiser: {
        domain: row.advertiserDomain,
        name: row.advertiserName,
        router: row.routerId,
        routerAccountId: row.routerAccount,
        privacyContact: row.privacyContact,
      },
      identity: { accountId: row.accountId, address: row.identity },
      openedAt: row.openedAt,
      triggerMessageIds: row.triggerMessageIds,
      deadline,
      extendedDeadline: row.extendedDeadline,
      status: caseStatus({
        closed: row.closedAt !== null,
        violations: violations.length,
        replies: replies.length,
        deadline: effective,
        now: deps.now(),
      }),
      requests,
      replies: replies.map((r) => ({
        messageId: r.messageId,
        receivedAt: r.receivedAt,
        matchedBy: r.matchedBy,
      })),
      violations: violations.map((v) => ({
        messageId: v.messageId,
        receivedAt: v.receivedAt,
        raw: v.raw,
        rawSha256: v.rawSha256,
        dkim: {
          result: v.dkimResult,
          domain: v.dkimDomain,
          selector: v.dkimSelector,
          checkedAt: v.dkimCheckedAt,
          keyRecord: v.dkimKeyRecord,
        },
      })),
    };
  };

  return {
    listCases: (filter) => deps.cases.listCases(filter?.advertiserDomain).map(toCase),
    getCase(id) {
      const row = deps.cases.getCase(id);
      return row ? toCase(row) : null;
    },
  };
}
