/**
 * Shapes of a message the model reads as named features: the mailer family,
 * recipients, subject typography, greeting, signature, links. Small bounded
 * checks over strings the features already hold.
 */
import { registrableDomain } from '../../mail-format/index.js';
import type { BodyUrl } from '../routers/match.js';
import { wordHash } from './text.js';

/** Mail programs people write with: the program says nothing about the kind of mail. */
const CLIENT_MAILERS = new Set(
  (
    'microsoft outlook mozilla thunderbird apple iphone ipad mutt neomutt gnus emacs evolution ' +
    'kmail claws sylpheed roundcube sogo horde squirrelmail zimbra lotus novell groupwise pegasus ' +
    'eudora mailmate alpine pine k fairemail airmail spark superhuman postbox mailspring geary ' +
    'balsa trojita webmail opera android samsung gmail yahoo aol icedove seamonkey mulberry the ' +
    'internet windows ms mailapp vm wanderlust mew notmuch aerc'
  ).split(' '),
);

/** Substrings of X-Mailer / User-Agent naming bulk-mailing programs and scripts. */
const BULK_MAILERS = [
  'phpmailer',
  'swiftmailer',
  'swift mailer',
  'symfony',
  'mass mail',
  'bulk',
  'sendblaster',
  'newsletter',
  'atomic mail',
  'gammadyne',
  'group mail',
  'campaign',
  'mailwizz',
  'interspire',
  'acymailing',
  'mailpoet',
  'sendy',
  'phplist',
  'oempro',
  'python',
  'perl',
  'nodemailer',
  'wordpress',
  'drupal',
  'joomla',
  'odoo',
  'openerp',
];

export interface MailerFamily {
  /** First word of the program's name, for a hashed feature; null for a mail client. */
  family: string | null;
  bulk: boolean;
}

const NO_MAILER: MailerFamily = { family: null, bulk: false };

export function mailerFamily(value: string | undefined): MailerFamily {
  if (!value) return NO_MAILER;
  const lower = value.slice(0, 120).toLowerCase();
  const bulk = BULK_MAILERS.some((name) => lower.includes(name));
  const word = /[a-z]+/.exec(lower)?.[0] ?? '';
  const family = word && !CLIENT_MAILERS.has(word) ? word : null;
  return family === null && !bulk ? NO_MAILER : { family, bulk };
}

export interface Recipients {
  missing: boolean;
  undisclosed: boolean;
  /** Addresses in To and Cc (counted by their "@"). */
  count: number;
  toSender: boolean;
}

export function recipientsOf(
  to: string | undefined,
  cc: string | undefined,
  fromAddress: string,
): Recipients {
  const count = countAt(to) + countAt(cc);
  return {
    missing: to === undefined || to.trim() === '',
    undisclosed: to !== undefined && UNDISCLOSED.test(to.slice(0, 200)),
    count,
    toSender:
      fromAddress !== '' && count === 1 && (to ?? cc ?? '').toLowerCase().includes(fromAddress),
  };
}

const UNDISCLOSED = /undisclosed|recipient list|destinataires? inconnus|non divulgu/i;

/** Addresses in a field, counted by their "@" (the first 4,000 characters). */
function countAt(value: string | undefined): number {
  if (value === undefined) return 0;
  const end = Math.min(value.length, 4000);
  let count = 0;
  for (let at = value.indexOf('@'); at !== -1 && at < end; at = value.indexOf('@', at + 1)) count++;
  return count;
}

export interface SubjectShape {
  caps: boolean;
  exclaim: boolean;
  money: boolean;
  symbols: boolean;
}

const MONEY = /[$€£]\s?\d|\d\s?(?:[$€£%]|usd\b|eur\b|euros?\b)/i;

export function subjectShape(subject: string): SubjectShape {
  let letters = 0;
  let upper = 0;
  let symbols = false;
  let digits = false;
  for (let i = 0; i < subject.length; i++) {
    const c = subject.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
    else if (c >= 48 && c <= 57) digits = true;
    else if (c >= 0x2190) symbols = true;
  }
  return {
    caps: letters >= 8 && upper >= letters * 0.7,
    exclaim: subject.includes('!'),
    // An amount has a digit: most subjects need no pattern run.
    money: digits && MONEY.test(subject),
    symbols,
  };
}

export type Greeting = 'generic' | 'personal' | null;

const GENERIC_GREETING =
  /^(?:dear (?:friend|customer|user|sir|madam|member|client|beneficiary|valued|account|winner|colleague|partner)|cher client|chère cliente|chers clients|madame, monsieur|madame,? monsieur|bonjour madame|attention|greetings)/;
const PERSONAL_GREETING = /^(?:hi|hello|hey|dear|bonjour|bonsoir|salut|coucou|hallo|hola|ciao)\b/;

/** The greeting the text opens with (lowercase text). */
export function greetingOf(text: string): Greeting {
  const start = text.slice(0, 120).trimStart();
  if (GENERIC_GREETING.test(start)) return 'generic';
  return PERSONAL_GREETING.test(start) ? 'personal' : null;
}

const PHONE = /(?:\+|\b)\d{1,4}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}\b/;

export function hasPhoneNumber(text: string): boolean {
  return PHONE.test(text);
}

export function hasMoneyAmount(text: string): boolean {
  if (text.indexOf('$') === -1 && text.indexOf('€') === -1 && text.indexOf('£') === -1)
    return /\d\s?(?:usd|eur|euros)\b/.test(text);
  return MONEY.test(text);
}

export function hasDashSignature(text: string): boolean {
  return text.includes('\n-- \n') || text.includes('\n--\n') || text.includes('\r\n-- \r\n');
}

export function quotedLines(text: string): number {
  let count = text.startsWith('>') ? 1 : 0;
  for (let at = text.indexOf('\n>'); at !== -1 && count < 10; at = text.indexOf('\n>', at + 2))
    count++;
  return count;
}

const SHORTENERS = new Set(
  'bit.ly tinyurl.com goo.gl t.co ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at rb.gy tiny.cc bit.do'.split(
    ' ',
  ),
);
const IP_HOST = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const TRACKING_PATH = /open|track|pixel|beacon|\/o\/|\.gif\?/i;

export interface LinkShape {
  links: number;
  ownDomain: boolean;
  otherDomains: number;
  ip: boolean;
  shortener: boolean;
  images: boolean;
  trackingPixel: boolean;
}

export function linkShape(urls: readonly BodyUrl[], fromRegistrable: string | null): LinkShape {
  const shape: LinkShape = {
    links: 0,
    ownDomain: false,
    otherDomains: 0,
    ip: false,
    shortener: false,
    images: false,
    trackingPixel: false,
  };
  const others: string[] = [];
  for (const url of urls) {
    if (url.image) {
      shape.images = true;
      if (TRACKING_PATH.test(url.path)) shape.trackingPixel = true;
      continue;
    }
    shape.links++;
    if (IP_HOST.test(url.host)) shape.ip = true;
    if (SHORTENERS.has(url.host)) shape.shortener = true;
    const domain = registrableDomain(url.host);
    if (domain === null) continue;
    if (domain === fromRegistrable) shape.ownDomain = true;
    else if (others.length < 10 && !others.includes(domain)) others.push(domain);
  }
  shape.otherDomains = others.length;
  return shape;
}

function hashes(words: string): ReadonlySet<number> {
  return new Set(words.split(' ').map(wordHash));
}

/** Word lists read as named features (accents folded, as the model reads words). */
export const CRYPTO_WORDS = hashes(
  'bitcoin bitcoins btc crypto cryptocurrency cryptomonnaie ethereum eth usdt wallet blockchain binance',
);
export const URGENCY_WORDS = hashes(
  'urgent urgently immediately immediatement asap expire expires expired expiration suspended suspendu suspension deadline hurry vite delai',
);
/** Words that name the corpus's own sources, not the kind of mail (an employer, a server). */
export const SOURCE_WORDS = hashes('enron ect hou');
