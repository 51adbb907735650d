/**
 * Turns what the network, TLS and imapflow throw into one stable code and a
 * sentence a person can act on. Each failure a user can fix has its own code.
 */
import { AppError } from '../errors.js';
import type { ServerSettings } from '../../shared/types.js';
import { hostWithPort } from './server-host.js';

const CERT_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

const TIMEOUTS = new Set([
  'ETIMEOUT',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

interface NetError extends Error {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  responseText?: string;
}

export function isCertificateError(err: unknown): boolean {
  return CERT_ERRORS.has((err as NetError)?.code ?? '');
}

export function toConnectionError(
  err: unknown,
  server: Pick<ServerSettings, 'host' | 'port'>,
): AppError {
  if (err instanceof AppError) return err;
  // Every connection error names its server, so a background failure can say which one.
  const at = server.port ? { server: hostWithPort(server.host, server.port) } : undefined;
  return mapConnectionError(err, server, at);
}

function mapConnectionError(
  err: unknown,
  server: Pick<ServerSettings, 'host' | 'port'>,
  at: { server: string } | undefined,
): AppError {
  const e = (err ?? {}) as NetError;
  const where = hostWithPort(server.host, server.port);
  const code = e.code ?? '';
  if (e.authenticationFailed) {
    return new AppError(
      'AUTH_FAILED',
      `${server.host} refused the user name or password. Check both; Gmail, Outlook, Yahoo and iCloud need an app password rather than your usual one.`,
      { ...at, serverResponse: e.responseText?.slice(0, 200) },
    );
  }
  if (CERT_ERRORS.has(code)) {
    return new AppError(
      'TLS_CERT_UNTRUSTED',
      `The certificate of ${where} is not trusted (${code}). If you know this server uses its own certificate, compare its fingerprint and trust it for this account.`,
      { ...at, reason: code },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError(
      'HOST_NOT_FOUND',
      `No server named ${server.host} was found. Check the server name and your internet connection.`,
      at,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new AppError(
      'HOST_UNREACHABLE',
      `${where} refused the connection. Check the port and the security setting (TLS is usually 993, STARTTLS 143).`,
      at,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return new AppError(
      'HOST_UNREACHABLE',
      `${where} cannot be reached from this computer. Check your network connection.`,
      at,
    );
  }
  if (TIMEOUTS.has(code)) {
    return new AppError(
      'TIMEOUT',
      `${where} did not answer in time. Check the server name and port, or try again later.`,
      at,
    );
  }
  if (
    e.tlsFailed ||
    code.startsWith('ERR_SSL') ||
    code === 'EPROTO' ||
    /SSL|TLS/i.test(e.message ?? '')
  ) {
    return new AppError(
      'TLS_HANDSHAKE_FAILED',
      `A secure connection to ${where} could not be set up. Check the security setting: port 993 uses TLS, port 143 uses STARTTLS.`,
      { ...at, reason: code || e.message },
    );
  }
  return new AppError(
    'CONNECTION_LOST',
    `The connection to ${where} failed: ${e.message || 'unknown error'}.`,
    { ...at, reason: code },
  );
}
