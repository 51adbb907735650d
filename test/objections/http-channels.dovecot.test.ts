/**
 * The HTTP channels through the core, on a message synced from Dovecot:
 * one-click to a loopback HTTPS endpoint once the message's own DKIM
 * signature (keys generated here, DNS answered by the test) proves its link,
 * and Signal Spam against a loopback endpoint — Basic authentication, the
 * base64 of the raw message, 202 accepted and 401 shown as a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeSelfSignedCertificate } from '../servers/certificate.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testDkim } from './dkim-keys.js';
import { provenMarketing } from './fixtures.js';

const ready = dovecotReady('objection HTTP channels');
const listen = (server: HttpServer | HttpsServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

describe.skipIf(!ready)('one-click and Signal Spam through the core', () => {
  let dovecot: DovecotServer;
  let t: TestCore;
  let dir: string;
  let unsubscribe: HttpsServer;
  let signalSpam: HttpServer;
  const posts: Array<{ url: string; body: string; cookie?: string; auth?: string; type?: string }> =
    [];
  const reports: Array<{ auth: string; body: string }> = [];
  let original: Buffer;
  let messageId: number;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ig-http-'));
    const cert = await writeSelfSignedCertificate(dir);
    unsubscribe = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push({
          url: req.url ?? '',
          body,
          cookie: req.headers.cookie,
          auth: req.headers.authorization,
          type: req.headers['content-type'],
        });
        res.writeHead(200).end('ok');
      });
    });
    signalSpam = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const auth = req.headers.authorization ?? '';
        reports.push({ auth, body });
        const good = `Basic ${Buffer.from('camille:bon-mot-de-passe').toString('base64')}`;
        res.writeHead(auth === good ? 202 : 401).end();
      });
    });
    const httpsPort = await listen(unsubscribe);
    const signalPort = await listen(signalSpam);
    url = `https://localhost:${httpsPort}/u/42`;

    const dkim = testDkim('brand.fr');
    original = await dkim.sign(Buffer.from(provenMarketing({ url, unsigned: true }), 'utf8'), [
      'from',
      'to',
      'subject',
      'date',
      'message-id',
      'list-unsubscribe',
      'list-unsubscribe-post',
    ]);
    dovecot = await startDovecot();
    await dovecot.addMessages('alice', 'INBOX', [original]);
    t = createTestCore({
      objections: {
        dkimResolver: dkim.resolver,
        oneClick: {
          allowLoopback: true,
          ca: cert.certPem,
          resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        },
        signalSpamUrl: `http://127.0.0.1:${signalPort}/api/signaler`,
      },
    });
    const account = await addAlice(t, dovecot.port);
    await t.syncAndDetect(account.id);
    messageId = (await t.value('messages.list', { accountId: account.id })).items[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await new Promise((r) => unsubscribe?.close(r));
    await new Promise((r) => signalSpam?.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('unsubscribes in one click once DKIM proves the link, and records the proof', async () => {
    const offers = await t.value('objections.channels', { messageId });
    expect(offers[0]).toEqual({ channel: 'one-click', available: true, to: url, reason: null });
    const request = { channel: 'one-click' as const, to: url };
    const result = await t.value('objections.send', {
      messageId,
      requests: [request],
      confirmation: [request],
    });
    expect(result.requests).toMatchObject([{ channel: 'one-click', state: 'done', to: url }]);
    expect(posts).toEqual([
      {
        url: '/u/42',
        body: 'List-Unsubscribe=One-Click',
        type: 'application/x-www-form-urlencoded',
        cookie: undefined,
        auth: undefined,
      },
    ]);
    const entries = await t.value('journal.list', {});
    expect(entries.map((e) => [e.kind, e.state])).toEqual([['objection.one-click', 'done']]);
  });

  it('reports to Signal Spam: 401 is a clear failure, then 202 with the right account', async () => {
    const request = { channel: 'signal-spam' as const, to: 'signal-spam' };
    const send = () =>
      t.value('objections.send', {
        messageId,
        requests: [request],
        confirmation: [request],
        repeat: true,
      });
    expect(
      await t.call('objections.send', { messageId, requests: [request], confirmation: [request] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /Signal Spam account/ },
    });

    expect(await t.value('objections.signalSpamAccount', {})).toEqual({ configured: false });
    await t.value('objections.setSignalSpamAccount', { user: 'camille', password: 'mauvais' });
    // The page learns only that an account is saved, never its name or password.
    expect(await t.value('objections.signalSpamAccount', {})).toEqual({ configured: true });
    const refused = await send();
    expect(refused.requests.at(-1)).toMatchObject({
      channel: 'signal-spam',
      state: 'failed',
      error: { code: 'AUTH_FAILED', message: /Signal Spam refused the user name or password/ },
    });

    await t.value('objections.setSignalSpamAccount', {
      user: 'camille',
      password: 'bon-mot-de-passe',
    });
    const accepted = await send();
    expect(accepted.requests.at(-1)).toMatchObject({ channel: 'signal-spam', state: 'done' });
    expect(reports).toHaveLength(2);
    const last = reports[1]!;
    expect(last.auth).toBe(`Basic ${Buffer.from('camille:bon-mot-de-passe').toString('base64')}`);
    const message = new URLSearchParams(last.body).get('message')!;
    expect(Buffer.from(message, 'base64').equals(original)).toBe(true);
    // A log line that came to hold the password shows it scrubbed.
    t.core.log.warn('Signal Spam said: bon-mot-de-passe / mauvais');
    const log = readFileSync(path.join(t.dataDir, 'logs', 'inbox-guard.log'), 'utf8');
    expect(log).toContain('Signal Spam said: [redacted] / [redacted]');
    expect(log).not.toMatch(/bon-mot-de-passe|mauvais/);

    // Forgotten: reports ask for an account again.
    expect(await t.value('objections.removeSignalSpamAccount', {})).toEqual({ removed: true });
    expect(await t.value('objections.signalSpamAccount', {})).toEqual({ configured: false });
    expect(await t.value('objections.removeSignalSpamAccount', {})).toEqual({ removed: false });
    expect(
      await t.call('objections.send', { messageId, requests: [request], confirmation: [request] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /Signal Spam account/ },
    });
    expect(reports).toHaveLength(2);
  });
});
