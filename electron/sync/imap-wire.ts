/**
 * A lean IMAP connection for the bulk reads: EXAMINE, UID SEARCH and
 * streaming UID FETCH of header blocks (sync) and of whole sources (sources/). imapflow stays in charge of
 * everything else (LIST, IDLE, moves); this exists because imapflow's
 * general-purpose parsing costs several times the server's own time on a
 * header scan (the bench's `scan_100k` against `raw_fetch`), and the scan must
 * stay close to what the server can deliver.
 */
import net from 'node:net';
import tls from 'node:tls';
import { toConnectionError, isCertificateError } from '../accounts/connection-errors.js';
import {
  assertSecurityAllowed,
  tlsOptionsFor,
  DEFAULT_TIMEOUTS,
  type ImapTimeouts,
  type TlsPin,
  pinMismatch,
} from '../accounts/imap-client.js';
import { AppError } from '../errors.js';
import type { ServerSettings } from '../../shared/types.js';
import { ResponseReader, type RawResponse } from './response-reader.js';
import { parseUntagged, type Untagged } from './response-parser.js';

interface Pending {
  tag: string;
  onUntagged?: (u: Untagged) => void;
  resolve: (text: string) => void;
  reject: (err: Error) => void;
}

export class ImapWire {
  capabilities = new Set<string>();
  private socket: net.Socket;
  private reader: ResponseReader;
  private pending: Pending | null = null;
  private greeting: Pending | null = null;
  private nextTag = 1;
  private closedError: Error | null = null;

  private constructor(
    socket: net.Socket,
    private readonly server: ServerSettings,
  ) {
    this.socket = socket;
    this.reader = new ResponseReader((r) => this.onResponse(r));
    this.attach(socket);
  }

  static async connect(
    server: ServerSettings,
    password: string,
    pin: TlsPin | null,
    timeouts: ImapTimeouts = DEFAULT_TIMEOUTS,
    signal?: AbortSignal,
  ): Promise<ImapWire> {
    assertSecurityAllowed(server);
    const socket = await openSocket(server, pin, timeouts);
    const wire = new ImapWire(socket, server);
    socket.setTimeout(timeouts.socketMs, () =>
      wire.destroy(Object.assign(new Error('IMAP socket timed out'), { code: 'ETIMEOUT' })),
    );
    const onAbort = () => wire.destroy(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await wire.waitGreeting(timeouts.greetingMs);
      if (server.security === 'starttls') await wire.startTls(pin, timeouts);
      if (wire.capabilities.size === 0) await wire.refreshCapabilities();
      await wire.login(server.user, password);
      if (wire.capabilities.size === 0 || !wire.capabilities.has('IMAP4REV1'))
        await wire.refreshCapabilities();
      return wire;
    } catch (err) {
      wire.destroy();
      if (pin && isCertificateError(err)) throw pinMismatch(pin, null);
      throw err instanceof AppError ? err : toConnectionError(err, server);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Runs a command; untagged responses go to `onUntagged` as they arrive. Resolves with the OK text. */
  command(text: string, onUntagged?: (u: Untagged) => void): Promise<string> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.pending) return Promise.reject(new Error('ImapWire runs one command at a time'));
    const tag = `W${this.nextTag++}`;
    return new Promise<string>((resolve, reject) => {
      this.pending = { tag, onUntagged, resolve, reject };
      this.socket.write(`${tag} ${text}\r\n`);
    });
  }

  /** Watches for an abort while a long command runs: the socket is dropped, the command rejects. */
  abortOn(signal: AbortSignal | undefined): () => void {
    if (!signal) return () => undefined;
    const onAbort = () => this.destroy(abortError());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }

  async logout(): Promise<void> {
    try {
      await this.command('LOGOUT');
    } catch {
      // The server may close first; the connection is over either way.
    } finally {
      this.destroy();
    }
  }

  destroy(err: Error = new Error('Connection closed')): void {
    if (!this.closedError) this.closedError = err;
    this.socket.destroy();
    this.failPending(this.closedError);
  }

  /** Stops reading from the server (TCP backpressure) until resume(). */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  private attach(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk);
      } catch (err) {
        this.destroy(err as Error);
      }
    });
    socket.on('error', (err) =>
      this.destroy(
        Object.assign(err, { code: (err as NodeJS.ErrnoException).code ?? 'ECONNRESET' }),
      ),
    );
    socket.on('close', () =>
      this.destroy(
        Object.assign(new Error('The server closed the connection'), { code: 'ECONNRESET' }),
      ),
    );
  }

  private failPending(err: Error) {
    const p = this.pending ?? this.greeting;
    this.pending = null;
    this.greeting = null;
    p?.reject(err);
  }

  private onResponse(r: RawResponse) {
    const first = typeof r.parts[0] === 'string' ? r.parts[0] : '';
    if (first.startsWith('* ')) {
      const untagged = parseUntagged(r);
      if (!untagged) return;
      if (untagged.type === 'CAPABILITY') this.setCapabilities(untagged.text);
      else if (untagged.type === 'OK' || untagged.type === 'PREAUTH') {
        const caps = /\[CAPABILITY ([^\]]+)\]/i.exec(untagged.text);
        if (caps) this.setCapabilities(caps[1]!);
      } else if (untagged.type === 'BYE' && !this.pending) {
        this.destroy(
          Object.assign(new Error(`Server said goodbye: ${untagged.text}`), { code: 'ECONNRESET' }),
        );
        return;
      }
      if (this.greeting && (untagged.type === 'OK' || untagged.type === 'PREAUTH')) {
        const g = this.greeting;
        this.greeting = null;
        g.resolve(untagged.text);
        return;
      }
      this.pending?.onUntagged?.(untagged);
      return;
    }
    const p = this.pending;
    if (!p || !first.startsWith(`${p.tag} `)) return; // continuation requests are not used
    this.pending = null;
    const rest = first.slice(p.tag.length + 1);
    const caps = /\[CAPABILITY ([^\]]+)\]/i.exec(rest);
    if (caps) this.setCapabilities(caps[1]!);
    if (/^OK\b/i.test(rest)) p.resolve(rest);
    else
      p.reject(
        Object.assign(new Error(`${this.server.host}: ${rest}`), {
          responseText: rest,
          imapStatus: rest.split(' ')[0],
        }),
      );
  }

  private setCapabilities(text: string) {
    this.capabilities = new Set(text.trim().toUpperCase().split(/\s+/));
  }

  private waitGreeting(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            Object.assign(new Error('No greeting from the server'), { code: 'GREETING_TIMEOUT' }),
          ),
        ms,
      );
      this.greeting = {
        tag: '*',
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private async refreshCapabilities() {
    await this.command('CAPABILITY');
  }

  private async startTls(pin: TlsPin | null, timeouts: ImapTimeouts) {
    await this.command('STARTTLS').catch(() => {
      throw Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true });
    });
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = await upgrade(plain, this.server, pin, timeouts);
    this.socket = secure;
    this.reader = new ResponseReader((r) => this.onResponse(r));
    this.attach(secure);
    this.capabilities = new Set();
  }

  private async login(user: string, password: string) {
    try {
      if (this.capabilities.has('AUTH=PLAIN') && this.capabilities.has('SASL-IR')) {
        const token = Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
        await this.command(`AUTHENTICATE PLAIN ${token}`);
      } else {
        await this.command(`LOGIN ${quote(user)} ${quote(password)}`);
      }
    } catch (err) {
      if (this.closedError) throw err;
      throw Object.assign(new Error('Authentication failed'), {
        authenticationFailed: true,
        responseText: (err as { responseText?: string }).responseText,
      });
    }
  }
}

/** Quoted string for LOGIN; refuses characters a quoted string cannot carry. */
function quote(s: string): string {
  if (/[\r\n\0]/.test(s) || /[^\x20-\x7e]/.test(s)) {
    throw new AppError('AUTH_FAILED', 'This server needs a user name and password in plain ASCII.');
  }
  return `"${s.replace(/(["\\])/g, '\\$1')}"`;
}

function abortError(): Error {
  return Object.assign(new Error('Sync cancelled'), { name: 'AbortError', code: 'ABORT_ERR' });
}

function openSocket(
  server: ServerSettings,
  pin: TlsPin | null,
  timeouts: ImapTimeouts,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: server.host, port: server.port };
    const socket =
      server.security === 'tls'
        ? tls.connect({
            ...options,
            servername: net.isIP(server.host) ? undefined : server.host,
            ...tlsOptionsFor(pin),
          })
        : net.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('Connection timed out'), { code: 'CONNECT_TIMEOUT' }));
    }, timeouts.connectMs);
    socket.once(server.security === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function upgrade(
  plain: net.Socket,
  server: ServerSettings,
  pin: TlsPin | null,
  timeouts: ImapTimeouts,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket: plain,
      servername: net.isIP(server.host) ? undefined : server.host,
      ...tlsOptionsFor(pin),
    });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(Object.assign(new Error('TLS upgrade timed out'), { code: 'UPGRADE_TIMEOUT' }));
    }, timeouts.connectMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A mailbox name as an IMAP quoted string (names are already modified UTF-7 as listed). */
export function quoteMailbox(name: string): string {
  return `"${name.replace(/(["\\])/g, '\\$1')}"`;
}
