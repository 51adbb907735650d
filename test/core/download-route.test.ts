/**
 * Issue 11 (files through the doors): serve mode's download route, against
 * the real serve process. A file leaves only by the id the core gave it, to
 * a request with the session token from our own page; the route never takes
 * a path, so nothing outside what the core registered can be read through it.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServeApi, startServeProcess, type ServeProcess } from '../support/browser.js';
import { writeSmallMbox, type SmallMbox } from '../support/small-mbox.js';

let serve: ServeProcess;
let box: SmallMbox;
let origin: string;
let token: string;
/** The accented sender's message, the one exported in these tests. */
let messageId: number;

beforeAll(async () => {
  box = writeSmallMbox();
  serve = await startServeProcess();
  const address = new URL(serve.url);
  origin = address.origin;
  token = new URLSearchParams(address.hash.slice(1)).get('token') ?? '';
  const report = await value<{ accountId: string }>('import.local', { path: box.file });
  const list = await value<{ items: Array<{ id: number; subject: string }> }>('messages.list', {
    accountId: report.accountId,
  });
  messageId = list.items.find((m) => m.subject === 'Réunion de mardi')!.id;
});
afterAll(async () => {
  await serve?.stop();
  rmSync(box.dir, { recursive: true, force: true });
});

async function value<T>(name: string, input: unknown): Promise<T> {
  const result = await callServeApi(serve, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A fresh download of the accented message's source: the address the page would fetch. */
async function exportSource(): Promise<string> {
  const delivery = await value<{ downloadUrl: string; fileName: string }>('messages.exportSource', {
    id: messageId,
  });
  expect(delivery.fileName).toBe(box.firstExportName);
  return delivery.downloadUrl;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET sent as written: Node's client does not normalize `..` or decode the path. */
function get(target: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
  });
}

const withToken = (extra: Record<string, string> = {}) => ({
  'x-inbox-guard-token': token,
  ...extra,
});

describe('serve mode download route', () => {
  it('sends a registered file once, byte for byte, named in UTF-8', async () => {
    const url = await exportSource();
    const res = await get(url, withToken());
    expect(res.status).toBe(200);
    expect(res.body.equals(box.messages[0]!)).toBe(true);
    // The same bytes the store keeps as the message's source.
    const stored = await value<{ sha256: string }>('messages.source', { id: messageId });
    expect(createHash('sha256').update(res.body).digest('hex')).toBe(stored.sha256);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2024-03-05-Elodie Cafe.eml"; filename*=UTF-8''2024-03-05-%C3%89lodie%20Caf%C3%A9.eml`,
    );
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Number(res.headers['content-length'])).toBe(box.messages[0]!.length);
    // Single use: the id is spent.
    expect((await get(url, withToken())).status).toBe(404);
  });

  it('refuses a request without the token, with a wrong one, or with it in the address', async () => {
    const url = await exportSource();
    for (const [target, headers] of [
      [url, {}],
      [url, { 'x-inbox-guard-token': `${token.slice(1)}x` }],
      [`${url}?token=${token}`, {}],
    ] as const) {
      const res = await get(target, headers);
      expect(res.status, target).toBe(401);
      expect(res.body.includes(box.messages[0]!.subarray(0, 40))).toBe(false);
    }
    // Refused before the lookup: the id still works for the page that holds the token.
    expect((await get(url, withToken())).status).toBe(200);
  });

  it('refuses another site, a cross-site fetch and a rebound host name, token or not', async () => {
    const url = await exportSource();
    const refusals: Array<Record<string, string>> = [
      withToken({ origin: 'http://evil.example' }),
      withToken({ origin: 'null' }),
      withToken({ 'sec-fetch-site': 'cross-site' }),
      withToken({ 'sec-fetch-site': 'same-site' }),
      withToken({ host: `attacker.example:${new URL(origin).port}` }),
    ];
    for (const headers of refusals) {
      const res = await get(url, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.includes(box.messages[0]!.subarray(0, 40))).toBe(false);
    }
    expect((await get(url, withToken({ 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
  });

  it('never reads a path from the request: traversal and unregistered ids find nothing', async () => {
    const attempts = [
      '/api/download/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/api/download/%2e%2e',
      '/api/download/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api/download/..%5c..%5cetc%5cpasswd',
      '/api/download/%2fetc%2fpasswd',
      '/api/download//etc/passwd',
      `/api/download/${encodeURIComponent(serve.dataDir)}%2finbox-guard.sqlite`,
      '/api/download/../../../../etc/passwd',
      '/api/download/',
      // The shape of a real id, never registered.
      '/api/download/AAAAAAAAAAAAAAAAAAAAAA',
      '/api/download/AAAAAAAAAAAAAAAAAAAAAA/..',
    ];
    for (const target of attempts) {
      const res = await get(target, withToken());
      expect([400, 404], target).toContain(res.status);
      const text = res.body.toString('latin1');
      expect(text, target).not.toMatch(/root:|SQLite format/);
    }
    // The route still serves what was registered.
    expect((await get(await exportSource(), withToken())).status).toBe(200);
  });
});
