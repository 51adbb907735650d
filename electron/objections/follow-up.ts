/**
 * Following cases up after a sync: replies matched to the requests (by
 * In-Reply-To, References, or the reference token in the subject), and
 * violations — mail from the objected advertiser (same registrable domain,
 * or the same account at the same router) to the objected identity,
 * received after the deadline. A violation's raw source is kept with its
 * SHA-256 and its DKIM result checked at once (keys rotate), the message is
 * kept as evidence, and it is filed into "Violations".
 */
import { createHash } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { DNSResolver } from 'mailauth';
import type { Journal } from '../journal/index.js';
import type { MailActions } from '../mail-actions/index.js';
import {
  domainOf,
  headerBlockOf,
  messageIds,
  parseHeaderBlock,
  registrableDomain,
} from '../mail-format/index.js';
import type { SourcesService } from '../sources/index.js';
import type { CasesStore } from './cases.sql.js';
import type { FollowUpCandidate, FollowUpReader } from './follow-up.sql.js';
import type { ObjectionCase, ObjectionCasesReader } from './types.js';

export const VIOLATIONS_FOLDER = 'Violations';

/**
 * Read mail from this long before a case opened: a server's arrival times count whole seconds
 * and its clock is not ours, so a reply can look older than the request it answers. Nothing
 * earlier is a violation anyway: those must come after the deadline.
 */
const CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface FollowUpDeps {
  cases: CasesStore;
  reader: ObjectionCasesReader;
  mailbox: FollowUpReader;
  /** Marks messages as evidence (kept after they leave the server): the writer thread's write. */
  markEvidence(messageIds: number[], reason: string): Promise<void>;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  mailActions: Pick<MailActions, 'session'>;
  journal: Journal;
  /** Creates the folder on the server when it is missing (and lists it in the store). */
  ensureFolder(accountId: string, path: string): Promise<void>;
  dkimResolver?: DNSResolver;
  now(): Date;
}

export interface FollowUpReport {
  replies: number;
  violations: number;
}

type Match = 'in-reply-to' | 'references' | 'token';

function replyMatch(c: ObjectionCase, headers: Buffer): Match | null {
  const parsed = parseHeaderBlock(headerBlockOf(headers.toString('latin1')));
  // Without angle brackets, as messageIds() gives them.
  const sentIds = new Set(
    c.requests.map((r) =>
      r.proof && 'messageId' in r.proof ? r.proof.messageId.replace(/^<|>$/g, '') : null,
    ),
  );
  if (messageIds(parsed.get('in-reply-to')).some((id) => sentIds.has(id))) return 'in-reply-to';
  if (messageIds(parsed.get('references')).some((id) => sentIds.has(id))) return 'references';
  const subject = parsed.get('subject') ?? '';
  const tokens = c.requests.map((r) => r.referenceToken).filter((t): t is string => t !== null);
  return tokens.some((t) => subject.includes(t)) ? 'token' : null;
}

function fromAdvertiser(c: ObjectionCase, m: FollowUpCandidate): boolean {
  if (m.identity?.toLowerCase() !== c.identity.address) return false;
  // Detection names no advertiser for what it reads as plain spam: the sender's domain stands in.
  const sender = m.fromAddress ? registrableDomain(domainOf(m.fromAddress)) : null;
  if ((m.advertiserDomain?.toLowerCase() ?? sender) === c.advertiser.domain) return true;
  return (
    c.advertiser.router !== null &&
    c.advertiser.routerAccountId !== null &&
    m.routerId === c.advertiser.router &&
    m.routerAccount === c.advertiser.routerAccountId
  );
}

export function createFollowUp(deps: FollowUpDeps) {
  async function dkimOf(raw: Buffer) {
    const verified = await dkimVerify(
      raw,
      deps.dkimResolver ? { resolver: deps.dkimResolver } : {},
    );
    const first = verified.results.find((r) => r.status.result === 'pass') ?? verified.results[0];
    return {
      result: first?.status.result ?? 'none',
      domain: first?.signingDomain ?? null,
      selector: first?.selector ?? null,
      keyRecord: first?.rr ?? null,
    };
  }

  async function recordViolation(c: ObjectionCase, m: FollowUpCandidate): Promise<boolean> {
    await deps.sources.fetch([m.id]);
    const raw = deps.sources.stored(m.id);
    if (!raw) return false;
    const dkim = await dkimOf(raw);
    const inserted = deps.cases.insertViolation({
      caseId: c.id,
      messageId: m.id,
      receivedAt: m.receivedAt,
      raw,
      rawSha256: createHash('sha256').update(raw).digest('hex'),
      dkimResult: dkim.result,
      dkimDomain: dkim.domain,
      dkimSelector: dkim.selector,
      dkimKeyRecord: dkim.keyRecord,
      dkimCheckedAt: deps.now().toISOString(),
      filedJournalId: null,
    });
    if (inserted) await deps.markEvidence([m.id], `violation of objection case ${c.id}`);
    return inserted;
  }

  /** Moves the violation into "Violations", journaled like any move. */
  async function file(c: ObjectionCase, m: FollowUpCandidate): Promise<void> {
    if (m.folderPath === null || m.uid === null || m.folderPath === VIOLATIONS_FOLDER) return;
    await deps.ensureFolder(c.identity.accountId, VIOLATIONS_FOLDER);
    const session = deps.mailActions.session(c.identity.accountId);
    try {
      const entry = await session.run({
        kind: 'move',
        from: m.folderPath,
        to: VIOLATIONS_FOLDER,
        uids: [m.uid],
      });
      if (entry.state === 'done') deps.cases.setViolationFiled(c.id, m.id, entry.id);
    } finally {
      await session.close();
    }
  }

  /** One case's new replies and violations. */
  async function followCase(c: ObjectionCase, report: FollowUpReport): Promise<void> {
    const deadline = c.extendedDeadline ?? c.deadline;
    const known = new Set([
      ...c.triggerMessageIds,
      ...c.replies.map((r) => r.messageId),
      ...c.violations.map((v) => v.messageId),
    ]);
    const since = new Date(new Date(c.openedAt).getTime() - CLOCK_SKEW_MS).toISOString();
    for (const m of deps.mailbox.receivedSince(c.identity.accountId, since)) {
      if (known.has(m.id) || m.fromAddress?.toLowerCase() === c.identity.address) continue;
      const match = replyMatch(c, m.headers);
      if (match) {
        const added = deps.cases.insertReply({
          caseId: c.id,
          messageId: m.id,
          matchedBy: match,
          receivedAt: m.receivedAt,
        });
        if (added) report.replies++;
        continue;
      }
      const late =
        deadline !== null && new Date(m.receivedAt).getTime() > new Date(deadline).getTime();
      if (late && fromAdvertiser(c, m) && (await recordViolation(c, m))) {
        report.violations++;
        await file(c, m);
      }
    }
  }

  return {
    /** Every open case of an account (of all accounts when none is given). */
    async followUp(accountId?: string): Promise<FollowUpReport> {
      const report: FollowUpReport = { replies: 0, violations: 0 };
      const open = deps.reader
        .listCases()
        .filter((c) => c.status !== 'closed' && (!accountId || c.identity.accountId === accountId));
      for (const c of open) await followCase(c, report);
      return report;
    },
  };
}
