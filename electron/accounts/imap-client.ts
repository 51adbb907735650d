/**
 * Opens an authenticated imapflow client for an account's IMAP settings,
 * with certificates verified (or exactly one pinned certificate accepted) and
 * no logging of the protocol (imapflow's logger would print LOGIN lines).
 */
import net from 'node:net';
import type tls from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { AppError } from '../errors.js';
import type { ServerSettings } from '../../shared/types.js';
import { isCertificateError, toConnectionError } from './connection-errors.js';
import { connectableHost } from './server-host.js';

export interface TlsPin {
  fingerprint256: string;
  /** The certificate chain that was pinned: used as the only trust anchors. */
  chainPem: string[];
}

export interface ImapTimeouts {
  connectMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: ImapTimeouts = {
  connectMs: 20_000,
  greetingMs: 16_000,
  socketMs: 300_000,
};

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return net.isIPv4(h) && h.startsWith('127.');
}

export function assertSecurityAllowed(server: ServerSettings): void {
  if (server.security === 'plain' && !isLoopbackHost(server.host)) {
    throw new AppError(
      'PLAIN_NOT_ALLOWED',
      `An unencrypted connection would send your password in clear to ${server.host}. Choose TLS or STARTTLS; unencrypted is only allowed for a server on this computer.`,
    );
  }
}

/** What a caller of `connectImap` may ask of the session beyond the defaults. */
export interface ImapSessionOptions {
  /**
   * ENABLE QRESYNC (where the server has it): expunges come as one VANISHED range instead of a
   * line per message, which imapflow handles one by one (a MOVE of 10,000 sends 10,000).
   */
  qresync?: boolean;
}

export function imapOptions(
  server: ServerSettings,
  password: string,
  pin: TlsPin | null,
  timeouts: ImapTimeouts = DEFAULT_TIMEOUTS,
  session: ImapSessionOptions = {},
): ImapFlowOptions {
  assertSecurityAllowed(server);
  return {
    host: connectableHost(server.host),
    port: server.port,
    secure: server.security === 'tls',
    doSTARTTLS:
      server.security === 'starttls' ? true : server.security === 'plain' ? false : undefined,
    auth: { user: server.user, pass: password },
    logger: false,
    emitLogs: false,
    disableAutoIdle: true,
    qresync: session.qresync === true,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    tls: tlsOptionsFor(pin),
  } as ImapFlowOptions;
}

/**
 * Trusts only the pinned chain, and only if the leaf is exactly the pinned
 * certificate. The host name check is replaced by the fingerprint check:
 * self-signed certificates rarely name the host, and the pin is stricter.
 */
export function tlsOptionsFor(pin: TlsPin | null): tls.ConnectionOptions {
  return pin ? pinnedTlsOptions(pin) : { rejectUnauthorized: true, minVersion: 'TLSv1.2' };
}

function pinnedTlsOptions(pin: TlsPin): tls.ConnectionOptions {
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2' as const,
    ca: pin.chainPem,
    checkServerIdentity: (_host: string, cert: PeerCertificate) => {
      return cert.fingerprint256 === pin.fingerprint256
        ? undefined
        : pinMismatch(pin, cert.fingerprint256);
    },
  };
}

export function pinMismatch(pin: TlsPin, seen: string | null): AppError {
  return new AppError(
    'TLS_PIN_MISMATCH',
    `The server’s certificate has changed since you trusted it. Someone may be intercepting the connection: check with your provider before trusting a new one.`,
    { fingerprint256: seen, pinned: pin.fingerprint256 },
  );
}

/** Connects and logs in; a failure comes back as an AppError with a precise code. */
export async function connectImap(
  server: ServerSettings,
  password: string,
  pin: TlsPin | null,
  timeouts?: ImapTimeouts,
  session?: ImapSessionOptions,
): Promise<ImapFlow> {
  const client = new ImapFlow(imapOptions(server, password, pin, timeouts, session));
  // imapflow emits 'error' on socket failures; unhandled it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    // With a pin, any certificate failure means the server no longer shows the pinned one.
    if (pin && isCertificateError(err)) throw pinMismatch(pin, null);
    throw toConnectionError(err, server);
  }
}
