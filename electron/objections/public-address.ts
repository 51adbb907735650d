/**
 * The SSRF guard for the links a message gives us (one-click unsubscribe):
 * the host is resolved once, every address it resolves to must be public,
 * and the caller connects to the address that was checked — never a second
 * lookup a hostile DNS server could answer differently.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { AppError } from '../errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the app uses the system resolver). */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (host) => {
  const all = await dnsLookup(host, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Addresses that are not on the public internet (IANA special-purpose registries). */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID...)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: reaches any IPv4 address
  ['fc00::', 7], // unique local (ULA)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::/96). */
function embeddedIpv4(address: string): string | null {
  const match =
    /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(
      address,
    );
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return isPublicAddress(v4);
    // Only global unicast (2000::/3) is routable on the internet.
    const first = parseInt(address.split(':')[0] || '0', 16);
    if ((first & 0xe000) !== 0x2000) return false;
    return !NOT_PUBLIC.check(address, 'ipv6');
  }
  return !NOT_PUBLIC.check(address, 'ipv4');
}

function isLoopback(address: string): boolean {
  return isIP(address) === 6 ? LOOPBACK.check(address, 'ipv6') : LOOPBACK.check(address, 'ipv4');
}

export interface GuardOptions {
  resolve?: HostResolver;
  /** Tests only: lets a loopback server stand in for the advertiser's. The app never sets it. */
  allowLoopback?: boolean;
}

/**
 * The one address to connect to for `host`: refused (UNSAFE_ADDRESS) when the host resolves to
 * any non-public address, since a later connection could be steered to it.
 */
export async function checkedAddress(
  host: string,
  options: GuardOptions = {},
): Promise<ResolvedAddress> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const literal = isIP(bare);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: bare, family: literal === 6 ? 6 : 4 }]
    : await (options.resolve ?? systemResolver)(bare);
  if (addresses.length === 0)
    throw new AppError('HOST_NOT_FOUND', `${bare} has no address.`, { server: bare });
  for (const a of addresses) {
    const allowed = isPublicAddress(a.address) || (options.allowLoopback && isLoopback(a.address));
    if (!allowed)
      throw new AppError(
        'UNSAFE_ADDRESS',
        `${bare} resolves to ${a.address}, which is not a public internet address: refused.`,
        { host: bare, address: a.address },
      );
  }
  return addresses[0]!;
}
