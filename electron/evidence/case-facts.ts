/**
 * A case: what a complaint against one advertiser rests on. `CaseFacts` is
 * the input the bundle needs, whoever supplies it; the objections capability
 * (issue 14) will supply it from its cases (requests as sent with their proof,
 * deadlines, replies, violations). Until then `buildCaseFacts` makes it from
 * what the store holds today: detection's messages by advertiser, the
 * `objections` dates, and the journal's entries of the requests sent.
 */
import type { AccountsStore } from '../accounts/accounts.sql.js';
import type { Journal, JournalEntry } from '../journal/index.js';
import type { MessagesReader } from '../mailbox/messages.sql.js';
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
  /** How it left: email (a GDPR letter), one-click (RFC 8058), mailto, abuse report... */
  channel: string;
  sentAt: string;
  to: string | null;
  /** The request byte for byte (an email's RFC 5322 source); null when only its date is known. */
  raw: Buffer | null;
  /** What the receiving server answered (an SMTP reply, an HTTP status line), when. */
  proof: { response: string; at: string } | null;
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
  /** First objection + one month (GDPR Art. 12(3)); null when the user never objected. */
  deadline: string | null;
  /** The advertiser's answers (its domain's mail that is not marketing), after the objection. */
  replies: number[];
  /** Marketing received after the deadline. */
  violations: number[];
  scope: CaseQuery;
}

/** Where the case's facts come from (today's store; the objections reader at merge). */
export interface CaseFactsSource {
  caseFacts(query: CaseQuery): CaseFacts | null;
}

export interface TodaysCaseStores {
  cases: CasesReader;
  mailbox: Pick<MessagesReader, 'getMessage'>;
  accounts: Pick<AccountsStore, 'get'>;
  journal: Pick<Journal, 'list'>;
}

/** Journal entries of requests sent start with this kind (the objections capability's). */
export const OBJECTION_KIND_PREFIX = 'objection.';
const MARKETING = new Set(['newsletter', 'cold_prospecting']);

export function buildCaseFacts(s: TodaysCaseStores, q: CaseQuery): CaseFacts | null {
  const domain = q.advertiser.toLowerCase();
  const inScope = (m: CaseMessageRow) =>
    (!q.identity || m.identity?.toLowerCase() === q.identity.toLowerCase()) &&
    (!q.since || (m.date ?? '') >= q.since) &&
    (!q.until || (m.date ?? '') <= q.until);
  const rows = s.cases.advertiserMessages(domain).filter(inScope);
  const marketing = rows.filter((m) => MARKETING.has(m.verdict) || m.unsolicited);
  if (marketing.length === 0) return null;
  const objections = sentObjections(s, domain);
  const firstObjection = objections[0]?.sentAt ?? null;
  const deadline = firstObjection ? addOneMonth(firstObjection) : null;
  const newest = s.mailbox.getMessage(marketing[marketing.length - 1]!.id);
  const account = s.accounts.get(marketing[0]!.accountId);
  return {
    advertiser: {
      domain,
      name: newest?.classification?.advertiser?.name ?? null,
      router: routerOf(newest?.classification?.router ?? null),
      privacyContact: newest?.classification?.advertiser?.privacyContact ?? null,
    },
    complainant: { name: account?.name ?? '', email: account?.email ?? '' },
    identities: [...new Set(marketing.flatMap((m) => (m.identity ? [m.identity] : [])))],
    messages: marketing.map((m) => m.id),
    objections,
    deadline,
    replies: firstObjection
      ? s.cases
          .messagesFromDomain(domain)
          .filter((m) => (m.date ?? '') > firstObjection && inScope(m))
          .map((m) => m.id)
      : [],
    violations: deadline ? marketing.filter((m) => (m.date ?? '') > deadline).map((m) => m.id) : [],
    scope: { ...q, advertiser: domain },
  };
}

/** The journal's requests to this advertiser; the `objections` dates when none was journaled. */
function sentObjections(s: TodaysCaseStores, domain: string): SentObjection[] {
  const journaled = objectionEntries(s.journal).filter(
    (e) => e.state === 'done' && intentOf(e).advertiserDomain?.toLowerCase() === domain,
  );
  const sent = journaled.map((e): SentObjection => {
    const intent = intentOf(e);
    const outcome = (e.outcome ?? {}) as { response?: string };
    const at = e.finishedAt ?? e.createdAt;
    return {
      channel: intent.channel ?? e.kind.slice(OBJECTION_KIND_PREFIX.length),
      sentAt: e.createdAt,
      to: intent.to ?? null,
      raw: intent.raw ? Buffer.from(intent.raw, 'base64') : null,
      proof: outcome.response ? { response: outcome.response, at } : null,
    };
  });
  if (sent.length === 0)
    for (const at of s.cases.objectionDates(domain))
      sent.push({ channel: 'unknown', sentAt: at, to: null, raw: null, proof: null });
  return sent.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

interface ObjectionIntent {
  advertiserDomain?: string;
  channel?: string;
  to?: string;
  /** Base64 of the request as sent. */
  raw?: string;
}

function intentOf(e: JournalEntry): ObjectionIntent {
  return (e.intent ?? {}) as ObjectionIntent;
}

function objectionEntries(journal: Pick<Journal, 'list'>): JournalEntry[] {
  const found: JournalEntry[] = [];
  for (let beforeId: number | undefined; ;) {
    const page = journal.list({ beforeId, limit: 500 });
    found.push(...page.filter((e) => e.kind.startsWith(OBJECTION_KIND_PREFIX)));
    if (page.length < 500) return found;
    beforeId = page[page.length - 1]!.id;
  }
}

function routerOf(
  r: { id: string; name: string; accountId: string | null; abuse: string | null } | null,
): CaseFacts['advertiser']['router'] {
  return r ? { id: r.id, name: r.name, accountId: r.accountId, abuse: r.abuse } : null;
}

/** The same day of the next month (GDPR Art. 12(3): "within one month of receipt"). */
export function addOneMonth(iso: string): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + 1);
  // 31 January + one month is the last day of February, not 3 March.
  if (d.getUTCDate() !== day) d.setUTCDate(0);
  return d.toISOString();
}
