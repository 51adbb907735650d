/**
 * A case: what a complaint against one advertiser rests on. `CaseFacts` is
 * the input the bundle needs. The requests as sent (their bytes and proof),
 * the deadline, the replies and the violations are the objections
 * capability's (its `ObjectionCasesReader`); the advertiser's marketing in
 * scope, and who complains, are read from the store.
 */
import type { AccountsStore } from '../accounts/accounts.sql.js';
import type { MessagesReader } from '../mailbox/messages.sql.js';
import type {
  ObjectionCase,
  ObjectionCasesReader,
  RequestProof,
  SentRequest,
} from '../objections/index.js';
import type { CaseMessageRow, CasesReader } from './cases.sql.js';

export interface CaseQuery {
  /** The advertiser's registrable domain, as detection names it. */
  advertiser: string;
  /** Only what reached this address of the user. */
  identity?: string;
  /** ISO 8601 bounds of the period, inclusive. */
  since?: string;
  until?: string;
}

/** A request to stop, as it was sent, with its proof. */
export interface SentObjection {
  /** How it left: a GDPR letter, one-click (RFC 8058), mailto, an abuse report, Signal Spam. */
  channel: string;
  sentAt: string;
  to: string | null;
  /** The request byte for byte (an email's RFC 5322 source, an HTTP request's body). */
  raw: Buffer | null;
  /** What the receiving side answered, in words, and the proof as the objections ledger keeps it. */
  proof: { response: string; record: RequestProof } | null;
}

export interface CaseFacts {
  advertiser: {
    domain: string;
    name: string | null;
    router: { id: string; name: string; accountId: string | null; abuse: string | null } | null;
    privacyContact: string | null;
  };
  complainant: { name: string; email: string };
  /** The user's addresses the advertiser wrote to. */
  identities: string[];
  /** Every marketing message of the advertiser in scope, oldest first (violations included). */
  messages: number[];
  objections: SentObjection[];
  /** When the advertiser had to stop (the earliest case's, extended when the user said so). */
  deadline: string | null;
  /** The advertiser's answers the objections capability matched to its requests. */
  replies: number[];
  /** Marketing the objections capability found received after the deadline. */
  violations: number[];
  scope: CaseQuery;
}

export interface CaseFactsSource {
  caseFacts(query: CaseQuery): CaseFacts | null;
}

export interface CaseFactsStores {
  cases: Pick<CasesReader, 'advertiserMessages'>;
  objections: ObjectionCasesReader;
  mailbox: Pick<MessagesReader, 'getMessage'>;
  accounts: Pick<AccountsStore, 'get'>;
}

const MARKETING = new Set(['newsletter', 'cold_prospecting']);

/** Requests made to the advertiser itself; the others (abuse, Signal Spam) are reports to others. */
const OBJECTING = new Set(['letter', 'one-click', 'mailto']);

/** The user's first request to the advertiser to stop; none for plain spam (reports only). */
export function firstObjection(facts: Pick<CaseFacts, 'objections'>): SentObjection | undefined {
  return facts.objections.find((o) => OBJECTING.has(o.channel));
}

export function buildCaseFacts(s: CaseFactsStores, q: CaseQuery): CaseFacts | null {
  const domain = q.advertiser.toLowerCase();
  const identity = q.identity?.toLowerCase();
  const inPeriod = (at: string | null) =>
    (!q.since || (at ?? '') >= q.since) && (!q.until || (at ?? '') <= q.until);
  const inScope = (m: CaseMessageRow) =>
    (!identity || m.identity?.toLowerCase() === identity) && inPeriod(m.date);
  const marketing = s.cases
    .advertiserMessages(domain)
    .filter((m) => inScope(m) && (MARKETING.has(m.verdict) || m.unsolicited));
  const cases = s.objections
    .listCases({ advertiserDomain: domain })
    .filter((c) => !identity || c.identity.address === identity);
  const violations = cases.flatMap((c) => c.violations).filter((v) => inPeriod(v.receivedAt));
  const replies = cases.flatMap((c) => c.replies).filter((r) => inPeriod(r.receivedAt));
  if (marketing.length === 0 && violations.length === 0) return null;

  // A violation is marketing too, whatever detection's verdict: it belongs with the messages.
  const dated = new Map(marketing.map((m) => [m.id, m.date ?? '']));
  for (const v of violations) if (!dated.has(v.messageId)) dated.set(v.messageId, v.receivedAt);
  const messages = [...dated].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0]);
  const newest = s.mailbox.getMessage(messages[messages.length - 1]![0]);
  const kept = cases[0]?.advertiser;
  const account = s.accounts.get(marketing[0]?.accountId ?? cases[0]!.identity.accountId);
  return {
    advertiser: {
      domain,
      name: newest?.classification?.advertiser?.name ?? kept?.name ?? null,
      router: routerOf(newest?.classification?.router ?? null),
      privacyContact:
        kept?.privacyContact ?? newest?.classification?.advertiser?.privacyContact ?? null,
    },
    complainant: { name: account?.name ?? '', email: account?.email ?? '' },
    identities: [
      ...new Set([
        ...marketing.flatMap((m) => (m.identity ? [m.identity.toLowerCase()] : [])),
        ...cases.map((c) => c.identity.address),
      ]),
    ],
    messages: messages.map(([id]) => id),
    objections: cases
      .flatMap((c) => c.requests)
      .filter((r) => r.state === 'done')
      .map(sentObjection)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
    deadline: earliestDeadline(cases),
    replies: [...new Set(replies.map((r) => r.messageId))],
    violations: [...new Set(violations.map((v) => v.messageId))],
    scope: { ...q, advertiser: domain },
  };
}

/** Only requests that reached the other side: those the ledger says were done. */
function sentObjection(r: SentRequest): SentObjection {
  return {
    channel: r.channel,
    sentAt: r.sentAt,
    to: r.to,
    raw: r.raw,
    proof: r.proof ? { response: proofInWords(r.proof), record: r.proof } : null,
  };
}

function proofInWords(p: RequestProof): string {
  return p.channel === 'one-click' || p.channel === 'signal-spam'
    ? `HTTP ${p.status}`
    : p.smtpResponse;
}

function earliestDeadline(cases: readonly ObjectionCase[]): string | null {
  const deadlines = cases.flatMap((c) => {
    const d = c.extendedDeadline ?? c.deadline;
    return d ? [d] : [];
  });
  return deadlines.sort()[0] ?? null;
}

function routerOf(
  r: { id: string; name: string; accountId: string | null; abuse: string | null } | null,
): CaseFacts['advertiser']['router'] {
  return r ? { id: r.id, name: r.name, accountId: r.accountId, abuse: r.abuse } : null;
}
