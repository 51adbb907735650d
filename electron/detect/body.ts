/**
 * What classification reads from the optional body excerpt: the URLs (for
 * tracking pixels and link rewriting), a lowercased plain text (for wording),
 * and a privacy contact. Linear scans with indexOf, capped in size and count.
 */
import type { BodyUrl } from './routers/match.js';

export interface BodyExcerpt {
  text?: string;
  html?: string;
}

export const MAX_BODY = 64 * 1024;
const MAX_URLS = 300;

export function extractBodyUrls(body: BodyExcerpt | undefined): BodyUrl[] {
  if (!body) return [];
  const urls: BodyUrl[] = [];
  for (const source of [body.html, body.text]) {
    if (source) scanUrls(cap(source), urls);
  }
  return urls;
}

function cap(value: string): string {
  return value.length > MAX_BODY ? value.slice(0, MAX_BODY) : value;
}

function scanUrls(text: string, out: BodyUrl[]): void {
  let pos = 0;
  while (out.length < MAX_URLS) {
    const at = text.indexOf('http', pos);
    if (at === -1) return;
    let i = at + 4;
    if (text[i] === 's' || text[i] === 'S') i++;
    if (text.startsWith('://', i)) {
      i += 3;
      const hostStart = i;
      while (i < text.length && isHostChar(text.charCodeAt(i)) && i - hostStart < 253) i++;
      const host = text.slice(hostStart, i).toLowerCase().replace(/\.$/, '');
      const pathStart = i;
      while (i < text.length && !isUrlEnd(text.charCodeAt(i)) && i - pathStart < 500) i++;
      if (host.includes('.')) {
        const before = text.slice(Math.max(0, at - 12), at).toLowerCase();
        out.push({ host, path: text.slice(pathStart, i), image: before.includes('src=') });
      }
    }
    pos = Math.max(i, at + 4);
  }
}

function isHostChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46
  );
}

function isUrlEnd(c: number): boolean {
  // whitespace, quotes, angle brackets, parentheses
  return c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 40 || c === 41;
}

/** Lowercased plain text of the excerpt: the text part, or the HTML without tags. */
export function plainText(body: BodyExcerpt | undefined): string {
  if (!body) return '';
  if (body.text && body.text.trim()) return cap(body.text).toLowerCase();
  if (!body.html) return '';
  return stripTags(cap(body.html)).toLowerCase();
}

function stripTags(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  while (pos < html.length) {
    const open = html.indexOf('<', pos);
    if (open === -1) {
      parts.push(html.slice(pos));
      break;
    }
    parts.push(html.slice(pos, open), ' ');
    const close = html.indexOf('>', open + 1);
    if (close === -1) break;
    pos = close + 1;
  }
  return parts
    .join('')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&eacute;/g, 'é')
    .replace(/&egrave;/g, 'è')
    .replace(/&agrave;/g, 'à');
}

const PRIVACY_WORDS = [
  'dpo',
  'rgpd',
  'gdpr',
  'privacy',
  'donnees-personnelles',
  'donneespersonnelles',
  'donnees.personnelles',
  'data-protection',
  'dataprotection',
  'data.protection',
  'protection-donnees',
  'protectiondesdonnees',
  'cil',
  'vieprivee',
  'datenschutz',
];

/** An address in the body whose local part names a privacy/DPO contact. */
export function findPrivacyContact(body: BodyExcerpt | undefined): string | null {
  if (!body) return null;
  for (const source of [body.html, body.text]) {
    if (!source) continue;
    const text = cap(source);
    let pos = 0;
    for (let guard = 0; guard < 500; guard++) {
      const at = text.indexOf('@', pos);
      if (at === -1) break;
      const address = addressAround(text, at);
      if (address && PRIVACY_WORDS.some((word) => localPart(address).includes(word)))
        return address;
      pos = at + 1;
    }
  }
  return null;
}

function addressAround(text: string, at: number): string | null {
  let start = at;
  while (start > 0 && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - at < 253 && isHostChar(text.charCodeAt(end))) end++;
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, end).replace(/\.$/, '');
  if (!local || !domain.includes('.')) return null;
  return `${local}@${domain}`.toLowerCase();
}

function isLocalChar(c: number): boolean {
  return isHostChar(c) || c === 95 || c === 43;
}

function localPart(address: string): string {
  return address.slice(0, address.indexOf('@'));
}
