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
} from './address.js';
import { extractBodyUrls, plainText, type BodyExcerpt } from './body.js';
import { decodeHeaderValue, type ParsedHeaders } from './headers.js';
import { CALENDAR_HOSTS, WORDING } from './lexicon.js';
import type { PhraseHits } from './phrases.js';
import { hasPrefix } from './text.js';
import type { BodyUrl } from './routers/match.js';

/** Wording is read from the start of the body: that is where the pitch is. */
const WORDING_WINDOW = 8 * 1024;

export interface Features {
  from: ParsedAddress | null;
  fromDomain: string;
  fromRegistrable: string | null;
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
  threadIds: string[];
  hasInReplyTo: boolean;
  isReSubject: boolean;
  isForward: boolean;
  replyToDomain: string | null;
  noReply: boolean;
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

export function extractFeatures(headers: ParsedHeaders, body: BodyExcerpt | undefined): Features {
  const from = firstAddress(headers.get('from'));
  const fromDomain = domainOf(from?.address ?? '');
  const subject = decodeHeaderValue(headers.get('subject') ?? '').slice(0, 500);
  const subjectLower = subject.toLowerCase();
  const fullText = plainText(body);
  const text = fullText.length > WORDING_WINDOW ? fullText.slice(0, WORDING_WINDOW) : fullText;
  const listUnsub = headers.get('list-unsubscribe') ?? '';
  const bodyUrls = extractBodyUrls(body);
  const wording = readWording(subjectLower, text, fullText);
  return {
    from,
    fromDomain,
    fromRegistrable: fromDomain ? registrableDomain(fromDomain) : null,
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
    threadIds: [
      ...messageIds(headers.get('in-reply-to')),
      ...messageIds(headers.get('references')),
    ],
    hasInReplyTo: headers.has('in-reply-to') || headers.has('references'),
    isReSubject: /^\s*(re|aw|rép|réf)\s*:/i.test(subject),
    isForward: /^\s*(fwd?|tr|transf)\s*:/i.test(subject),
    replyToDomain: replyToElsewhere(headers, fromDomain),
    noReply: isNoReply(from?.address ?? ''),
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
    displayNameDomain: displayNameDomain(from, fromDomain),
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
    transactionalSubject: WORDING.first(hits, 'transactional', both, 0, subjectLower.length),
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

function uriHosts(value: string): string[] {
  const hosts: string[] = [];
  for (const uri of messageIds(value, 5)) {
    const lower = uri.toLowerCase();
    if (hasPrefix(lower, 'mailto:')) hosts.push(domainOf(lower.slice(7).split('?')[0] ?? ''));
    else {
      const m = /^https?:\/\/([a-z0-9.-]{1,253})/.exec(lower);
      if (m?.[1]) hosts.push(m[1]);
    }
  }
  return hosts.filter((host) => host);
}

function listIdOf(value: string | undefined): string {
  if (!value) return '';
  const ids = messageIds(value, 1);
  return (ids[0] ?? value.trim()).toLowerCase().slice(0, 253);
}

/** A discussion list lets members post: List-Post, Mailman, Google Groups, ... */
function isDiscussionList(headers: ParsedHeaders): boolean {
  const post = (headers.get('list-post') ?? '').trim().toLowerCase();
  if (post && post !== 'no') return true;
  return (
    headers.has('x-mailman-version') ||
    headers.has('x-google-group-id') ||
    headers.has('mailing-list') ||
    headers.has('x-mailing-list') ||
    headers.has('x-beenthere')
  );
}

function replyToElsewhere(headers: ParsedHeaders, fromDomain: string): string | null {
  const replyTo = firstAddress(headers.get('reply-to'));
  if (!replyTo?.address || !fromDomain) return null;
  const domain = domainOf(replyTo.address);
  if (registrableDomain(domain) === registrableDomain(fromDomain)) return null;
  return isFreemail(domain) && !isFreemail(fromDomain) ? domain : null;
}

/** Every no-reply form starts with "n" or "d" once separators are dropped. */
const MAYBE_NO_REPLY = /^[._-]*[nd]/;

function isNoReply(address: string): boolean {
  if (!MAYBE_NO_REPLY.test(address)) return false;
  const local = localPartOf(address).replace(/[._-]/g, '');
  return hasPrefix(local, 'noreply') || hasPrefix(local, 'donotreply') || local === 'nepasrepondre';
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
function displayNameDomain(from: ParsedAddress | null, fromDomain: string): string | null {
  // A domain has a dot: most display names have none and need no pattern run.
  if (!from?.name || !fromDomain || !from.name.includes('.')) return null;
  const m = /([a-z0-9-]{2,63}\.(?:com|fr|net|org|de|io|co|eu))\b/i.exec(from.name.slice(0, 200));
  if (!m?.[1]) return null;
  const shown = m[1].toLowerCase();
  return registrableDomain(shown) === registrableDomain(fromDomain) ? null : shown;
}

export function parseDate(value: string | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value.slice(0, 100));
  return Number.isFinite(time) ? time : null;
}

export function hasMarketingWording(f: Features): boolean {
  return f.marketing.length > 0;
}
