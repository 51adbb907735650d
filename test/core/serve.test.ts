/**
 * The serve mode's door: the token and the origin are checked on every API
 * request, the page is served with a strict CSP, and the real command prints
 * its address and stops cleanly on SIGTERM.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../electron/transport/serve.js';
import { startServeProcess } from './serve-process.js';
import { createTestCore, type TestCore } from '../support/core.js';

let t: TestCore;
let serve: ServeHandle;
let base: string;
let staticDir: string;

beforeAll(async () => {
  t = createTestCore();
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'ig-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Inbox Guard</title>');
  mkdirSync(path.join(staticDir, 'assets'));
  serve = await startServe({ core: t.core, staticDir });
  base = `http://127.0.0.1:${serve.port}`;
});
afterAll(async () => {
  await serve.close();
  await t.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const callInfo = (headers: Record<string, string>) =>
  fetch(`${base}/api/call/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('serve mode API door', () => {
  it('answers a call that carries the token', async () => {
    const res = await callInfo({ 'x-inbox-guard-token': serve.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { accounts: 0 } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-inbox-guard-token': 'guess' },
      { 'x-inbox-guard-token': serve.token.slice(1) },
    ];
    for (const headers of attempts) {
      const res = await callInfo(headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('refuses a call from another origin, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${serve.port + 1}`, 'null']) {
      const res = await callInfo({ 'x-inbox-guard-token': serve.token, origin });
      expect(res.status).toBe(403);
    }
    const sameOrigin = await callInfo({ 'x-inbox-guard-token': serve.token, origin: base });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a rebound host name', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      // fetch() will not let us forge Host; node:http will.
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: serve.port,
            path: '/api/call/app.info',
            method: 'POST',
            headers: {
              host: `attacker.example:${serve.port}`,
              'x-inbox-guard-token': serve.token,
              'content-type': 'application/json',
            },
          },
          (r) => resolve(r.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end('{}');
      }, reject);
    });
    expect(res).toBe(403);
  });

  it('refuses the event stream without the token', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const ok = await fetch(`${base}/api/events?token=${serve.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/event-stream');
    await ok.body?.cancel();
  });

  it('validates inputs and names with a result envelope', async () => {
    const post = (name: string, body: string) =>
      fetch(`${base}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inbox-guard-token': serve.token },
        body,
      });
    expect(await (await post('accounts.remove', '{"id": 5}')).json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await (await post('nope.nothing', '{}')).json()).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CALL' },
    });
    expect(await (await post('app.info', '{not json')).json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await (await post('app.info', '{"extra": true}')).json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('serves the page with a strict content security policy and no path traversal', async () => {
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('<title>Inbox Guard</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/\*/);
    expect((await fetch(`${base}/..%2f..%2fetc/passwd`)).status).toBe(404);
  });

  it('answers 500 to a call that fails in a way nobody foresaw, logs it, and keeps serving', async () => {
    // The core answers every failure with an envelope; this stands in for a
    // fault in the door itself, which must cost one request, not the server.
    const fault = 'the disk vanished';
    const core = {
      ...t.core,
      callUnchecked: (name: string, input: unknown) =>
        name === 'detect.run'
          ? Promise.reject(new Error(fault))
          : t.core.callUnchecked(name, input),
    };
    const faulty = await startServe({ core, staticDir });
    try {
      const post = (name: string) =>
        fetch(`http://127.0.0.1:${faulty.port}/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-inbox-guard-token': faulty.token },
          body: '{}',
        });
      const failed = await post('detect.run');
      expect(failed.status).toBe(500);
      expect(await failed.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      const logFile = path.join(t.dataDir, 'logs', 'inbox-guard.log');
      expect(existsSync(logFile) && readFileSync(logFile, 'utf8')).toContain(fault);
      expect((await post('app.info')).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});

describe('npm run serve (the real command)', () => {
  it('prints one line with the URL and its token, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-serve-'));
    const serve = await startServeProcess(dataDir);
    expect(serve.stdout().trim().split('\n')).toHaveLength(1);
    expect(await serve.call('app.info')).toMatchObject({ ok: true, value: { dataDir } });
    expect(await serve.stop()).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
