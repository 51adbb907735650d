/**
 * A loopback SMTP server (the npm `smtp-server` package) that accepts every
 * message and records its envelope and raw bytes, so tests can assert on
 * exactly what the app sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { writeSelfSignedCertificate } from './certificate.js';

export interface SmtpSinkOptions {
  /** Offer STARTTLS with a freshly generated self-signed certificate (CN=localhost). */
  secure?: boolean;
  /** Require AUTH PLAIN/LOGIN with these credentials; a wrong password gets 535. */
  auth?: { user: string; password: string };
}

export interface SmtpSinkMessage {
  from: string;
  to: string[];
  raw: Buffer;
  receivedAt: Date;
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  /** The STARTTLS certificate when `secure` was asked for. */
  certPem?: string;
  messages: SmtpSinkMessage[];
  /** Resolves once at least `n` messages have been received (default timeout 5 s). */
  waitForMessages(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SmtpSinkMessage[] = [];
  const waiters = new Set<() => void>();
  const tls = options.secure ? await makeCertificate() : undefined;
  const auth = options.auth;

  const serverOptions: SMTPServerOptions = {
    name: 'smtp-sink.localhost',
    banner: 'Inbox Guard test sink',
    logger: false,
    secure: false,
    disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(auth ? [] : ['AUTH'])],
    authOptional: !auth,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    closeTimeout: 1_000,
    socketTimeout: 30_000,
    ...(tls ? { key: tls.keyPem, cert: tls.certPem } : {}),
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.password) {
        callback(null, { user: credentials.username });
        return;
      }
      const error = Object.assign(new Error('Invalid username or password'), {
        responseCode: 535,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          receivedAt: new Date(),
        });
        for (const wake of [...waiters]) wake();
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => {
    // connection-level errors (a client hanging up) are not test failures
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    ...(tls ? { certPem: tls.certPem } : {}),
    messages,
    waitForMessages(n, timeoutMs = 5_000) {
      if (messages.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${messages.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return stopping;
    },
  };
}

async function makeCertificate(): Promise<{ keyPem: string; certPem: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-smtp-'));
  try {
    const { keyPem, certPem } = await writeSelfSignedCertificate(dir);
    return { keyPem, certPem };
  } finally {
    // The key only lives in memory from here on.
    await rm(dir, { recursive: true, force: true });
  }
}
