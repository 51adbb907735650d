/**
 * Issue 10 (faults 1 and 2, and the query-string token): hostile raw HTTP
 * against the real serve process. Any page in the browser can send the
 * first kind (`new Image().src = 'http://127.0.0.1:PORT/%'`), so each
 * request must get its answer and the server must keep serving after it.
 */
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../support/browser.js';

let serve: ServeProcess;
let port: number;
let token: string;

beforeAll(async () => {
  serve = await startServeProcess();
  const address = new URL(serve.url);
  port = Number(address.port);
  token = new URLSearchParams(address.hash.slice(1)).get('token') ?? '';
});
// stop() also fails the file when the process died on its own before the SIGTERM.
afterAll(() => serve?.stop());

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `parts` on one TCP connection, pausing between them so each leaves
 * as its own segment, then reads until the server closes the connection.
 */
function rawExchange(
  parts: Array<string | Buffer>,
  { pauseMs = 0, endAfterWriting = false } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(received);
      if (raw.length === 0) return reject(new Error('the server closed without answering'));
      resolve(parseResponse(raw));
    });
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await sleep(pauseMs);
        socket.write(part);
      }
      if (endAfterWriting) socket.end();
    });
  });
}

function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(chunks);
    chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A request head as a browser on our own page would send it. */
function head(method: string, target: string, extra: Record<string, string | number> = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(extra)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The server still answers a normal call with its token, and nothing went
 * wrong on the way: the door answered the request itself, it did not crash
 * into the process's last-resort handler (which only logs and carries on).
 */
async function expectStillServing() {
  const log = path.join(serve.dataDir, 'logs', 'inbox-guard.log');
  const errors = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => / ERROR /.test(line))
    : [];
  expect(errors).toEqual([]);
  const res = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inbox-guard-token': token },
    body: '{}',
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, value: { dataDir: serve.dataDir } });
}

describe('serve mode under hostile requests (issue 10)', () => {
  it('answers a path that does not decode with 400, an unknown file with 404, and keeps serving', async () => {
    // `/%` once ended the process with "URIError: URI malformed".
    for (const target of ['/%', '/%E0%A4%A', '/assets/%ff.js', '/%00', '//[']) {
      const res = await rawExchange([head('GET', target)]);
      expect(res.status, target).toBe(400);
      await expectStillServing();
    }
    for (const target of [
      '/..%2f..%2fetc/passwd',
      '/no-such-file.js',
      '/assets/',
      '/index.html/x',
    ]) {
      const res = await rawExchange([head('GET', target)]);
      expect(res.status, target).toBe(404);
      await expectStillServing();
    }
  });

  it('answers a request the HTTP parser rejects with 400 and keeps serving', async () => {
    const broken = [
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nthis is not a header\r\n\r\n`,
      `GET /a b c HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    ];
    for (const request of broken) {
      const res = await rawExchange([request]);
      expect(res.status, request).toBe(400);
      await expectStillServing();
    }
  });

  it('keeps serving after a request body is cut off mid-way', async () => {
    // Content-Length promises 1000 bytes; the client sends 12 and leaves. This
    // once ended the process with an unhandled rejection ("aborted").
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, noDelay: true }, async () => {
        socket.write(
          head('POST', '/api/call/app.info', {
            'Content-Type': 'application/json',
            'Content-Length': 1000,
            'X-Inbox-Guard-Token': token,
          }),
        );
        socket.write('{"path": "/t');
        await sleep(50);
        socket.destroy();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
    await expectStillServing();
    await expectStillServing();
  });

  it('reads a UTF-8 character split across two TCP segments intact', async () => {
    const address = 'élodie.françois@exemple.fr';
    const body = Buffer.from(JSON.stringify({ address }), 'utf8');
    // Cut between the two bytes of "é".
    const cut = body.indexOf(Buffer.from('é', 'utf8')) + 1;
    const res = await rawExchange(
      [
        head('POST', '/api/call/identities.update', {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'X-Inbox-Guard-Token': token,
        }),
        body.subarray(0, cut),
        body.subarray(cut),
      ],
      { pauseMs: 50 },
    );
    expect(res.status).toBe(200);
    // The handler names the address it was given: it must be the one we sent.
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: `${address} is not one of your identities.` },
    });
  });

  it('answers an over-size body with 413, closes the connection, and keeps serving', async () => {
    const overSize = (1 << 20) + 1;
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': overSize,
      'X-Inbox-Guard-Token': token,
    };
    // Announced too large: refused before a byte of the body is read. The
    // client then gives up sending, and the server closes.
    const announced = await rawExchange([head('POST', '/api/call/app.info', headers)], {
      endAfterWriting: true,
    });
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expectStillServing();
    // Sent in full without waiting for an answer: the answer still arrives.
    const sent = await rawExchange([
      head('POST', '/api/call/app.info', headers),
      Buffer.alloc(overSize, ' '),
    ]);
    expect(sent.status).toBe(413);
    await expectStillServing();
    // No length announced (chunked): refused once the limit is crossed.
    const chunked = await rawExchange([
      head('POST', '/api/call/app.info', {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        'X-Inbox-Guard-Token': token,
      }),
      `${overSize.toString(16)}\r\n`,
      Buffer.alloc(overSize, ' '),
      '\r\n0\r\n\r\n',
    ]);
    expect(chunked.status).toBe(413);
    await expectStillServing();
  });

  it('accepts the token in the query string for the event stream only', async () => {
    const call = await rawExchange([
      head('POST', `/api/call/app.info?token=${token}`, {
        'Content-Type': 'application/json',
        'Content-Length': 2,
      }),
      '{}',
    ]);
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    // The event stream (EventSource cannot send headers) still works, and delivers events.
    const origin = `http://127.0.0.1:${port}`;
    const events = await fetch(`${origin}/api/events?token=${token}`);
    expect(events.status).toBe(200);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const loaded = await fetch(`${origin}/api/call/demo.load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-inbox-guard-token': token },
      body: '{}',
    });
    expect(await loaded.json()).toMatchObject({ ok: true });
    let text = '';
    while (!text.includes('"type":"accounts.changed"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('"type":"accounts.changed"');
    await reader.cancel();
  });

  it('still refuses the event stream to another host or another site, token or not', async () => {
    const rebound = await rawExchange([
      `GET /api/events?token=${token} HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(rebound.status).toBe(403);
    const crossSite = await rawExchange([
      head('GET', `/api/events?token=${token}`, { Origin: 'http://evil.example' }),
    ]);
    expect(crossSite.status).toBe(403);
    await expectStillServing();
  });
});
