/**
 * Reads the facts verdicts are built on out of the headers and body: list
 * headers, wording, links, thread ids. Pure and bounded; no decision here.
 */
import {
  angleAddress,
  domainOf,
  firstAddress,
  isFreemail,
  localPartOf,
  messageIds,
  registrableDomain,
  type ParsedAddress,
} from '../mail-format/index.js';
import { extractBodyUrls, plainText, type BodyExcerpt } from './body.js';
import { decodeHeaderValue, type ParsedHeaders } from '../mail-format/index.js';
import { CALENDAR_HOSTS, WORDING } from './lexicon.js';
import { detached, memoTable } from '../mail-format/index.js';
import type { PhraseHits } from './phrases.js';
import type { BodyUrl } from './routers/match.js';

/** Wording is read from the start of the body: that is where the pitch is. */
const WORDING_WINDOW = 8 * 1024;

export interface Features {
  from: Readonly<ParsedAddress> | null;
  fromDomain: string;
  fromRegistrable: string | null;
  /** The From domain is a webmail or ISP domain (a person's address). */
  fromFreemail: boolean;
  returnPath: string;
  subject: string;
  subjectLower: string;
  text: string;
  listUnsubscribe: boolean;
  oneClick: boolean;
  listUnsubscribeHosts: string[];
  listId: string;
  listDiscussion: boolean;
  precedence: string;
  autoSubmitted: string;
  /**
   * The report type of a multipart/report (RFC 6522: "delivery-status" for a
   * bounce, "disposition-notification", "feedback-report", "tlsrpt"), or
   * null: a mail server's report on mail sent, never a message anyone wrote.
   */
  report: string | null;
  threadIds: string[];
  hasInReplyTo: boolean;
  isReSubject: boolean;
  isForward: boolean;
  replyToDomain: string | null;
  noReply: boolean;
  /** From a mail system's own address (MAILER-DAEMON, postmaster): bounces and notices. */
  mailSystem: boolean;
  bodyUrls: BodyUrl[];
  calendarHost: string | null;
  transactionalSubject: string | null;
  transactionalBody: string | null;
  marketing: readonly string[];
  sales: readonly string[];
  followUp: string | null;
  recruiting: string | null;
  scam: string | null;
  unsubscribeText: boolean;
  displayNameDomain: string | null;
  /** Raw Date header; parsed only when a legal flag needs it. */
  dateHeader: string | undefined;
}

/** Fields whose mere presence marks a discussion list (List-Post is read apart). */
const LIST_MARKERS: ReadonlySet<string> = new Set([
  'x-mailman-version',
  'x-google-group-id',
  'mailing-list',
  'x-mailing-list',
  'x-beenthere',
]);

export function extractFeatures(headers: ParsedHeaders, body: BodyExcerpt | undefined): Features {
  const from = senderOf(headers.get('from'));
  const fromDomain = from?.domain ?? '';
  const fromRegistrable = fromDomain ? registrableDomain(fromDomain) : null;
  const subject = decodeHeaderValue(headers.get('subject') ?? '').slice(0, 500);
  const subjectLower = subject.toLowerCase();
  const fullText = plainText(body);
  const text = fullText.length > WORDING_WINDOW ? fullText.slice(0, WORDING_WINDOW) : fullText;
  const listUnsub = headers.get('list-unsubscribe') ?? '';
  const bodyUrls = extractBodyUrls(body);
  const wording = readWording(subjectLower, text, fullText);
  const prefix = subjectPrefix(subject);
  const inReplyTo = headers.get('in-reply-to');
  const references = headers.get('references');
  return {
    from,
    fromDomain,
    fromRegistrable,
    fromFreemail: fromRegistrable !== null && isFreemail(fromRegistrable),
    returnPath: angleAddress(headers.get('return-path')),
    subject,
    subjectLower,
    text,
    listUnsubscribe: listUnsub !== '',
    oneClick: (headers.get('list-unsubscribe-post') ?? '').toLowerCase().includes('one-click'),
    listUnsubscribeHosts: uriHosts(listUnsub),
    listId: listIdOf(headers.get('list-id')),
    listDiscussion: isDiscussionList(headers),
    precedence: (headers.get('precedence') ?? '').toLowerCase().trim(),
    autoSubmitted: (headers.get('auto-submitted') ?? '').toLowerCase().trim(),
    report: reportTypeOf(headers.get('content-type')),
    threadIds: [...messageIds(inReplyTo), ...messageIds(references)],
    hasInReplyTo: inReplyTo !== undefined || references !== undefined,
    isReSubject: prefix === REPLY,
    isForward: prefix === FORWARD,
    replyToDomain: replyToElsewhere(headers.get('reply-to'), fromDomain, fromRegistrable),
    noReply: isNoReply(from?.address ?? ''),
    mailSystem: isMailSystem(from?.address ?? ''),
    bodyUrls,
    calendarHost: findCalendarHost(bodyUrls),
    transactionalSubject: wording.transactionalSubject,
    transactionalBody: wording.transactionalBody,
    marketing: wording.marketing,
    sales: wording.sales,
    followUp: wording.followUp,
    recruiting: wording.recruiting,
    scam: wording.scam,
    unsubscribeText: wording.unsubscribeText,
    displayNameDomain: displayNameDomain(from, fromDomain, fromRegistrable),
    dateHeader: headers.get('date'),
  };
}

type Wording = Pick<
  Features,
  | 'transactionalSubject'
  | 'transactionalBody'
  | 'marketing'
  | 'sales'
  | 'followUp'
  | 'recruiting'
  | 'scam'
  | 'unsubscribeText'
>;

/**
 * Every wording list read in one pass over "subject\ntext"; the transactional
 * checks look at the subject and the first 2,000 characters of the text, the
 * unsubscribe check at the end of the full text.
 */
function readWording(subjectLower: string, text: string, fullText: string): Wording {
  // Without a body the subject alone is read: the "\n" after it cannot be part of a phrase.
  const both = text ? `${subjectLower}\n${text}` : subjectLower;
  const hits = WORDING.scan(both);
  const bodyStart = subjectLower.length + 1;
  const end = both.length;
  return {
    transactionalSubject:
      WORDING.first(hits, 'transactional', both, 0, subjectLower.length) ??
      WORDING.first(hits, 'transactionalSubject', both, 0, subjectLower.length),
    transactionalBody: WORDING.first(
      hits,
      'transactional',
      both,
      bodyStart,
      bodyStart + Math.min(2000, text.length),
    ),
    marketing: WORDING.pick(hits, 'marketing', both, 0, end, 3),
    sales: WORDING.pick(hits, 'sales', both, 0, end, 3),
    followUp: WORDING.first(hits, 'followUp', both, 0, end),
    recruiting: WORDING.first(hits, 'recruiting', both, 0, end),
    scam: WORDING.first(hits, 'scam', both, 0, end),
    unsubscribeText: hasUnsubscribeText(hits, both, bodyStart, fullText),
  };
}

/** A short text is the whole body, already scanned; a long one is read from its end. */
function hasUnsubscribeText(
  hits: PhraseHits,
  both: string,
  bodyStart: number,
  fullText: string,
): boolean {
  if (!fullText) return false;
  if (fullText.length <= WORDING_WINDOW)
    return WORDING.first(hits, 'unsubscribe', both, bodyStart, both.length) !== null;
  const start = fullText.length - WORDING_WINDOW;
  const tail = WORDING.scan(fullText, start);
  return WORDING.first(tail, 'unsubscribe', fullText, start, fullText.length) !== null;
}

const URI_HOST = /^https?:\/\/([a-z0-9.-]{1,253})/;

function uriHosts(value: string): string[] {
  const hosts: string[] = [];
  if (!value) return hosts;
  for (const uri of messageIds(value, 5)) {
    const lower = uri.toLowerCase();
    let host: string | undefined;
    if (lower.startsWith('mailto:')) {
      const query = lower.indexOf('?', 7);
      host = domainOf(query === -1 ? lower.slice(7) : lower.slice(7, query));
    } else host = URI_HOST.exec(lower)?.[1];
    if (host) hosts.push(host);
  }
  return hosts;
}

const MULTIPART_REPORT = /^\s*multipart\/report\s*(?:;|$)/i;
const REPORT_TYPE = /;\s*report-type\s*=\s*"?([a-z0-9.+-]{1,60})/i;

function reportTypeOf(contentType: string | undefined): string | null {
  if (contentType === undefined || !MULTIPART_REPORT.test(contentType)) return null;
  return REPORT_TYPE.exec(contentType)?.[1]?.toLowerCase() ?? 'report';
}

function listIdOf(value: string | undefined): string {
  if (!value) return '';
  const ids = messageIds(value, 1);
  return (ids[0] ?? value.trim()).toLowerCase().slice(0, 253);
}

/** A parsed From (or Reply-To) address and its domain. */
interface Sender extends ParsedAddress {
  domain: string;
}

/**
 * From (or Reply-To) value -> its parsed address. A sender writes the same
 * line on every message (decoding its display name is the costly part): each
 * distinct line is read once. Results are shared, so frozen.
 */
const senders = memoTable<string, Readonly<Sender> | null>();

function senderOf(value: string | undefined): Readonly<Sender> | null {
  if (value === undefined) return null;
  const known = senders.get(value);
  if (known !== undefined) return known;
  const parsed = firstAddress(value);
  const sender =
    parsed === null
      ? null
      : Object.freeze({
          name: detached(parsed.name),
          address: detached(parsed.address),
          domain: detached(domainOf(parsed.address)),
        });
  if (value.length <= 300) {
    if (senders.size >= 20_000) senders.clear();
    senders.set(detached(value), sender);
  }
  return sender;
}

const REPLY = 1;
const FORWARD = 2;
const SUBJECT_PREFIX = /^\s*(?:(re|aw|rép|réf)|(fwd?|tr|transf))\s*:/i;

/** REPLY for "Re:" (and its French and German forms), FORWARD for "Fwd:"/"Tr:", else 0. */
function subjectPrefix(subject: string): number {
  const m = SUBJECT_PREFIX.exec(subject);
  return m === null ? 0 : m[1] !== undefined ? REPLY : FORWARD;
}

/** A discussion list lets members post: List-Post, Mailman, Google Groups, ... */
function isDiscussionList(headers: ParsedHeaders): boolean {
  const post = (headers.get('list-post') ?? '').trim().toLowerCase();
  if (post && post !== 'no') return true;
  return headers.fields.some((field) => LIST_MARKERS.has(field.name));
}

function replyToElsewhere(
  value: string | undefined,
  fromDomain: string,
  fromRegistrable: string | null,
): string | null {
  const replyTo = senderOf(value);
  if (!replyTo?.address || !fromDomain) return null;
  const domain = replyTo.domain;
  if (registrableDomain(domain) === fromRegistrable) return null;
  return isFreemail(domain) && !isFreemail(fromDomain) ? domain : null;
}

function isNoReply(address: string): boolean {
  const local = localPartOf(address).replace(/[._-]/g, '');
  return local.startsWith('noreply') || local.startsWith('donotreply') || local === 'nepasrepondre';
}

function isMailSystem(address: string): boolean {
  const local = localPartOf(address).toLowerCase();
  return local === 'mailer-daemon' || local === 'postmaster';
}

function findCalendarHost(urls: readonly BodyUrl[]): string | null {
  for (const url of urls) {
    for (const host of CALENDAR_HOSTS) {
      if (url.host === host || url.host.endsWith('.' + host)) return host;
    }
    if (url.host === 'calendar.google.com' && url.path.includes('appointments')) return url.host;
  }
  return null;
}

/** "PayPal Security <x@evil.biz>" is fine; "service@paypal.com <x@evil.biz>" shows another domain. */
function displayNameDomain(
  from: ParsedAddress | null,
  fromDomain: string,
  fromRegistrable: string | null,
): string | null {
  if (!from?.name || !fromDomain) return null;
  const m = /([a-z0-9-]{2,63}\.(?:com|fr|net|org|de|io|co|eu))\b/i.exec(from.name.slice(0, 200));
  if (!m?.[1]) return null;
  const shown = m[1].toLowerCase();
  return registrableDomain(shown) === fromRegistrable ? null : shown;
}

export function parseDate(value: string | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value.slice(0, 100));
  return Number.isFinite(time) ? time : null;
}

export function hasMarketingWording(f: Features): boolean {
  return f.marketing.length > 0;
}
