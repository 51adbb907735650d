/**
 * Turns facts into a verdict. Each kind of mail collects points from the
 * signals that support it; the best wins if it is clear enough. Relationship
 * comes first and is not a matter of points: mail from someone the user wrote
 * to, in a thread they started, or from a sender they marked wanted is never
 * unsolicited, and the user's own organisation is never a prospector.
 */
import type { Features } from './features.js';
import type { RouterMatch } from './routers/match.js';
import { materialize, pending, type PendingSignal } from './signals.js';
import { authenticationFailed, type TrustReport } from './trust.js';
import type { Decision, Signal, Verdict } from './types.js';

export interface RelationshipFacts {
  wroteToSender: boolean;
  wroteToDomain: boolean;
  replyInThread: boolean;
  subscribed: boolean;
  decision: Decision | null;
  /** False when the sender claims a known address but failed authentication. */
  trusted: boolean;
}

export interface Facts {
  f: Features;
  router: RouterMatch | null;
  forged: RouterMatch | null;
  /**
   * A cold-outreach tool only the message's own headers or links show: it
   * weighs for prospecting but is never named as the router (nothing proves it).
   */
  outreachTool?: RouterMatch | null;
  trust: TrustReport;
  rel: RelationshipFacts;
  ownOrg: boolean;
  nominativeIdentity: string | null;
  /** The message was sent to one of the user's personal addresses. */
  personalIdentity: boolean;
  /** Name of the mailbox provider that relayed the message, if one did. */
  mailboxRelay: string | null;
  hasAdvertiser: boolean;
  tokenLogOdds: number | null;
  /** The list address when this is the user's own post to a mailing list (Sent copy). */
  ownListPost?: string | null;
}

type Scored = Exclude<Verdict, 'unknown' | 'list_discussion'>;
const SCORED: readonly Scored[] = [
  'spam',
  'cold_prospecting',
  'newsletter',
  'transactional',
  'personal',
];

class Board {
  readonly points: Record<Scored, number> = {
    spam: 0,
    cold_prospecting: 0,
    newsletter: 0,
    transactional: 0,
    personal: 0,
  };
  readonly reasons: Record<Scored, PendingSignal[]> = {
    spam: [],
    cold_prospecting: [],
    newsletter: [],
    transactional: [],
    personal: [],
  };

  constructor(
    /** "sent through X (evidence)", worked out once: three kinds may cite it. */
    readonly routerReason: PendingSignal | null,
  ) {}

  add(kind: Scored, points: number, reason?: PendingSignal | null): void {
    this.points[kind] += points;
    if (reason && !hasCode(this.reasons[kind], reason.code)) this.reasons[kind].push(reason);
  }
}

function hasCode(list: ReadonlyArray<{ code: string }>, code: string): boolean {
  return list.some((item) => item.code === code);
}

export interface VerdictResult {
  verdict: Verdict;
  score: number;
  signals: Signal[];
  /** Relationship or decision says the user wants this sender. */
  solicited: boolean;
}

export function isPositiveRelationship(rel: RelationshipFacts): boolean {
  if (rel.decision === 'wanted') return true;
  // Thread ids are only known to correspondents: a reply in the user's thread counts even unauthenticated.
  return rel.replyInThread || (rel.trusted && rel.wroteToSender);
}

export function decideVerdict(facts: Facts): VerdictResult {
  const listed = facts.f.listDiscussion && !isCampaign(facts);
  // What a list server adds (List-Unsubscribe, List-Id, its footer) says nothing of the
  // content: a list-delivered message is scored on what its sender wrote.
  const board = scoreBoard(listed ? listContentFacts(facts) : facts);
  const context = contextSignals(facts);
  const solicited = isPositiveRelationship(facts.rel) || facts.ownOrg || facts.rel.subscribed;
  if (listed && !isUnwantedContent(board, facts)) {
    const list = facts.f.listId || facts.f.from?.address || '';
    return finish(
      'list_discussion',
      6,
      0,
      [pending('discussion_list', { list })],
      context,
      solicited,
    );
  }
  if (facts.ownListPost) {
    const post = pending('own_list_post', { list: facts.ownListPost });
    return finish('list_discussion', 6, 0, [post], context, solicited);
  }
  // The best kind wins; ties go to the earlier kind in SCORED (spam before marketing, ...).
  let best: Scored | null = null;
  let second = -Infinity;
  for (const kind of SCORED) {
    if (excluded(kind, facts)) continue;
    const points = board.points[kind];
    if (best === null) best = kind;
    else if (points > board.points[best]) {
      second = board.points[best];
      best = kind;
    } else if (points > second) second = points;
  }
  if (best === null || board.points[best] < VERDICT_POINTS) {
    return finish('unknown', 0, 0, NO_SIGNALS, context, solicited);
  }
  return finish(
    best,
    board.points[best],
    second === -Infinity ? 0 : second,
    board.reasons[best],
    context,
    solicited,
  );
}

const NO_SIGNALS: readonly PendingSignal[] = [];

function scoreBoard(facts: Facts): Board {
  const board = new Board(facts.router ? routerSignal(facts.router) : null);
  scoreNewsletter(facts, board);
  scoreCold(facts, board);
  scoreSpam(facts, board);
  scoreTransactional(facts, board);
  scorePersonal(facts, board);
  applyCorrections(facts, board);
  return board;
}

/**
 * What the sender of a list-delivered message wrote: without what the list
 * added (its headers and footer), nor the authentication failures its
 * rewriting causes as a matter of course (a member's DKIM and DMARC break).
 */
function listContentFacts(facts: Facts): Facts {
  const f = facts.f;
  return {
    ...facts,
    f: { ...f, listUnsubscribe: false, oneClick: false, listId: '', unsubscribeText: false },
    trust: { ...facts.trust, hasAuthResults: false, dmarc: null },
  };
}

/** Points the best kind needs to be a verdict (below, the message is 'unknown'). */
const VERDICT_POINTS = 2;

/**
 * A promotion, pitch or scam that a list delivered: its content alone
 * (list headers set aside) scores clearly as unwanted mail.
 */
function isUnwantedContent(board: Board, facts: Facts): boolean {
  let best: Scored | null = null;
  for (const kind of SCORED)
    if (!excluded(kind, facts) && (best === null || board.points[kind] > board.points[best]))
      best = kind;
  if (best === null || best === 'personal' || best === 'transactional') return false;
  return board.points[best] >= VERDICT_POINTS;
}

/** No verdict is ever quite certain: a score stops at 0.99. */
export const MAX_SCORE = 0.99;

function finish(
  verdict: Verdict,
  best: number,
  second: number,
  reasons: readonly PendingSignal[],
  context: readonly PendingSignal[],
  solicited: boolean,
): VerdictResult {
  const raw =
    verdict === 'unknown'
      ? 0.3
      : Math.min(MAX_SCORE, best / (best + Math.max(0, second) + 1) + 0.1);
  // Reasons first, then context; a code shows once (a materialised signal keeps its code).
  const signals: Signal[] = [];
  for (const item of reasons) if (!hasCode(signals, item.code)) signals.push(materialize(item));
  for (const item of context) if (!hasCode(signals, item.code)) signals.push(materialize(item));
  return {
    verdict,
    score: Math.round(raw * 100) / 100,
    signals,
    solicited,
  };
}

/** A campaign sent to a list address keeps its campaign verdict (List-Post is absent). */
function isCampaign(facts: Facts): boolean {
  const kind = facts.router?.entry.kind;
  return facts.f.listUnsubscribe && !facts.f.listDiscussion && kind !== undefined && kind !== 'esp';
}

/** Verdicts relationship and organisation rule out, whatever the points say. */
function excluded(kind: Scored, facts: Facts): boolean {
  const positive = isPositiveRelationship(facts.rel);
  if (kind === 'cold_prospecting') return positive || facts.ownOrg || facts.rel.wroteToDomain;
  if (kind === 'spam') return positive || (facts.ownOrg && !authenticationFailed(facts.trust));
  return false;
}

function scoreNewsletter({ f, router }: Facts, board: Board): void {
  if (f.listUnsubscribe) board.add('newsletter', 2, pending('list_unsubscribe'));
  if (f.oneClick) board.add('newsletter', 0.5, pending('one_click_unsubscribe'));
  if (f.precedence === 'bulk')
    board.add('newsletter', 1, pending('bulk_precedence', { value: f.precedence }));
  if (f.listId) board.add('newsletter', 0.5);
  if (router) {
    const kind = router.entry.kind;
    const points = kind === 'esp' ? 0.5 : kind === 'cold_outreach' ? 0 : kind === 'crm' ? 1.5 : 2;
    board.add('newsletter', points, board.routerReason);
  }
  for (let i = 0; i < f.marketing.length && i < 2; i++)
    board.add(
      'newsletter',
      i === 0 ? 1.5 : 1,
      pending('marketing_words', { phrase: f.marketing[i]! }),
    );
  if (f.unsubscribeText) board.add('newsletter', 1);
}

function scoreCold(facts: Facts, board: Board): void {
  const { f, router } = facts;
  const before = board.points.cold_prospecting;
  scoreColdSignals(facts, board);
  const gained = board.points.cold_prospecting - before;
  // Prospecting is B2B mail from a company: from a webmail address, or to a personal
  // address, without a known outreach tool, it is far more likely a person's own mail.
  const toolUsed = router?.entry.kind === 'cold_outreach' || !!facts.outreachTool;
  const freemail = f.fromFreemail;
  if (!toolUsed && (freemail || facts.personalIdentity))
    board.add('cold_prospecting', -gained * 0.6);
  if (f.recruiting) {
    board.add('cold_prospecting', -Math.min(gained, 3));
    board.add('personal', 2, pending('recruiting', { phrase: f.recruiting }));
  }
}

/** Points for the first, second and third sales phrase. */
const SALES_POINTS = [1.5, 1, 0.5];

function scoreColdSignals(facts: Facts, board: Board): void {
  const { f, router } = facts;
  const proven = router?.entry.kind === 'cold_outreach';
  const tool = proven ? router : (facts.outreachTool ?? null);
  if (tool) {
    const pixel = pending('tracking_pixel', { name: tool.entry.name });
    board.add('cold_prospecting', 3, proven ? board.routerReason : pixel);
    if (proven) board.add('cold_prospecting', 0, pixel);
  }
  for (let i = 0; i < f.sales.length; i++)
    board.add(
      'cold_prospecting',
      SALES_POINTS[i] ?? 0,
      pending('sales_language', { phrase: f.sales[i]! }),
    );
  if (f.followUp) board.add('cold_prospecting', 1.5, pending('follow_up', { phrase: f.followUp }));
  if (f.calendarHost)
    board.add('cold_prospecting', 1.5, pending('calendar_link', { host: f.calendarHost }));
  const pitch = f.sales.length > 0 || f.followUp !== null || tool !== null;
  if (!pitch) return;
  if (f.isReSubject && !facts.rel.replyInThread)
    board.add('cold_prospecting', 1.5, pending('fake_reply'));
  if (!f.listUnsubscribe) board.add('cold_prospecting', 1, pending('no_unsubscribe'));
  if (!facts.rel.wroteToDomain && f.fromRegistrable && !f.fromFreemail)
    board.add('cold_prospecting', 0.5, pending('never_wrote_domain'));
  if (facts.nominativeIdentity)
    board.add(
      'cold_prospecting',
      0.5,
      pending('nominative_identity', { address: facts.nominativeIdentity }),
    );
  if (facts.mailboxRelay && f.fromRegistrable && !f.fromFreemail)
    board.add('cold_prospecting', 0.5, pending('mailbox_sender', { provider: facts.mailboxRelay }));
}

function scoreSpam(facts: Facts, board: Board): void {
  const { f, trust } = facts;
  // Phishing dresses up as a receipt or a parcel notice: its wording is not a receipt.
  if (f.scam) board.add('transactional', -2);
  if (authenticationFailed(trust)) board.add('spam', 3, pending('auth_failed'));
  if (trust.dmarc && trust.dmarc.result === 'fail')
    board.add('spam', 2, pending('dmarc_failed', { domain: trust.dmarc.domain || f.fromDomain }));
  if (facts.forged)
    board.add('spam', 3, pending('forged_router', { name: facts.forged.entry.name }));
  if (f.scam)
    board.add(
      'spam',
      f.subjectLower.includes(f.scam) ? 3 : 2,
      pending('scam_words', { phrase: f.scam }),
    );
  if (f.replyToDomain)
    board.add('spam', 1.5, pending('reply_to_elsewhere', { domain: f.replyToDomain }));
  if (f.displayNameDomain)
    board.add('spam', 2, pending('display_name_domain', { domain: f.displayNameDomain }));
  if (!f.fromDomain) board.add('spam', 2, pending('no_advertiser'));
  if (
    !facts.hasAdvertiser &&
    (f.marketing.length > 0 || f.precedence === 'bulk') &&
    !f.listUnsubscribe
  )
    board.add('spam', 1, pending('no_advertiser'));
}

function scoreTransactional({ f, router }: Facts, board: Board): void {
  // A bounce quotes the mail it returns (a promotion's subject, a scam's text): the report wins.
  if (f.report) board.add('transactional', 5, pending('delivery_report', { type: f.report }));
  else if (f.mailSystem) board.add('transactional', 3, pending('mail_system_sender'));
  if (f.transactionalSubject) {
    board.add(
      'transactional',
      3.5,
      pending('transactional_words', { phrase: f.transactionalSubject }),
    );
    // Marketing platforms add List-Unsubscribe to receipts too: it says little here.
    if (f.marketing.length === 0) board.add('newsletter', -1.5);
  } else if (f.transactionalBody)
    board.add(
      'transactional',
      1.5,
      pending('transactional_words', { phrase: f.transactionalBody }),
    );
  if (!f.transactionalSubject && !f.transactionalBody) return;
  if (f.noReply) board.add('transactional', 1, pending('no_reply_sender'));
  if (f.autoSubmitted && f.autoSubmitted !== 'no')
    board.add('transactional', 1, pending('auto_submitted', { value: f.autoSubmitted }));
  if (router?.entry.kind === 'esp') board.add('transactional', 0.5, board.routerReason);
  if (f.marketing.length > 0 && f.subjectLower.includes(f.marketing[0]!))
    board.add('transactional', -1.5);
}

function scorePersonal(facts: Facts, board: Board): void {
  const { f, rel } = facts;
  const bulk =
    f.listUnsubscribe || f.listId !== '' || f.precedence === 'bulk' || f.precedence === 'list';
  const platform = facts.router !== null && facts.router.entry.kind !== 'cold_outreach';
  if (!bulk && !platform) board.add('personal', 2, pending('one_to_one'));
  if (rel.trusted && rel.wroteToSender) board.add('personal', 4, pending('wrote_to_sender'));
  else if (rel.trusted && rel.wroteToDomain) board.add('personal', 2, pending('wrote_to_domain'));
  if (rel.replyInThread) board.add('personal', 4, pending('reply_in_thread'));
  if (rel.decision === 'wanted') board.add('personal', 2, pending('wanted_sender'));
  if (facts.ownOrg)
    board.add('personal', 3, pending('own_organisation', { domain: f.fromRegistrable ?? '' }));
  if (f.fromRegistrable && f.fromFreemail && !bulk)
    board.add('personal', 1, pending('personal_mailbox_domain', { domain: f.fromRegistrable }));
  if (f.hasInReplyTo && !bulk) board.add('personal', 0.5, pending('in_reply_to'));
  if (f.isForward && !bulk) board.add('personal', 1.5, pending('forwarded'));
  if (f.sales.length > 0) board.add('personal', -0.5 * f.sales.length);
  if (f.followUp) board.add('personal', -1);
}

/** The user's own decisions and the token model trained on them. */
function applyCorrections(facts: Facts, board: Board): void {
  const marketing: Scored =
    board.points.cold_prospecting > board.points.newsletter ? 'cold_prospecting' : 'newsletter';
  if (facts.rel.decision === 'unwanted') board.add(marketing, 4, pending('unwanted_sender'));
  const odds = facts.tokenLogOdds;
  if (odds === null || Math.abs(odds) < 1) return;
  const shift = Math.max(-3, Math.min(3, odds)) * 0.7;
  if (shift > 0) {
    board.add(marketing, shift, pending('token_unwanted'));
    board.add('personal', -shift / 2);
  } else {
    board.add('personal', -shift, pending('token_wanted'));
    board.add(marketing, shift / 2);
  }
}

/** Signals shown whatever the verdict: the user's own decisions and what the model learned. */
function contextSignals(facts: Facts): readonly PendingSignal[] {
  const odds = facts.tokenLogOdds ?? 0;
  if (facts.rel.trusted && facts.rel.decision === null && odds < 1 && odds > -1) return NO_SIGNALS;
  const out: PendingSignal[] = [];
  if (!facts.rel.trusted) out.push(pending('unauthenticated_contact'));
  if (facts.rel.decision === 'unwanted') out.push(pending('unwanted_sender'));
  if (facts.rel.decision === 'wanted') out.push(pending('wanted_sender'));
  if (odds >= 1) out.push(pending('token_unwanted'));
  if (odds <= -1) out.push(pending('token_wanted'));
  return out;
}

function routerSignal(router: RouterMatch): PendingSignal {
  const evidence = describeEvidence(router);
  return pending('router', { name: router.entry.name, evidence });
}

const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  'feedback-id': 'Feedback-ID',
  relay: 'relay',
  'dkim-verified': 'DKIM',
  'return-path': 'Return-Path',
  tracking: 'tracking link',
  'list-unsubscribe': 'List-Unsubscribe',
  // Software on the sender's own server: "sent through MailWizz (self-hosted app.example.com)".
  'self-hosted': 'self-hosted',
};

function describeEvidence(router: RouterMatch): string {
  const headerHit = router.evidence.find((e) => e.source === 'header');
  if (headerHit) return headerDisplayName(headerHit.detail);
  const first = router.evidence[0];
  if (!first) return '';
  return `${EVIDENCE_LABELS[first.source] ?? first.source} ${first.detail}`.trim();
}

/** x-sg-eid -> X-SG-EID, x-mc-user -> X-MC-User: how vendors spell their headers. */
export function headerDisplayName(name: string): string {
  return name
    .split('-')
    .map((part) => (part.length <= 3 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1)))
    .join('-');
}
