/**
 * Objections as the core offers them: the channels a message allows, the
 * letter to review, sending what the user confirmed (each request journaled
 * in the ledger, run as a job of the account so it never overlaps a sync),
 * and the cases. Nothing is sent without a confirmation that lists exactly
 * the recipients and channels sent to.
 */
import type {
  BatchTargets,
  BatchTargetsInput,
  CaseInfo,
  ChannelOfferInfo,
  LetterPreview,
  SendObjectionInput,
  SendReminderInput,
} from '../../shared/api/objections.js';
import type { SpamReportResult } from '../../shared/api/triage-actions.js';
import type { MessageDetail } from '../../shared/types.js';
import { AppError } from '../errors.js';
import { batchTargets } from './batch.js';
import { createCasesReader } from './cases-reader.js';
import { channelOffers, isNoReply } from './channels.js';
import { deadlineFor, extendedDeadline } from './deadlines.js';
import { gdprLetter, reminderLetter } from './letters.js';
import { newReferenceToken } from './compose.js';
import type { ObjectionsDeps } from './deps.js';
import { advertiserDomainOf, advertiserLabel, identityOf } from './message-facts.js';
import { createFollowUp, type FollowUpReport } from './follow-up.js';
import { unsubscribeByRule, type RuleUnsubscribeReport } from './rule-unsubscribe.js';
import { reportSpam } from './report.js';
import { createSender, type Sendable } from './sender.js';
import { firstLetter, isDue, nextStep, REMINDER_DAYS } from './next-step.js';
import type { ObjectionCase, ObjectionCasesReader } from './types.js';

export interface ObjectionsService {
  reader: ObjectionCasesReader;
  /** Each channel with its recipient, or why not; one-click only once DKIM proves its link. */
  channels(messageId: number): Promise<ChannelOfferInfo[]>;
  letter(input: { messageId: number; language: 'fr' | 'en'; to?: string }): LetterPreview;
  /** A batch objection's targets (one per advertiser and identity), each with its channels. */
  batchTargets(input: BatchTargetsInput): Promise<BatchTargets>;
  send(input: SendObjectionInput): Promise<CaseInfo>;
  cases(): CaseInfo[];
  extend(caseId: number): CaseInfo;
  close(caseId: number): CaseInfo;
  setSignalSpamAccount(user: string, password: string): void;
  signalSpamConfigured(): boolean;
  /** Forgets the Signal Spam account; false when none was saved. */
  removeSignalSpamAccount(): boolean;
  /** The follow-up letter for a case whose letter went unanswered past its month. */
  reminder(input: { caseId: number; language: 'fr' | 'en'; to?: string }): LetterPreview;
  /** Sends the reminder as the user confirmed it: a letter request that follows up the first. */
  sendReminder(input: SendReminderInput): Promise<CaseInfo>;
  /** Matches replies and catches violations among the account's mail (a job of the account). */
  followUp(accountId: string): Promise<FollowUpReport>;
  /** Reports these messages to Signal Spam, as the user confirmed (see report.ts). */
  report(messageIds: readonly number[]): Promise<SpamReportResult>;
  /** A rule's standing consent: unsubscribes for these messages (see rule-unsubscribe.ts). */
  unsubscribeByRule(messageIds: number[]): Promise<RuleUnsubscribeReport>;
}

export type { ObjectionsDeps, ObjectionsTestOptions } from './deps.js';

export const OBJECTIONS_JOB = 'objections';

export function createObjectionsService(deps: ObjectionsDeps): ObjectionsService {
  const reader = createCasesReader(deps);
  const sender = createSender(deps);
  const follow = createFollowUp({
    cases: deps.cases,
    reader,
    mailbox: deps.followUpReader,
    markEvidence: deps.markEvidence,
    sources: deps.sources,
    mailActions: deps.mailActions,
    journal: deps.journal,
    ensureFolder: deps.ensureFolder,
    dkimResolver: deps.options?.dkimResolver,
    now: deps.now,
  });

  const requireMessage = (id: number): MessageDetail => {
    const m = deps.mailbox.getMessage(id);
    if (!m) throw new AppError('NOT_FOUND', 'This message is no longer in Inbox Guard.');
    return m;
  };
  const info = (c: ObjectionCase) => caseInfo(c, deps.timeZone());
  const requireCase = (id: number): ObjectionCase => {
    const c = reader.getCase(id);
    if (!c) throw new AppError('NOT_FOUND', 'This objection case does not exist.');
    return c;
  };

  function letter(input: { messageId: number; language: 'fr' | 'en'; to?: string }) {
    const m = requireMessage(input.messageId);
    const to = input.to ?? m.classification?.advertiser?.privacyContact ?? null;
    const writtenAt = deps.now().toISOString();
    const deadline = deadlineFor('letter', writtenAt, deps.timeZone())!;
    const referenceToken = newReferenceToken();
    const text = gdprLetter({
      language: input.language,
      identity: identityOf(m),
      advertiser: advertiserLabel(m),
      message: { date: m.date, subject: m.subject },
      referenceToken,
      writtenAt,
      deadline,
      timeZone: deps.timeZone(),
    });
    const noReply = to !== null && isNoReply(to);
    return { language: input.language, to, ...text, referenceToken, deadline, noReply };
  }

  /** The case of the message's advertiser and identity (opened, or given this message). */
  function openCaseFor(m: MessageDetail, privacyContact: string | null): number {
    return deps.cases.openCase({
      accountId: m.accountId,
      identity: identityOf(m),
      advertiserDomain: advertiserDomainOf(m),
      advertiserName: m.classification?.advertiser?.name ?? null,
      routerId: m.classification?.router?.id ?? null,
      routerAccount: m.classification?.router?.accountId ?? null,
      privacyContact,
      openedAt: deps.now().toISOString(),
      triggerMessageIds: [m.id],
    });
  }

  async function send(input: SendObjectionInput): Promise<CaseInfo> {
    const m = requireMessage(input.messageId);
    assertConfirmed(input);
    const sendables = input.requests.map((r) => sender.check(m, r, letter));
    const raw = await originalOf(m.id);
    for (const s of sendables) await sender.prove(m, raw, s);
    const caseId = openCaseFor(m, sendables.find((s) => s.channel === 'letter')?.to ?? null);
    if (!input.repeat) assertNotSentBefore(caseId, sendables);
    const work = deps.jobs.run(m.accountId, OBJECTIONS_JOB, async () => {
      for (const s of sendables) await sender.send(m, caseId, raw, s);
    });
    await work.done;
    return info(requireCase(caseId));
  }

  /** The confirmation lists exactly what is sent: every recipient and channel, nothing more. */
  function assertConfirmed(input: Pick<SendObjectionInput, 'requests' | 'confirmation'>): void {
    const key = (r: { channel: string; to: string }) => `${r.channel} ${r.to}`;
    const asked = new Set(input.requests.map(key));
    const confirmed = new Set(input.confirmation.map(key));
    if (asked.size !== confirmed.size || [...asked].some((k) => !confirmed.has(k)))
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'The confirmation does not list every recipient and channel to send to: nothing was sent.',
      );
  }

  /** A request already made (or whose outcome is unknown) is not made again by itself. */
  function assertNotSentBefore(caseId: number, sendables: Sendable[]): void {
    const before = requireCase(caseId).requests.filter((r) =>
      sendables.some((s) => s.channel === r.channel && s.to === r.to),
    );
    const blocking = before.find((r) => r.state !== 'failed');
    if (blocking)
      throw new AppError(
        'CONFLICT',
        blocking.state === 'unknown'
          ? `An earlier ${blocking.channel} request to ${blocking.to} may or may not have been sent (Inbox Guard stopped during it). Check before sending it again.`
          : `A ${blocking.channel} request to ${blocking.to} was already sent for this case.`,
      );
  }

  async function originalOf(messageId: number): Promise<Buffer> {
    const kept = deps.sources.stored(messageId);
    if (kept) return kept;
    await deps.sources.fetch([messageId]);
    const raw = deps.sources.stored(messageId);
    if (!raw)
      throw new AppError(
        'NOT_FOUND',
        'The original message could not be read from the server: nothing was sent.',
      );
    return raw;
  }

  /** The first letter of a case whose reminder is due (its month passed unanswered), or why not. */
  function requireReminderDue(c: ObjectionCase) {
    const step = nextStep(c, deps.timeZone());
    if (step?.step !== 'reminder' || !isDue(step, deps.now()))
      throw new AppError(
        'INVALID_INPUT',
        step?.step === 'complaint'
          ? 'This case was already followed up (or marketing came after its deadline): what comes next is the complaint.'
          : 'A reminder follows a letter whose month has passed without an answer.',
      );
    return firstLetter(c)!;
  }

  async function sendReminder(input: SendReminderInput): Promise<CaseInfo> {
    const c = requireCase(input.caseId);
    const first = requireReminderDue(c);
    const request = {
      channel: 'letter' as const,
      to: input.to,
      language: input.language,
      letter: input.letter,
      acceptNoReply: input.acceptNoReply,
    };
    assertConfirmed({ requests: [request], confirmation: input.confirmation });
    // The reminder goes with the message first objected to, as the letter did.
    const m = requireMessage(c.triggerMessageIds[0]!);
    const reminder: Sendable = { ...sender.check(m, request, letter), followUpOf: first.id };
    const raw = await originalOf(m.id);
    const work = deps.jobs.run(m.accountId, OBJECTIONS_JOB, () =>
      sender.send(m, c.id, raw, reminder),
    );
    await work.done;
    return info(requireCase(c.id));
  }

  async function channels(messageId: number) {
    const m = requireMessage(messageId);
    const offers = channelOffers(m);
    const oneClick = offers.find((o) => o.channel === 'one-click')!;
    if (!oneClick.available) return offers;
    const reason = await sender.oneClickRefusal(m, await originalOf(m.id), oneClick.to!);
    return reason
      ? offers.map((o) => (o === oneClick ? { ...o, available: false, reason } : o))
      : offers;
  }

  return {
    reader,
    channels,
    unsubscribeByRule: (messageIds) =>
      unsubscribeByRule(
        {
          message: (id) => deps.mailbox.getMessage(id),
          channels,
          cases: () => reader.listCases().map(info),
          // The rule's switch is the consent; the confirmation is the request itself.
          send: (messageId, request) =>
            send({ messageId, requests: [request], confirmation: [request], repeat: false }),
        },
        messageIds,
      ),
    letter,
    report: (messageIds) =>
      reportSpam(
        {
          requireMessage,
          sources: deps.sources,
          check: (m) =>
            sender.check(
              m,
              { channel: 'signal-spam', to: 'signal-spam', acceptNoReply: false },
              letter,
            ),
          openCase: (m) => openCaseFor(m, null),
          sentBefore: (caseId, sha256) =>
            requireCase(caseId).requests.some(
              (r) => r.channel === 'signal-spam' && r.rawSha256 === sha256 && r.state !== 'failed',
            ),
          send: (m, caseId, raw, s) => sender.send(m, caseId, raw, s),
          jobs: deps.jobs,
          job: OBJECTIONS_JOB,
        },
        messageIds,
      ),
    batchTargets: (input) =>
      batchTargets({ batch: deps.batch, mailbox: deps.mailbox, channels }, input),
    send,
    cases: () => reader.listCases().map(info),
    extend(caseId) {
      const c = requireCase(caseId);
      if (!c.requests.some((r) => r.channel === 'letter' && r.state === 'done'))
        throw new AppError('INVALID_INPUT', 'Only a letter’s one-month deadline can be extended.');
      const first = c.requests.find((r) => r.channel === 'letter' && r.state === 'done')!;
      const deadline = deadlineFor('letter', first.sentAt, deps.timeZone())!;
      deps.cases.setExtendedDeadline(caseId, extendedDeadline(deadline, deps.timeZone()));
      return info(requireCase(caseId));
    },
    close(caseId) {
      requireCase(caseId);
      deps.cases.closeCase(caseId, deps.now().toISOString());
      return info(requireCase(caseId));
    },
    async followUp(accountId) {
      // No open case, nothing to follow: no job at all (this runs after every sync).
      const open = deps.cases.listCases().some((c) => c.accountId === accountId && !c.closedAt);
      if (!open) return { replies: 0, violations: 0 };
      return deps.jobs.run(accountId, OBJECTIONS_JOB, () => follow.followUp(accountId)).done;
    },
    reminder({ caseId, language, to }) {
      const c = requireCase(caseId);
      const letter = requireReminderDue(c);
      const recipient = to ?? letter.to;
      const now = deps.now();
      const deadline = new Date(now.getTime() + REMINDER_DAYS * 86_400_000).toISOString();
      const referenceToken = newReferenceToken();
      const text = reminderLetter({
        language,
        identity: c.identity.address,
        advertiser: c.advertiser.name ?? c.advertiser.domain,
        firstSentAt: letter.sentAt,
        firstToken: letter.referenceToken ?? '',
        referenceToken,
        deadline,
        timeZone: deps.timeZone(),
      });
      return {
        language,
        to: recipient,
        ...text,
        referenceToken,
        deadline,
        noReply: isNoReply(recipient),
      };
    },
    sendReminder,
    signalSpamConfigured: () => deps.cases.reportAccount('signal-spam') !== undefined,
    removeSignalSpamAccount: () => deps.cases.removeReportAccount('signal-spam'),
    setSignalSpamAccount(user, password) {
      deps.redact(password);
      deps.cases.saveReportAccount(
        'signal-spam',
        user,
        deps.secrets.encrypt(password),
        deps.now().toISOString(),
      );
    },
  };
}

function caseInfo(c: ObjectionCase, timeZone: string): CaseInfo {
  return {
    id: c.id,
    advertiserDomain: c.advertiser.domain,
    advertiserName: c.advertiser.name,
    identity: c.identity.address,
    openedAt: c.openedAt,
    deadline: c.deadline,
    extendedDeadline: c.extendedDeadline,
    status: c.status,
    requests: c.requests.map((r) => ({
      id: r.id,
      channel: r.channel,
      to: r.to,
      sentAt: r.sentAt,
      state: r.state,
      rawSha256: r.rawSha256,
      referenceToken: r.referenceToken,
      followUpOf: r.followUpOf,
      error: r.error,
    })),
    replies: c.replies,
    violations: c.violations.map((v) => ({
      messageId: v.messageId,
      receivedAt: v.receivedAt,
      rawSha256: v.rawSha256,
      dkim: v.dkim.result,
      dkimKeyRecord: v.dkim.keyRecord,
    })),
    nextStep: nextStep(c, timeZone),
  };
}
