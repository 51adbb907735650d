/**
 * Classification of one message: parse the stored headers once, read what
 * can be trusted, find the router, the advertiser and the identity hit, then
 * decide the verdict with its signals and legal flags. Hostile input gets a
 * verdict; an exception is a bug and reaches the caller, which reports it
 * with the message's id (a silent 'unknown' would hide it).
 */
import { isAligned, resolveAdvertiser } from './advertiser.js';
import type { BodyExcerpt } from './body.js';
import { extractFeatures, type Features } from './features.js';
import { parseHeaderBlock, type ParsedHeaders } from '../mail-format/index.js';
import { findIdentityHit, IdentityIndex, isNominativeAddress } from './identity.js';
import { legalFlags } from './legal.js';
import { listRecipientOf } from './mailing-list.js';
import { identifyRouter, type RouterMatch } from './routers/match.js';
import { messageSignal, pending } from './signals.js';
import { messageTokens } from './tokens.js';
import { analyseTrust, authenticationFailed, type TrustReport } from './trust.js';
import type {
  AdvertiserInfo,
  Classification,
  DetectContext,
  MessageInput,
  Signal,
  Verdict,
} from './types.js';
import {
  decideVerdict,
  isPositiveRelationship,
  MAX_SCORE,
  type RelationshipFacts,
} from './verdict.js';
import { confirmWithModel, decideWithModel } from './model/combine.js';
import { modelFeatures, type ModelInput } from './model/features.js';
import type { LearnedModels } from './model/scorer.js';
import { shippedModels } from './model/shipped.js';

const indexes = new WeakMap<DetectContext, IdentityIndex>();

function identityIndexOf(context: DetectContext): IdentityIndex {
  let index = indexes.get(context);
  if (!index) {
    index = new IdentityIndex(context.identities);
    indexes.set(context, index);
  }
  return index;
}

/**
 * `models` is the learned model shipped with the app; cross-validation
 * passes each fold's own, and null leaves the verdict to the rules alone.
 */
export function classifyMessage(
  input: MessageInput,
  context: DetectContext,
  models: LearnedModels | null = shippedModels(),
): Classification {
  const read = readMessage(input, context);
  const { headers, body, trust, f, routed } = read;
  const forged = f.listDiscussion ? null : routed.forged;
  const advertiser = resolveAdvertiser({
    from: f.from,
    fromDomain: f.fromDomain,
    fromRegistrable: f.fromRegistrable,
    listId: f.listId,
    trust,
    body,
  });
  const index = identityIndexOf(context);
  const hit = findIdentityHit(headers, index);
  const rel = relationshipFacts(f, trust, context);
  const ownOrg = isOwnOrganisation(f, trust, context);
  const identity = hit?.identity ?? null;
  const nominative = identity?.kind === 'professional' && isNominativeAddress(hit?.address ?? '');
  const tokenLogOdds = tokenOdds(f, routed.match, context);
  const ownListPost = ownListPostOf(headers, f, index);
  const ruled = decideVerdict({
    f,
    router: routed.match,
    forged,
    outreachTool: routed.claimed?.entry.kind === 'cold_outreach' ? routed.claimed : null,
    trust,
    rel,
    ownOrg,
    nominativeIdentity: nominative ? (hit?.address ?? null) : null,
    personalIdentity: identity?.kind === 'personal',
    mailboxRelay: mailboxRelayOf(trust),
    hasAdvertiser: advertiser !== null,
    tokenLogOdds,
    ownListPost,
  });
  let decided = ruled;
  if (models !== null) {
    const model = hasExcerpt(body) ? models.body : models.headers;
    const vector = () => modelFeatures(modelInputOf(read, ruled.verdict));
    if (!rulesCertain(ruled.verdict, rel, ownOrg, ownListPost, routed.match, f))
      decided = decideWithModel({
        rules: ruled,
        excluded: excludedVerdicts(rel, ownOrg, trust, listedContent(f, ruled.verdict)),
        tokenLogOdds,
        vector: vector(),
        model,
        // From headers alone, precision at the body model's threshold is lower (README).
        hold:
          model === models.headers
            ? { acting: models.body.actionThreshold, own: models.headers.actionThreshold }
            : undefined,
      });
    // Where the rules are certain of unwanted content, the model that read the body may vouch
    // for their score (never lower it; not read when it could not raise it). From headers alone
    // it does not: its held-out precision is lower, and such verdicts wait for their excerpt.
    else if (
      ruled.score < MAX_SCORE &&
      hasExcerpt(body) &&
      contentCertainUnwanted(ruled.verdict, rel, ownOrg, ownListPost)
    )
      decided = confirmWithModel(ruled, tokenLogOdds, vector(), model);
  }
  const marketing = decided.verdict === 'newsletter' || decided.verdict === 'cold_prospecting';
  const unsolicited =
    rel.decision === 'unwanted' ||
    ((marketing || decided.verdict === 'spam') && !decided.solicited);
  // A shop the user bought from, or a domain they wrote to, did not get the address from a leak.
  const customerOf = marketing ? customerDomain(advertiser, f, rel, context) : null;
  const identityLeaked =
    identity?.visibility === 'private' &&
    unsolicited &&
    marketing &&
    customerOf === null &&
    !rel.wroteToDomain;
  // Nobody is selling in a colleague's mail (the organisation's own newsletter keeps it), and
  // plain spam has no advertiser anyone could name: its From domain is forged or borrowed. A mail
  // server's report sells nothing either, and is no account mail: it makes no one a shop the user
  // is a customer of (relationships/ reads transactional mail's advertisers).
  const shownAdvertiser =
    (ownOrg && !marketing) || decided.verdict === 'spam' || f.report !== null || f.mailSystem
      ? null
      : advertiser;
  const signals = decided.signals;
  if (customerOf !== null)
    signals.push(messageSignal('customer_relationship', { domain: customerOf }));
  const list = deliveringList(f);
  if (list !== null && decided.verdict !== 'list_discussion')
    signals.push(messageSignal('received_through_list', { list }));
  addIdentitySignals(
    signals,
    hit?.address ?? null,
    hit?.plusTag ?? null,
    unsolicited,
    identityLeaked,
  );
  return {
    verdict: decided.verdict,
    score: decided.score,
    unsolicited,
    signals,
    router: routerInfo(routed.match),
    advertiser: shownAdvertiser,
    identity: hit?.address ?? null,
    plusTag: hit?.plusTag ?? null,
    identityLeaked,
    list,
    legalFlags: legalFlags({
      verdict: decided.verdict,
      unsolicited,
      f,
      advertiser: shownAdvertiser,
      identity,
      nominative,
      subscribed: rel.subscribed || customerOf !== null,
      unrelatedToJob: context.unrelatedToJob,
      objections: context.objections,
    }),
  };
}

/**
 * Where the rules' verdict stands whatever the model says: the user's own
 * decision, a relationship, their organisation or list post, and the kinds
 * the rules recognise from evidence in both languages where the labelled
 * corpus is thin: a prospecting pitch (sales or follow-up wording, a booking
 * link, an outreach tool), a transactional message (an order, a reset, a
 * parcel; the corpus's French mail is nearly all phishing, which uses those
 * words), and a newsletter with List-Unsubscribe from a marketing platform
 * the receiving side verified (the corpus's marketing is mostly from 2002,
 * before emoji subjects). Keeping the rules' word on these measured the same
 * in cross-validation; on every newsletter it measured worse.
 */
function rulesCertain(
  verdict: Verdict,
  rel: RelationshipFacts,
  ownOrg: boolean,
  ownListPost: string | null,
  router: RouterMatch | null,
  f: Features,
): boolean {
  if (decidedByRelationship(rel, ownOrg, ownListPost)) return true;
  // Measured on direct mail: what a list delivered is left to the model, list headers and all.
  if (f.listDiscussion) return false;
  if (verdict === 'cold_prospecting' || verdict === 'transactional') return true;
  return verdict === 'newsletter' && f.listUnsubscribe && isVerifiedMarketingPlatform(router);
}

/** The user's own decision, a relationship, their organisation or their own list settled it. */
function decidedByRelationship(
  rel: RelationshipFacts,
  ownOrg: boolean,
  ownListPost: string | null,
): boolean {
  return rel.decision !== null || isPositiveRelationship(rel) || ownOrg || ownListPost !== null;
}

/** The rules found unwanted content themselves, not through the user's own decisions. */
function contentCertainUnwanted(
  verdict: Verdict,
  rel: RelationshipFacts,
  ownOrg: boolean,
  ownListPost: string | null,
): boolean {
  if (decidedByRelationship(rel, ownOrg, ownListPost)) return false;
  return verdict === 'newsletter' || verdict === 'cold_prospecting';
}

/** A marketing platform the receiving side saw (relay, DKIM): not an ESP anyone may use. */
function isVerifiedMarketingPlatform(router: RouterMatch | null): boolean {
  if (router === null || router.confidence !== 'verified') return false;
  const kind = router.entry.kind;
  return kind === 'marketing_automation' || kind === 'newsletter_platform' || kind === 'crm';
}

const NO_EXCLUSION: ReadonlySet<Verdict> = new Set();

/**
 * What the relationship rules out, as the rules' own scoring rules it out;
 * and list discussion for a list-delivered message whose content the rules
 * found unwanted (content comes before the delivery path).
 */
function excludedVerdicts(
  rel: RelationshipFacts,
  ownOrg: boolean,
  trust: TrustReport,
  listedUnwanted: boolean,
): ReadonlySet<Verdict> {
  const positive = isPositiveRelationship(rel);
  const noCold = positive || ownOrg || rel.wroteToDomain;
  const noSpam = positive || (ownOrg && !authenticationFailed(trust));
  if (!noCold && !noSpam && !listedUnwanted) return NO_EXCLUSION;
  const out = new Set<Verdict>();
  if (noCold) out.add('cold_prospecting');
  if (noSpam) out.add('spam');
  if (listedUnwanted) out.add('list_discussion');
  return out;
}

/** A discussion list delivered the message, and the rules judged its content unwanted. */
function listedContent(f: Features, ruled: Verdict): boolean {
  return (
    f.listDiscussion && (ruled === 'newsletter' || ruled === 'spam' || ruled === 'cold_prospecting')
  );
}

/** The discussion list that delivered the message (its List-Id, else its address), or null. */
function deliveringList(f: Features): string | null {
  if (!f.listDiscussion) return null;
  return f.listId || f.from?.address || null;
}

function hasExcerpt(body: BodyExcerpt | undefined): boolean {
  return !!body && ((body.text ?? '').trim() !== '' || (body.html ?? '').trim() !== '');
}

/**
 * The list address of the user's own post to a mailing list (the copy in
 * Sent has no list headers yet), or null.
 */
function ownListPostOf(headers: ParsedHeaders, f: Features, index: IdentityIndex): string | null {
  if (f.listId || f.listUnsubscribe || f.listDiscussion || !f.from?.address) return null;
  if (index.size === 0 || index.lookup(f.from.address) === null) return null;
  return listRecipientOf(headers);
}

function sanitizeBody(body: MessageInput['body']): BodyExcerpt | undefined {
  if (!body || typeof body !== 'object') return undefined;
  return {
    text: typeof body.text === 'string' ? body.text : undefined,
    html: typeof body.html === 'string' ? body.html : undefined,
  };
}

function messageIdHostOf(value: string | undefined): string {
  if (!value) return '';
  const at = value.lastIndexOf('@');
  if (at === -1) return '';
  const end = value.indexOf('>', at);
  return value
    .slice(at + 1, end === -1 ? undefined : end)
    .trim()
    .toLowerCase();
}

function relationshipFacts(
  f: Features,
  trust: TrustReport,
  context: DetectContext,
): RelationshipFacts {
  const address = f.from?.address ?? '';
  const domain = f.fromRegistrable;
  const lookup = context.relationship;
  const businessDomain = domain !== null && !f.fromFreemail;
  const failed =
    trust.hasAuthResults && (trust.dmarc?.result === 'fail' || authenticationFailed(trust));
  return {
    wroteToSender: address !== '' && lookup.hasWrittenTo(address),
    wroteToDomain: businessDomain && lookup.hasWrittenToDomain(domain),
    replyInThread: f.threadIds.length > 0 && lookup.isReplyToOwnMessage(f.threadIds.slice(0, 50)),
    subscribed: businessDomain && (lookup.hasConfirmedSubscription?.(domain) ?? false),
    decision: context.decisions.decisionFor(address, domain),
    trusted: !failed,
  };
}

/**
 * The advertiser's (or sender's) domain when the user is its customer (its
 * orders, receipts or account mail reached them), unless the message failed
 * authentication while claiming it.
 */
function customerDomain(
  advertiser: AdvertiserInfo | null,
  f: Features,
  rel: RelationshipFacts,
  context: DetectContext,
): string | null {
  const isCustomerOf = context.relationship.isCustomerOf;
  if (!isCustomerOf || !rel.trusted) return null;
  if (advertiser && isCustomerOf.call(context.relationship, advertiser.domain))
    return advertiser.domain;
  const from = f.fromRegistrable;
  return from && !f.fromFreemail && isCustomerOf.call(context.relationship, from) ? from : null;
}

/** The user's own domain counts only when the message really comes from it. */
function isOwnOrganisation(f: Features, trust: TrustReport, context: DetectContext): boolean {
  const domain = f.fromRegistrable;
  if (!domain || !context.ownDomains.includes(domain)) return false;
  if (!trust.hasAuthResults) return true;
  return isAligned(domain, trust) || trust.spf?.result === 'pass';
}

const PROVIDER_NAMES: Record<string, string> = {
  'google.com': 'Google Workspace / Gmail',
  'outlook.com': 'Microsoft 365 / Outlook',
  'office365.com': 'Microsoft 365',
};

function mailboxRelayOf(trust: TrustReport): string | null {
  const domain = trust.mailboxProvider;
  return domain === null ? null : (PROVIDER_NAMES[domain] ?? domain);
}

function tokenOdds(f: Features, router: RouterMatch | null, context: DetectContext): number | null {
  const model = context.tokenModel;
  if (!model || model.trainedOn === 0) return null;
  // A model that cannot score yet answers 0: the message's tokens are not worth building.
  return model.canScore ? model.logOdds(tokensOf(f, router)) : 0;
}

/** Appends the identity's signals to the verdict's own (a fresh array per message). */
function addIdentitySignals(
  out: Signal[],
  address: string | null,
  tag: string | null,
  unsolicited: boolean,
  leaked: boolean,
): void {
  if (leaked && address) out.push(pending('leaked_identity', { address }));
  if (tag && unsolicited) out.push(pending('plus_tag', { tag }));
}

function routerInfo(match: RouterMatch | null): Classification['router'] {
  if (!match) return null;
  return {
    id: match.entry.id,
    name: match.entry.name,
    kind: match.entry.kind,
    accountId: match.accountId,
    abuse: match.entry.abuse,
    confidence: match.confidence,
  };
}

/**
 * The tokens the model scores this message on, for training it on a
 * correction: read exactly as classifyMessage reads it (same body excerpt,
 * same trusted receivers), so the model learns what it will be asked about.
 */
export function tokensForCorrection(input: MessageInput, context: DetectContext): string[] {
  const { f, routed } = readMessage(input, context);
  return tokensOf(f, routed.match);
}

/** What the learned model reads of a message, read as classifyMessage reads it (train/ uses it). */
export function modelInputFor(input: MessageInput, context: DetectContext): ModelInput {
  const ruled = classifyMessage(input, context, null).verdict;
  return modelInputOf(readMessage(input, context), ruled);
}

function modelInputOf(read: ReturnType<typeof readMessage>, ruled: Verdict): ModelInput {
  const { headers, body, trust, f, routed, messageIdHost } = read;
  const forged = f.listDiscussion ? null : routed.forged;
  return { headers, body, f, trust, router: routed.match, forged, messageIdHost, ruled };
}

/** What classification and the token model both read from a message. */
function readMessage(input: MessageInput, context: DetectContext) {
  const headers =
    input.parsed ?? parseHeaderBlock(typeof input.rawHeaders === 'string' ? input.rawHeaders : '');
  const body = sanitizeBody(input.body);
  const trust = analyseTrust(headers, context.receivingDomains ?? []);
  const f = extractFeatures(headers, body);
  const messageIdHost = messageIdHostOf(headers.get('message-id'));
  const routed = routeOf(headers, trust, f, messageIdHost);
  return { headers, body, trust, f, routed, messageIdHost };
}

/** The platform that sent the message, from what its headers (and body links) show. */
function routeOf(headers: ParsedHeaders, trust: TrustReport, f: Features, messageIdHost: string) {
  return identifyRouter({
    headers,
    trust,
    returnPath: f.returnPath,
    fromAddress: f.from?.address ?? '',
    fromDomain: f.fromDomain,
    messageIdHost,
    listUnsubscribeHosts: f.listUnsubscribeHosts,
    listId: f.listId,
    bodyUrls: f.bodyUrls,
  });
}

/** The words the per-user model learns from and scores on. */
function tokensOf(f: Features, router: RouterMatch | null): string[] {
  return messageTokens({
    fromDomain: f.fromRegistrable,
    routerId: router?.entry.id ?? null,
    subject: f.subject,
    text: f.text,
    listUnsubscribe: f.listUnsubscribe,
  });
}
