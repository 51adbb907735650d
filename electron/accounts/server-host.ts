/**
 * Server names as a person types them ("[::1]", "IMAP.Example.com") and as
 * the core connects to and compares them. Brackets belong to URLs: the
 * resolver would look "[::1]" up as a name and find nothing.
 */
import net from 'node:net';
import { AppError } from '../errors.js';

/** The address to connect to: an IPv6 literal without its brackets. */
export function connectableHost(host: string): string {
  const trimmed = host.trim();
  const inner = /^\[(.*)\]$/.exec(trimmed)?.[1];
  if (inner !== undefined && net.isIPv6(inner)) return inner;
  if (inner !== undefined || /[[\]]/.test(trimmed)) {
    throw new AppError(
      'INVALID_INPUT',
      `“${host}” is not a valid server name: brackets only go around an IPv6 address, as in [::1].`,
    );
  }
  return trimmed;
}

/** Two spellings of the same server name (case, brackets) compare equal. */
export function sameHost(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

/** "host:port" for messages, with an IPv6 address in brackets so the port stays readable. */
export function hostWithPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparable(host: string): string {
  return host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
}
