/**
 * Proves the real test servers work: a private Dovecot (IMAP, STARTTLS,
 * implicit TLS, special-use folders, maildir fixtures, capability override)
 * and the loopback SMTP sink.
 */
import { X509Certificate } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dovecotAvailable,
  dovecotUnavailableReason,
  startDovecot,
  type DovecotServer,
} from './dovecot.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const haveDovecot = dovecotAvailable();
if (!haveDovecot) {
  console.warn(`[servers.test] SKIPPING the Dovecot tests: ${dovecotUnavailableReason()}`);
}

function message(n: number, subject = `Test message ${n}`): string {
  return [
    `From: Sender ${n} <sender${n}@example.com>`,
    'To: Alice <alice@example.com>',
    `Subject: ${subject}`,
    `Message-ID: <fixture-${n}@example.com>`,
    'Date: Sat, 22 Nov 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of message ${n}.`,
    '',
  ].join('\r\n');
}

function client(server: DovecotServer, overrides: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: 'alice', pass: 'alice-secret-pw' },
    tls: { ca: server.certPem, servername: 'localhost' },
    logger: false,
    ...overrides,
  });
}

describe.skipIf(!haveDovecot)('Dovecot test server', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('exposes its throwaway certificate and its fingerprint', () => {
    const cert = new X509Certificate(server.certPem);
    expect(cert.subject).toContain('CN=localhost');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.fingerprint256).toBe(cert.fingerprint256);
    expect(server.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('logs in on the plain port after STARTTLS, verifying the certificate', async () => {
    const imap = client(server, { doSTARTTLS: true });
    await imap.connect();
    try {
      expect(imap.secureConnection).toBe(true);
      for (const cap of ['CONDSTORE', 'QRESYNC', 'MOVE', 'IDLE', 'SPECIAL-USE', 'UIDPLUS']) {
        expect(imap.capabilities.has(cap), cap).toBe(true);
      }
    } finally {
      await imap.logout();
    }
  });

  it('logs in on the implicit TLS port', async () => {
    const imap = client(server, { port: server.tlsPort, secure: true });
    await imap.connect();
    try {
      expect(imap.secureConnection).toBe(true);
      expect(imap.capabilities.has('CONDSTORE')).toBe(true);
    } finally {
      await imap.logout();
    }
  });

  it('allows plaintext login without TLS on the plain port', async () => {
    const imap = client(server, {
      doSTARTTLS: false,
      auth: { user: 'bob', pass: 'bob-secret-pw' },
    });
    await imap.connect();
    try {
      expect(imap.secureConnection).toBe(false);
    } finally {
      await imap.logout();
    }
  });

  it('lists the special-use folders with their flags', async () => {
    const imap = client(server);
    await imap.connect();
    try {
      const list = await imap.list();
      const byUse = new Map(list.map((box) => [box.specialUse, box.path]));
      expect(byUse.get('\\Sent')).toBe('Sent');
      expect(byUse.get('\\Drafts')).toBe('Drafts');
      expect(byUse.get('\\Trash')).toBe('Trash');
      expect(byUse.get('\\Junk')).toBe('Junk');
      expect(byUse.get('\\Archive')).toBe('Archive');
      expect(list.map((box) => box.path)).toContain('INBOX');
      expect(list.find((box) => box.path === 'Sent')?.subscribed).toBe(true);
    } finally {
      await imap.logout();
    }
  });

  it('writes maildir fixtures that STATUS and FETCH see, in order', async () => {
    await server.addMessages('alice', 'INBOX', [message(1), message(2), message(3)]);
    await server.addMessages('alice', 'Sent', [message(4), Buffer.from(message(5))], {
      seen: true,
    });
    await server.addMessages('alice', 'Archive/2024', [message(6)]);
    const imap = client(server);
    await imap.connect();
    try {
      const inbox = await imap.status('INBOX', { messages: true, unseen: true });
      expect(inbox).toMatchObject({ messages: 3, unseen: 3 });
      const sent = await imap.status('Sent', { messages: true, unseen: true });
      expect(sent).toMatchObject({ messages: 2, unseen: 0 });
      const archived = await imap.status('Archive/2024', { messages: true });
      expect(archived.messages).toBe(1);

      const lock = await imap.getMailboxLock('INBOX');
      try {
        const fetched = [];
        for await (const m of imap.fetch('1:*', { uid: true, envelope: true, size: true })) {
          fetched.push({ uid: m.uid, subject: m.envelope?.subject, size: m.size });
        }
        expect(fetched.map((m) => m.subject)).toEqual([
          'Test message 1',
          'Test message 2',
          'Test message 3',
        ]);
        expect(fetched[0]?.size).toBe(Buffer.byteLength(message(1)));

        // Messages added while the folder is selected show up after a NOOP.
        await server.addMessages('alice', 'INBOX', [message(7)]);
        await imap.noop();
        expect(imap.mailbox && imap.mailbox.exists).toBe(4);
      } finally {
        lock.release();
      }
    } finally {
      await imap.logout();
    }
    // The other user's mailbox is untouched.
    const bob = client(server, { auth: { user: 'bob', pass: 'bob-secret-pw' } });
    await bob.connect();
    try {
      expect((await bob.status('INBOX', { messages: true })).messages).toBe(0);
    } finally {
      await bob.logout();
    }
  });

  it('rejects a wrong password', async () => {
    const imap = client(server, { auth: { user: 'alice', pass: 'not-the-password' } });
    imap.on('error', () => {});
    const error = await imap.connect().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ authenticationFailed: true });
    imap.close();
  });
});

describe.skipIf(!haveDovecot)('Dovecot with a reduced capability list', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({
      capabilities: 'IMAP4rev1 IDLE LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE',
      users: [{ user: 'carol', password: 'carol-pw' }],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('does not advertise CONDSTORE, QRESYNC or MOVE', async () => {
    const imap = client(server, { auth: { user: 'carol', pass: 'carol-pw' } });
    await imap.connect();
    try {
      expect(imap.capabilities.has('IDLE')).toBe(true);
      for (const cap of ['CONDSTORE', 'QRESYNC', 'MOVE', 'SPECIAL-USE', 'UIDPLUS']) {
        expect(imap.capabilities.has(cap), cap).toBe(false);
      }
    } finally {
      await imap.logout();
    }
  });
});

describe('SMTP sink', () => {
  let sink: SmtpSink;
  let secureSink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    secureSink = await startSmtpSink({
      secure: true,
      auth: { user: 'mailer', password: 'mailer-pw' },
    });
  });
  afterAll(async () => {
    await sink?.stop();
    await secureSink?.stop();
  });

  it('records the envelope and the exact bytes nodemailer sent', async () => {
    const transport = nodemailer.createTransport({
      host: sink.host,
      port: sink.port,
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: 'alice@example.com',
      to: ['abuse@example.net', 'postmaster@example.net'],
      subject: 'Objection to processing',
      text: 'Please stop.',
      messageId: '<objection-1@example.com>',
    });
    await sink.waitForMessages(1);
    const [received] = sink.messages;
    expect(received?.from).toBe('alice@example.com');
    expect(received?.to).toEqual(['abuse@example.net', 'postmaster@example.net']);
    expect(received?.receivedAt).toBeInstanceOf(Date);
    const raw = received?.raw.toString('utf8') ?? '';
    expect(raw).toContain('Subject: Objection to processing');
    expect(raw).toContain('Message-ID: <objection-1@example.com>');
    expect(raw).toContain('Please stop.');
    expect(info.messageId).toBe('<objection-1@example.com>');
  });

  it('upgrades with STARTTLS and authenticates', async () => {
    const transport = nodemailer.createTransport({
      host: secureSink.host,
      port: secureSink.port,
      secure: false,
      requireTLS: true,
      auth: { user: 'mailer', pass: 'mailer-pw' },
      tls: { ca: secureSink.certPem, servername: 'localhost' },
    });
    await transport.sendMail({
      from: 'alice@example.com',
      to: 'unsubscribe@example.org',
      subject: 'unsubscribe',
      text: 'unsubscribe',
    });
    await secureSink.waitForMessages(1);
    expect(secureSink.messages[0]?.to).toEqual(['unsubscribe@example.org']);
  });

  it('refuses a wrong SMTP password with 535', async () => {
    const transport = nodemailer.createTransport({
      host: secureSink.host,
      port: secureSink.port,
      secure: false,
      requireTLS: true,
      auth: { user: 'mailer', pass: 'wrong' },
      tls: { ca: secureSink.certPem, servername: 'localhost' },
    });
    await expect(
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' }),
    ).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(secureSink.messages).toHaveLength(1);
  });

  it('times out waiting for messages that never come', async () => {
    await expect(sink.waitForMessages(5, 50)).rejects.toThrow(/1 of 5 messages/);
  });
});
