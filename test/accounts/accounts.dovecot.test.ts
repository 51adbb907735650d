/**
 * Accounts against a real Dovecot: adding, listing folders, and each way a
 * connection can fail giving its own code. Secrets never appear in clear.
 */
import { createServer, type Server } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../shared/api/index.js';
import type { Security } from '../../shared/types.js';
import {
  dovecotAvailable,
  dovecotUnavailableReason,
  startDovecot,
  type DovecotServer,
} from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';

const reason = dovecotUnavailableReason();
if (reason) console.warn(`[skip] accounts against Dovecot: ${reason}`);

const message = (n: number) =>
  `From: Sender ${n} <s${n}@exemple.fr>\r\nTo: alice@exemple.fr\r\nSubject: Test ${n}\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\nMessage-ID: <t${n}@exemple.fr>\r\n\r\nBonjour\r\n`;

describe.skipIf(!dovecotAvailable())('accounts against a real Dovecot', () => {
  let server: DovecotServer;
  let t: TestCore;
  const password = 'alice-secret-pw';

  const draft = (security: Security, over: Partial<AccountDraft> = {}): AccountDraft => ({
    email: 'alice@exemple.fr',
    provider: 'custom',
    imap: {
      host: '127.0.0.1',
      port: security === 'tls' ? server.tlsPort : server.port,
      security,
      user: 'alice',
    },
    password,
    ...over,
  });

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [1, 2, 3].map(message));
    await server.addMessages('alice', 'Sent', [4, 5].map(message), { seen: true });
    t = createTestCore({ imapTimeouts: { connectMs: 5_000, greetingMs: 1_500, socketMs: 20_000 } });
  });
  afterAll(async () => {
    t?.close();
    await server?.stop();
  });

  it('adds an account on loopback and lists its folders with counts and roles', async () => {
    const account = await t.value('accounts.add', draft('plain', { name: 'Perso' }));
    expect(account).toMatchObject({ name: 'Perso', kind: 'imap', hasPassword: true, tlsPin: null });
    expect(account).not.toHaveProperty('password');
    const folders = await t.value('folders.list', { accountId: account.id });
    const byRole = Object.fromEntries(folders.map((f) => [f.specialUse ?? f.path, f]));
    expect(byRole.inbox).toMatchObject({ path: 'INBOX', messages: 3, unseen: 3 });
    expect(byRole.sent).toMatchObject({ messages: 2, unseen: 0 });
    expect(Object.keys(byRole)).toEqual(
      expect.arrayContaining(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive']),
    );

    // New mail on the server shows on refresh.
    await server.addMessages('alice', 'INBOX', [message(6)]);
    const refreshed = await t.value('folders.list', { accountId: account.id, refresh: true });
    expect(refreshed.find((f) => f.specialUse === 'inbox')?.messages).toBe(4);

    // An existing account can be checked with its stored password.
    expect((await t.value('accounts.check', { id: account.id })).folders).toBeGreaterThanOrEqual(6);

    // The same mailbox cannot be added twice.
    expect(await t.call('accounts.add', draft('plain'))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('never keeps the password in clear: not in the database, its WAL, the logs, or the API', async () => {
    const files = [
      ...readdirSync(t.dataDir)
        .filter((f) => f.startsWith('inbox-guard.sqlite'))
        .map((f) => path.join(t.dataDir, f)),
      ...readdirSync(path.join(t.dataDir, 'logs')).map((f) => path.join(t.dataDir, 'logs', f)),
    ];
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(files.some((f) => f.includes('logs'))).toBe(true);
    const needles = [
      Buffer.from(password),
      Buffer.from(password, 'utf16le'),
      Buffer.from(Buffer.from(password).toString('base64')),
    ];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles)
        expect(bytes.includes(needle), `${file} holds the password`).toBe(false);
    }
    expect(JSON.stringify(await t.value('accounts.list', {}))).not.toContain(password);
  });

  it('a wrong password gives AUTH_FAILED and saves nothing', async () => {
    const before = (await t.value('accounts.list', {})).length;
    const result = await t.call('accounts.test', draft('plain', { password: 'not-the-password' }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', message: expect.stringMatching(/user name or password/) },
    });
    expect(
      await t.call(
        'accounts.add',
        draft('plain', {
          imap: { host: 'localhost', port: server.port, security: 'plain', user: 'alice' },
          password: 'nope',
        }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect((await t.value('accounts.list', {})).length).toBe(before);
  });

  it('refuses the self-signed certificate over TLS, showing its fingerprint, and accepts it once pinned', async () => {
    const refused = await t.call('accounts.test', draft('tls'));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('TLS_CERT_UNTRUSTED');
    if (refused.error.code !== 'TLS_CERT_UNTRUSTED') return;
    expect(refused.error.details.certificate).toMatchObject({
      fingerprint256: server.fingerprint256,
      trusted: false,
    });

    const pinned = draft('tls', { email: 'alice.tls@exemple.fr', tlsPin: server.fingerprint256 });
    const report = await t.value('accounts.test', pinned);
    expect(report.certificate?.fingerprint256).toBe(server.fingerprint256);
    const account = await t.value('accounts.add', {
      ...pinned,
      imap: { ...pinned.imap, host: 'localhost' },
    });
    expect(account.tlsPin).toBe(server.fingerprint256);
    // The stored pin is used on later connections.
    const folders = await t.value('folders.list', { accountId: account.id, refresh: true });
    expect(folders.find((f) => f.specialUse === 'inbox')?.messages).toBeGreaterThanOrEqual(3);
  });

  it('works over STARTTLS, with the certificate verified the same way', async () => {
    const refused = await t.call('accounts.test', draft('starttls'));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'TLS_CERT_UNTRUSTED',
        details: { certificate: { fingerprint256: server.fingerprint256 } },
      },
    });
    const report = await t.value(
      'accounts.test',
      draft('starttls', { tlsPin: server.fingerprint256 }),
    );
    expect(report.capabilities.map((c) => c.toUpperCase())).toEqual(
      expect.arrayContaining(['IMAP4REV1', 'IDLE']),
    );
    expect(report.certificate?.fingerprint256).toBe(server.fingerprint256);
  });

  it('refuses a pin that is not the certificate the server shows', async () => {
    const wrong = server.fingerprint256.replace(/^[0-9A-F]{2}/, (h) => (h === '00' ? '11' : '00'));
    expect(await t.call('accounts.test', draft('tls', { tlsPin: wrong }))).toMatchObject({
      ok: false,
      error: { code: 'TLS_PIN_MISMATCH' },
    });
  });

  it('gives a distinct code for each connection failure', async () => {
    const closedPort = await freePort();
    expect(
      await t.call(
        'accounts.test',
        draft('plain', {
          imap: { host: '127.0.0.1', port: closedPort, security: 'plain', user: 'alice' },
        }),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', details: { server: `127.0.0.1:${closedPort}` } },
    });
    expect(
      await t.call(
        'accounts.test',
        draft('tls', {
          imap: { host: 'imap.exemple.invalid', port: 993, security: 'tls', user: 'alice' },
        }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'HOST_NOT_FOUND' } });
    // TLS spoken to a plain-text port: the handshake cannot succeed.
    expect(
      await t.call(
        'accounts.test',
        draft('tls', {
          imap: { host: '127.0.0.1', port: server.port, security: 'tls', user: 'alice' },
        }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'TLS_HANDSHAKE_FAILED' } });
    expect(
      await t.call(
        'accounts.test',
        draft('plain', {
          imap: { host: 'imap.exemple.fr', port: 143, security: 'plain', user: 'alice' },
        }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'PLAIN_NOT_ALLOWED' } });

    const silent = await silentServer();
    try {
      const started = Date.now();
      const result = await t.call(
        'accounts.test',
        draft('plain', {
          imap: { host: '127.0.0.1', port: silent.port, security: 'plain', user: 'alice' },
        }),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.server.close();
    }
  });

  it('edits an account keeping its password, and removes it with its folders', async () => {
    const [first] = (await t.value('accounts.list', {})).filter((a) => a.kind === 'imap');
    const edited = await t.value('accounts.update', {
      id: first!.id,
      draft: { ...draft('plain'), password: undefined, name: 'Renamed' },
    });
    expect(edited).toMatchObject({ id: first!.id, name: 'Renamed', hasPassword: true });
    expect(await t.value('accounts.remove', { id: first!.id })).toEqual({ removed: true });
    expect(await t.call('folders.list', { accountId: first!.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Accepts connections and never says a word: a server that hangs. */
function silentServer(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(() => undefined).listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });
}
