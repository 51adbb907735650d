/**
 * RFC 8058 one-click against a loopback HTTPS endpoint: the POST carries
 * exactly the body the RFC fixes and nothing that identifies the user; it is
 * only offered when DKIM proves both headers; and the SSRF guard refuses
 * every host that resolves to a non-public address, redirects included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postOneClick } from '../../electron/objections/one-click.js';
import { proveOneClick } from '../../electron/objections/one-click-proof.js';
import {
  checkedAddress,
  isPublicAddress,
  type HostResolver,
} from '../../electron/objections/public-address.js';
import { writeSelfSignedCertificate } from '../servers/certificate.js';
import { marketingMessage, testDkim } from './dkim-keys.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('one-click unsubscribe (RFC 8058)', () => {
  let server: Server;
  let port: number;
  let ca: string;
  let dir: string;
  const seen: Seen[] = [];
  /** Where the test endpoint redirects /redirect to. */
  let redirectTo = '';
  const dkim = testDkim('shop.example');

  /** The test's DNS: localhost is the loopback server; the rest as each test says. */
  const resolverFor =
    (extra: Record<string, string> = {}): HostResolver =>
    async (host) => {
      const address = host === 'localhost' ? '127.0.0.1' : extra[host];
      if (!address) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ig-oneclick-'));
    const cert = await writeSelfSignedCertificate(dir);
    ca = cert.certPem;
    server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (req.url?.startsWith('/redirect')) {
          res.writeHead(307, { location: redirectTo }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain', 'x-unsubscribed': 'yes' });
        res.end('You are unsubscribed');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const signedMessage = (headers: string[], url = `https://localhost:${port}/u?id=42`) =>
    dkim.sign(
      marketingMessage({ from: 'news@shop.example', to: 'alice@example.org', url }),
      headers,
    );
  const ALL = ['from', 'to', 'subject', 'date', 'list-unsubscribe', 'list-unsubscribe-post'];

  it('posts exactly List-Unsubscribe=One-Click, form-encoded, with no cookie or credentials', async () => {
    const raw = await signedMessage(ALL);
    const proof = await proveOneClick(raw, { resolver: dkim.resolver });
    expect(proof).toMatchObject({
      signingDomain: 'shop.example',
      url: `https://localhost:${port}/u?id=42`,
    });

    const outcome = await postOneClick(proof.url, {
      resolve: resolverFor(),
      allowLoopback: true,
      ca,
    });
    expect(outcome).toMatchObject({ status: 200, address: '127.0.0.1', redirectedFrom: [] });
    expect(outcome.headers['x-unsubscribed']).toBe('yes');
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/u?id=42');
    expect(request.body).toBe('List-Unsubscribe=One-Click');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });

  it('is not offered when the DKIM signature does not cover both unsubscribe headers', async () => {
    const raw = await signedMessage(['from', 'to', 'subject', 'date', 'list-unsubscribe']);
    await expect(proveOneClick(raw, { resolver: dkim.resolver })).rejects.toMatchObject({
      code: 'CHANNEL_NOT_PROVEN',
      details: { reason: 'dkim-missing-headers' },
    });
  });

  it('is not offered when the body was altered after signing', async () => {
    const raw = await signedMessage(ALL);
    const altered = Buffer.from(raw.toString('utf8').replace('-50 %', '-90 %'), 'utf8');
    await expect(proveOneClick(altered, { resolver: dkim.resolver })).rejects.toMatchObject({
      code: 'CHANNEL_NOT_PROVEN',
      details: { reason: 'dkim-not-verified' },
    });
  });

  it('is not offered when the link was swapped after signing', async () => {
    const raw = await signedMessage(ALL);
    const swapped = Buffer.from(
      raw.toString('utf8').replace(`https://localhost:${port}/u?id=42`, 'https://evil.example/x'),
      'utf8',
    );
    await expect(proveOneClick(swapped, { resolver: dkim.resolver })).rejects.toMatchObject({
      details: { reason: 'dkim-not-verified' },
    });
  });

  it('is not offered when the signing domain is neither the sender nor its router', async () => {
    const other = testDkim('unrelated.example');
    const raw = await other.sign(
      marketingMessage({
        from: 'news@shop.example',
        to: 'alice@example.org',
        url: 'https://shop.example/u',
      }),
      ALL,
    );
    await expect(proveOneClick(raw, { resolver: other.resolver })).rejects.toMatchObject({
      details: { reason: 'dkim-not-verified' },
    });
    // The same signature is aligned once the router's domain is known.
    await expect(
      proveOneClick(raw, { resolver: other.resolver, routerDomains: ['mail.unrelated.example'] }),
    ).resolves.toMatchObject({ signingDomain: 'unrelated.example' });
  });

  it.each([
    ['10.1.2.3'],
    ['172.16.0.9'],
    ['192.168.1.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['127.0.0.1'],
    ['::1'],
    ['fc00::1'],
    ['fd12:3456::1'],
    ['::ffff:10.0.0.1'],
    ['224.0.0.1'],
  ])('refuses a host resolving to %s, without connecting', async (address) => {
    const resolve = resolverFor({ 'unsub.shop.example': address });
    await expect(
      postOneClick(`https://unsub.shop.example:${port}/u`, { resolve, ca }),
    ).rejects.toMatchObject({ code: 'UNSAFE_ADDRESS', details: { address } });
    expect(seen).toHaveLength(0);
  });

  it('refuses a host with any private address among its public ones', async () => {
    const resolve: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    await expect(checkedAddress('mixed.example', { resolve })).rejects.toMatchObject({
      code: 'UNSAFE_ADDRESS',
    });
  });

  it('tells public from non-public addresses', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2a00:1450:4007:80c::200e')).toBe(true);
    for (const a of ['0.0.0.0', '255.255.255.255', 'fe80::1', 'ff02::1', '::', '2001:db8::1'])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('refuses a redirect to a private address, after the first POST only', async () => {
    redirectTo = 'https://intranet.shop.example/admin';
    const resolve = resolverFor({ 'intranet.shop.example': '192.168.0.10' });
    await expect(
      postOneClick(`https://localhost:${port}/redirect`, { resolve, allowLoopback: true, ca }),
    ).rejects.toMatchObject({ code: 'UNSAFE_ADDRESS', details: { address: '192.168.0.10' } });
    expect(seen.map((s) => s.url)).toEqual(['/redirect']);
  });

  it('follows a redirect to a checked public-or-allowed host, re-posting the same body', async () => {
    redirectTo = `https://localhost:${port}/final`;
    const outcome = await postOneClick(`https://localhost:${port}/redirect`, {
      resolve: resolverFor(),
      allowLoopback: true,
      ca,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.redirectedFrom).toEqual([`https://localhost:${port}/redirect`]);
    expect(seen.map((s) => [s.url, s.body])).toEqual([
      ['/redirect', 'List-Unsubscribe=One-Click'],
      ['/final', 'List-Unsubscribe=One-Click'],
    ]);
  });

  it('refuses a plain http link and a link with credentials', async () => {
    await expect(postOneClick(`http://localhost:${port}/u`)).rejects.toMatchObject({
      details: { reason: 'not-https' },
    });
    await expect(postOneClick(`https://user:pw@localhost:${port}/u`)).rejects.toMatchObject({
      details: { reason: 'credentials-in-uri' },
    });
    expect(seen).toHaveLength(0);
  });
});
