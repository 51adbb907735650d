/**
 * The learned model's features of one message: header structure, platform
 * evidence, authentication anomalies, recipients, subject and body shapes,
 * the detect lexicon's hits, and hashed words of the subject and of the
 * bounded body text. Pure and deterministic; the same function
 * serves training (train/) and the app. Words come from the first 4 KB of
 * text (text.ts); the lexicon's hits are the rules' own (features.ts reads
 * the first 8 KB, and the last 8 KB for unsubscribe wording), read once.
 *
 * Left out on purpose (they describe where the labelled corpus came from, not
 * what a message is): Received hops, dates, the display name's presence,
 * In-Reply-To/References, MIME structure beyond "HTML without text", archive
 * headers (X-Folder, X-FileName, Mailman versions), list names, and the
 * sender's own domain name.
 */
import {
  domainOf,
  isFreemail,
  localPartOf,
  readAuthResults,
  registrableDomain,
  memoTable,
  type AuthResults,
  type HeaderField,
  type ParsedHeaders,
} from '../../mail-format/index.js';
import type { BodyExcerpt } from '../body.js';
import type { Features } from '../features.js';
import { ROLE_LOCAL_PARTS } from '../lexicon.js';
import { MAILBOX_PROVIDER_DOMAINS } from '../routers/index.js';
import type { BodyUrl, RouterMatch } from '../routers/match.js';
import type { TrustReport } from '../trust.js';
import type { Verdict } from '../types.js';
import { isDisguised, namesAnotherBrand } from './disguise.js';
import { asEnglish } from './french.js';
import {
  CRYPTO_WORDS,
  greetingOf,
  hasDashSignature,
  hasMoneyAmount,
  hasPhoneNumber,
  linkShape,
  mailerFamily,
  quotedLines,
  recipientsOf,
  SOURCE_WORDS,
  subjectShape,
  URGENCY_WORDS,
} from './shapes.js';
import {
  forEachWord,
  keyHash,
  keyHashMix,
  keyHashOf,
  MODEL_TEXT_CHARS,
  modelText,
} from './text.js';
import {
  FeatureVector,
  HASH_BITS,
  KeyTable,
  NAMESPACE,
  type HashedKey,
  ORIGIN_BODY,
  ORIGIN_SUBJECT,
} from './vector.js';
import { NAMED, NAMED_FEATURES } from './vocabulary.js';

/** What the model reads: the message as classification already read it. */
export interface ModelInput {
  headers: ParsedHeaders;
  body: BodyExcerpt | undefined;
  f: Features;
  trust: TrustReport;
  router: RouterMatch | null;
  forged: RouterMatch | null;
  /** Host of the Message-ID, lowercased ('' when there is none or it has no "@"). */
  messageIdHost: string;
  /** The rules' own verdict: the model learns how far to follow it, kind by kind. */
  ruled: Verdict;
}

/** Bumped when what a feature means changes without its name changing. */
const FEATURE_RULES_VERSION = 5;

/**
 * Identifies the feature extractor a model was trained with: its rules
 * version, the hashed space and the named features in order. A model file
 * whose spec differs from this one was trained on other features.
 */
export const FEATURE_SPEC = `v${FEATURE_RULES_VERSION}-h${HASH_BITS}-n${NAMED_FEATURES.length}-${keyHash(
  NAMED_FEATURES.map(([key]) => key).join(','),
).toString(16)}`;

export function modelFeatures(input: ModelInput): FeatureVector {
  const text = modelText(input.body);
  const vector = new FeatureVector(input.f.subjectLower, text);
  const fields = FIELDS.pick(input.headers);
  vector.named(RULED_FEATURE[input.ruled]);
  addHeaderFeatures(vector, input, fields);
  addSenderFeatures(vector, input, fields);
  addSubjectFeatures(vector, input.f);
  addBodyFeatures(vector, input, text);
  // Words alone: pairs of words measured no better in cross-validation (worse for the body's,
  // the same for the subject's): a few hundred messages teach few pairs.
  addWords(vector, input.f.subjectLower, NAMESPACE.subjectWord, ORIGIN_SUBJECT);
  addWords(vector, text, NAMESPACE.bodyWord, ORIGIN_BODY);
  return vector;
}

/** The header fields the model reads beyond the rules' features, found in one pass. */
const FIELD_NAMES = [
  'x-mailer',
  'user-agent',
  'reply-to',
  'message-id',
  'to',
  'cc',
  'authentication-results',
] as const;
const FIELDS = {
  pick: (headers: ParsedHeaders): Picked => FIELD_NAMES.map((name) => headers.field(name)),
};
const X_MAILER = 0;
const USER_AGENT = 1;
const REPLY_TO = 2;
const MESSAGE_ID = 3;
const TO = 4;
const CC = 5;
const AUTHENTICATION_RESULTS = 6;

type Picked = ReadonlyArray<HeaderField | undefined>;

const ROUTER_KEYS = new KeyTable('router');
const MAILER_KEYS = new KeyTable('mailer');
const TLD_KEYS = new KeyTable('tld');
const LINK_KEYS = new KeyTable('link');
const LINK_PREFIX = keyHashOf('link:');
const linkKeyText = (path: string, start: number, end: number): string =>
  `link:${path.slice(start, end).toLowerCase()}`;

const RULED_FEATURE: Readonly<Record<Verdict, number>> = {
  newsletter: NAMED.rules_newsletter,
  cold_prospecting: NAMED.rules_cold_prospecting,
  spam: NAMED.rules_spam,
  transactional: NAMED.rules_transactional,
  personal: NAMED.rules_personal,
  list_discussion: NAMED.rules_list_discussion,
  unknown: NAMED.rules_unknown,
};

const ROUTER_KIND_FEATURE = {
  esp: NAMED.router_esp,
  marketing_automation: NAMED.router_marketing,
  crm: NAMED.router_crm,
  cold_outreach: NAMED.router_cold_outreach,
  newsletter_platform: NAMED.router_newsletter,
} as const;

function addHeaderFeatures(
  v: FeatureVector,
  { f, router, forged }: ModelInput,
  fields: Picked,
): void {
  if (f.listId) v.named(NAMED.list_id);
  if (f.listDiscussion) v.named(NAMED.list_post);
  if (f.listUnsubscribe) v.named(NAMED.list_unsubscribe);
  if (f.oneClick) v.named(NAMED.one_click_unsubscribe);
  if (f.precedence === 'bulk') v.named(NAMED.precedence_bulk);
  else if (f.precedence === 'list') v.named(NAMED.precedence_list);
  else if (f.precedence === 'junk') v.named(NAMED.precedence_junk);
  if (f.autoSubmitted && f.autoSubmitted !== 'no') v.named(NAMED.auto_submitted);
  if (f.report) v.named(NAMED.delivery_report);
  if (router) {
    v.named(ROUTER_KIND_FEATURE[router.entry.kind]);
    v.key(ROUTER_KEYS.of(router.entry.id));
  }
  if (forged) v.named(NAMED.router_forged);
  const mailer = mailerFamily((fields[X_MAILER] ?? fields[USER_AGENT])?.value);
  if (mailer.bulk) v.named(NAMED.mailer_bulk);
  if (mailer.family !== null) v.key(MAILER_KEYS.of(mailer.family));
}

function addSenderFeatures(
  v: FeatureVector,
  { f, trust, messageIdHost }: ModelInput,
  fields: Picked,
): void {
  const from = f.fromRegistrable;
  if (!f.fromDomain) v.named(NAMED.from_missing);
  if (f.fromFreemail) v.named(NAMED.from_freemail);
  if (f.noReply) v.named(NAMED.from_no_reply);
  const address = f.from?.address ?? '';
  if (address && ROLE_LOCAL_PARTS.has(localPartOf(address))) v.named(NAMED.from_role);
  if (f.fromDomain) v.key(tldKeyOf(f.fromDomain));
  // As trust.ts reads it: the raw value (its parser treats line breaks as spaces). A discussion
  // list breaks its posters' signatures (its footer, its subject tag), spam or not: no failure
  // of a list-delivered message is read, as the rules read its content without them.
  if (!f.listDiscussion)
    addAuthFeatures(v, receiverResults(trust, fields[AUTHENTICATION_RESULTS]?.rawValue));
  if (from && trust.signatures.length > 0 && !signedBy(trust, from)) v.named(NAMED.dkim_unaligned);
  if (from && f.returnPath && elsewhere(domainOf(f.returnPath), from))
    v.named(NAMED.return_path_elsewhere);
  const replyTo = fields[REPLY_TO];
  if (from && replyTo && elsewhere(addressHost(replyTo.value), from))
    v.named(NAMED.reply_to_elsewhere);
  if (f.replyToDomain) v.named(NAMED.reply_to_freemail);
  if (f.displayNameDomain) v.named(NAMED.display_name_domain);
  const name = f.from?.name ?? '';
  if (isDisguised(name) || isDisguised(f.subject)) v.named(NAMED.sender_disguised);
  if (namesAnotherBrand(name, f.fromRegistrable ?? f.fromDomain)) v.named(NAMED.brand_elsewhere);
  if (fields[MESSAGE_ID] === undefined) v.named(NAMED.message_id_missing);
  else if (from !== null) addMessageIdElsewhere(v, messageIdHost, from);
  const rcpt = recipientsOf(fields[TO]?.value, fields[CC]?.value, address);
  if (rcpt.missing) v.named(NAMED.to_missing);
  if (rcpt.undisclosed) v.named(NAMED.to_undisclosed);
  if (rcpt.count >= 6) v.named(NAMED.to_many);
  else if (rcpt.count >= 2) v.named(NAMED.to_several);
  if (rcpt.toSender) v.named(NAMED.to_is_from);
}

/**
 * The authentication results the receiving side wrote: the trusted ones when
 * the trust analysis found them, else the topmost Authentication-Results
 * field (the last server's, above anything the sender wrote), or null.
 */
function receiverResults(trust: TrustReport, top: string | undefined): AuthResults | null {
  if (trust.hasAuthResults) return trust;
  if (top === undefined) return null;
  const results: AuthResults = { dkimPass: [], dkimFail: [], spf: null, dmarc: null };
  readAuthResults(top, results);
  return results;
}

/** Only failures: a pass is what every real message has, the corpus's personal mail included. */
function addAuthFeatures(v: FeatureVector, results: AuthResults | null): void {
  if (results === null) return;
  const spf = results.spf?.result;
  if (results.dkimPass.length === 0 && spf !== undefined && spf !== 'pass')
    v.named(NAMED.auth_failed);
  if (results.dmarc?.result === 'fail') v.named(NAMED.dmarc_failed);
  if (spf === 'fail' || spf === 'softfail') v.named(NAMED.spf_failed);
  if (results.dkimFail.length > 0) v.named(NAMED.dkim_failed);
}

// From domains are the engine's shared strings (detect/features.ts): this memo answers a
// mailbox's repeats by comparing pointers, without cutting and hashing the ending again.
const tldKeys = memoTable<string, HashedKey>();

function tldKeyOf(domain: string): HashedKey {
  let key = tldKeys.get(domain);
  if (key === undefined) {
    key = TLD_KEYS.of(domain.slice(domain.lastIndexOf('.') + 1));
    tldKeys.set(domain, key);
  }
  return key;
}

/** The host of the (last) address in a Reply-To value: what follows its "@". */
function addressHost(value: string): string {
  const at = value.lastIndexOf('@');
  if (at === -1) return '';
  let end = at + 1;
  while (end < value.length && isHostChar(value.charCodeAt(end))) end++;
  return value.slice(at + 1, end).toLowerCase();
}

function isHostChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46
  );
}

function signedBy(trust: TrustReport, fromRegistrable: string): boolean {
  for (const sig of trust.signatures) if (within(sig.domain, fromRegistrable)) return true;
  return false;
}

/** `host` is `registrable` or one of its subdomains (compared as text: no suffix list needed). */
function within(host: string, registrable: string): boolean {
  const lower = host.toLowerCase();
  return (
    lower === registrable ||
    (lower.length > registrable.length &&
      lower.endsWith(registrable) &&
      lower.charCodeAt(lower.length - registrable.length - 1) === 46)
  );
}

/**
 * A host of another registrable domain than the sender's: one outside the
 * sender's registrable domain has another (a host that is no domain is not).
 */
function elsewhere(host: string, fromRegistrable: string): boolean {
  return host.includes('.') && !within(host, fromRegistrable);
}

/** Mailbox providers write their own Message-IDs for their users' custom domains. */
function addMessageIdElsewhere(v: FeatureVector, host: string, from: string): void {
  if (!elsewhere(host, from)) return;
  const domain = registrableDomain(host);
  if (domain === null || MAILBOX_PROVIDER_DOMAINS.has(domain) || isFreemail(domain)) return;
  v.named(NAMED.message_id_elsewhere);
}

function addSubjectFeatures(v: FeatureVector, f: Features): void {
  if (f.subject.trim() === '') v.named(NAMED.subject_empty);
  if (f.isReSubject) v.named(NAMED.subject_reply);
  if (f.isForward) v.named(NAMED.subject_forward);
  const shape = subjectShape(f.subject);
  if (shape.caps) v.named(NAMED.subject_caps);
  if (shape.exclaim) v.named(NAMED.subject_exclaim);
  if (shape.money) v.named(NAMED.subject_money);
  if (shape.symbols) v.named(NAMED.subject_symbols);
  if (f.transactionalSubject) v.named(NAMED.words_transactional_subject);
}

function addBodyFeatures(v: FeatureVector, { body, f }: ModelInput, text: string): void {
  const hasText = !!body?.text && body.text.trim() !== '';
  if (!hasText && !body?.html) v.named(NAMED.body_none);
  else if (!hasText) v.named(NAMED.html_only);
  if (text.length > 0 && text.length < 300) v.named(NAMED.body_short);
  if (text.length >= MODEL_TEXT_CHARS) v.named(NAMED.body_long);
  if (quotedLines(text) >= 2) v.named(NAMED.quoted_reply);
  const links = linkShape(f.bodyUrls, f.fromRegistrable);
  if (links.links >= 11) v.named(NAMED.links_many);
  else if (links.links >= 4) v.named(NAMED.links_some);
  else if (links.links >= 1) v.named(NAMED.links_few);
  if (links.ownDomain) v.named(NAMED.links_own_domain);
  if (links.otherDomains >= 3) v.named(NAMED.links_other_domains);
  if (links.ip) v.named(NAMED.link_ip);
  if (links.shortener) v.named(NAMED.link_shortener);
  if (links.images) v.named(NAMED.remote_images);
  if (links.trackingPixel) v.named(NAMED.tracking_pixel);
  addLinkWords(v, f.bodyUrls);
  if (f.unsubscribeText) v.named(NAMED.unsubscribe_text);
  if (f.marketing.length > 0) v.named(NAMED.words_marketing);
  if (f.sales.length > 0) v.named(NAMED.words_sales);
  if (f.followUp) v.named(NAMED.words_follow_up);
  if (f.recruiting) v.named(NAMED.words_recruiting);
  if (f.scam) v.named(NAMED.words_scam);
  if (f.transactionalBody) v.named(NAMED.words_transactional_body);
  if (f.calendarHost) v.named(NAMED.calendar_link);
  const greeting = greetingOf(text);
  if (greeting === 'generic') v.named(NAMED.greeting_generic);
  else if (greeting === 'personal') v.named(NAMED.greeting_personal);
  if (hasDashSignature(text)) v.named(NAMED.signature_dashes);
  if (hasPhoneNumber(text)) v.named(NAMED.phone_number);
  if (hasMoneyAmount(text)) v.named(NAMED.money_words);
}

/** Links read, and words kept of each: the first links say what the message wants done. */
const LINK_WORD_LINKS = 20;
const LINK_WORDS_PER_LINK = 8;

/**
 * Words of the links (not images): the first label of a host under a domain
 * (click., track., secure.) and the words of the path and query (login,
 * verify, unsubscribe, utm, invoice), as keys: what a link asks of the reader
 * says more than the domain it points to.
 */
function addLinkWords(v: FeatureVector, urls: readonly BodyUrl[]): void {
  let read = 0;
  for (const url of urls) {
    if (url.image) continue;
    if (++read > LINK_WORD_LINKS) return;
    const dots = countDots(url.host);
    if (dots >= 2) v.key(LINK_KEYS.of(url.host.slice(0, url.host.indexOf('.'))));
    addLinkPathWords(v, url.path);
  }
}

function countDots(host: string): number {
  let dots = 0;
  for (let i = 0; i < host.length; i++) if (host.charCodeAt(i) === 46) dots++;
  return dots;
}

/**
 * Runs of 3 to 16 ASCII letters, lowercased, at most LINK_WORDS_PER_LINK of
 * them, as "link:word" keys hashed while read (a message's many link words
 * would otherwise each cost a string and a memo lookup).
 */
function addLinkPathWords(v: FeatureVector, path: string): void {
  let start = -1;
  let hash = LINK_PREFIX;
  let found = 0;
  for (let i = 0; i <= path.length && found < LINK_WORDS_PER_LINK; i++) {
    const c = i < path.length ? path.charCodeAt(i) | 32 : 0;
    if (c >= 97 && c <= 122) {
      if (start === -1) {
        start = i;
        hash = LINK_PREFIX;
      }
      hash = keyHashMix(hash, c);
    } else if (start !== -1) {
      const length = i - start;
      if (length >= 3 && length <= 16) {
        v.keyOfHash(hash >>> 0, linkKeyText, path, start, i);
        found++;
      }
      start = -1;
    }
  }
}

/** Hashed words; word lists become named features. */
function addWords(v: FeatureVector, text: string, space: number, origin: number): void {
  if (text === '') return;
  forEachWord(text, (hash, start, end) => {
    if (SOURCE_WORDS.has(hash)) return;
    if (CRYPTO_WORDS.has(hash)) v.named(NAMED.crypto_words);
    if (URGENCY_WORDS.has(hash)) v.named(NAMED.urgency_words);
    v.word(space, asEnglish(hash), origin, start, end);
  });
}
