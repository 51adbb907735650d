/**
 * The names of the machine that handed a message over, as someone other than
 * the sender wrote them: the only host names a router may be named from.
 *
 * - The receiving side's boundary hop: the client's reverse-DNS name, which
 *   the receiver looked up itself.
 * - Exchange Online records no reverse-DNS name, only the client's HELO and
 *   address: its HELO counts when the same receiver's results show the
 *   sender authenticated (SPF or DKIM passed), so a home connection or a
 *   spoofed envelope cannot claim a platform's host name.
 * - A public list server the receiving side took the message from: its own
 *   inbound hop (written by the list's machines, above anything the original
 *   sender wrote) names the platform that posted to the list.
 * - Mail fetched by fetchmail and re-injected locally: the user's provider's
 *   own inbound hop, below the local and retrieval hops.
 * Hops the sender could have written are never read.
 */
import { parseReceived, registrableDomain } from '../../mail-format/index.js';
import type { ParsedHeaders } from '../../mail-format/index.js';
import { authenticationFailed, type TrustReport } from '../trust.js';

export type VouchedBy = 'receiver' | 'exchange-helo' | 'list-server';

export interface VouchedHost {
  /** The client's name, or '' when only its address is known. */
  host: string;
  /** The client's IPv4 address as the writer of the hop saw it, or ''. */
  ip: string;
  by: VouchedBy;
}

/**
 * Public list hosts whose inbound hop is read. Each runs its own MX in front
 * of the list software and stamps the platform's host there (corpus: 0129,
 * 0151 osuosl.org; 0150, 0158 lists.ozlabs.org; 0224-0343 lists.sourceforge.net).
 */
const PUBLIC_LIST_HOSTS: ReadonlySet<string> = new Set([
  'sourceforge.net',
  'osuosl.org',
  'ozlabs.org',
  'kernel.org',
  'linux.dev',
  'freedesktop.org',
  'gnu.org',
  'debian.org',
  'apache.org',
  'python.org',
  'googlegroups.com',
  'groups.io',
]);

const MAX_WALK_HOPS = 20;
const EXCHANGE_ONLINE_BY = '.protection.outlook.com';

export function vouchedClientHosts(headers: ParsedHeaders, trust: TrustReport): VouchedHost[] {
  const hop = trust.boundary >= 0 ? trust.hops[trust.boundary] : undefined;
  if (!hop) return [];
  const exchange = hop.by.endsWith(EXCHANGE_ONLINE_BY);
  const ip = hop.ip || (exchange ? exchangeClientIp(headers, trust.boundary) : '');
  const out: VouchedHost[] = [{ host: hop.rdns, ip, by: 'receiver' }];
  if (
    exchange &&
    hop.rdns === '' &&
    hop.helo !== '' &&
    trust.hasAuthResults &&
    !authenticationFailed(trust)
  )
    out.push({ host: hop.helo, ip, by: 'exchange-helo' });
  const listDomain = hop.rdnsDomain;
  if (listDomain && PUBLIC_LIST_HOSTS.has(listDomain)) {
    const poster = firstOutsideClient(headers, trust.boundary + 1, [listDomain], 'list-server');
    if (poster) out.push(poster);
  } else if (isLoopback(hop.ip)) {
    // The "client" is the user's own machine (fetchmail re-injecting what it
    // fetched): the provider's own hops below lead to the real client.
    const sender = firstOutsideClient(
      headers,
      trust.boundary + 1,
      [...trust.receiverDomains],
      'receiver',
    );
    if (sender) out.push(sender);
  }
  return out;
}

/**
 * Walks down the hops written by `domains` (growing with each "by" host, as
 * the receiver's do in trust.ts) to the first client outside them. A hop that
 * fetched the message by IMAP or POP (fetchmail) names the user's own
 * provider: its domain joins them.
 */
function firstOutsideClient(
  headers: ParsedHeaders,
  start: number,
  domains: string[],
  by: VouchedBy,
): VouchedHost | null {
  const received = headers.fieldsNamed('received');
  const end = Math.min(received.length, start + MAX_WALK_HOPS);
  for (let i = start; i < end; i++) {
    const raw = received[i]!.rawValue;
    const hop = parseReceived(raw);
    const byDomain = registrableDomain(hop.by);
    if (byDomain && !domains.includes(byDomain)) domains.push(byDomain);
    const name = hop.rdns || hop.helo;
    const clientDomain = name ? registrableDomain(name) : null;
    if (RETRIEVAL.test(raw.slice(0, 400))) {
      if (clientDomain && !domains.includes(clientDomain)) domains.push(clientDomain);
      continue;
    }
    // A private or loopback address is the writer's own network, whatever name it gives.
    if (isLoopbackOrPrivate(hop.ip)) continue;
    if (clientDomain !== null && domains.includes(clientDomain)) continue;
    if (clientDomain === null && hop.ip === '') continue;
    return { host: clientDomain === null ? '' : name, ip: hop.ip, by };
  }
  return null;
}

const RETRIEVAL = /\bwith (?:imap|pop3?)\b/i;

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

/** Exchange Online writes "from HELO (1.2.3.4) by ...": the address in the first parentheses. */
const EXCHANGE_CLIENT_IP = /^[^(]{1,300}\((\d{1,3}(?:\.\d{1,3}){3})\)/;

function exchangeClientIp(headers: ParsedHeaders, boundary: number): string {
  const field = headers.fieldsNamed('received')[boundary];
  return field ? (EXCHANGE_CLIENT_IP.exec(field.rawValue)?.[1] ?? '') : '';
}

function isLoopbackOrPrivate(ip: string): boolean {
  return (
    ip.startsWith('127.') ||
    ip.startsWith('10.') ||
    ip.startsWith('192.168.') ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ||
    ip === '::1'
  );
}
