/**
 * The serve mode's door: the built renderer and the API over HTTP on
 * loopback. Calls are POSTs, events an SSE stream. Every API request must
 * carry the session token and come from our own origin and host name, so
 * other pages in the browser and DNS-rebinding tricks cannot drive the core.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fail } from '../../shared/result.js';
import type { Core } from '../core/index.js';

export interface ServeOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface ServeHandle {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};
/** The page may talk only to its own origin; mail content never loads remote resources. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export async function startServe(o: ServeOptions): Promise<ServeHandle> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/')) return serveStatic(o.staticDir, url.pathname, res);
    const refusal = checkApiRequest(req, url, token, origins());
    if (refusal) return sendJson(res, refusal.status, fail('UNAUTHORIZED', refusal.message));
    if (req.method === 'GET' && url.pathname === '/api/events')
      return openEventStream(res, o.core, streams);
    const match = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
    if (req.method === 'POST' && match) return void handleCall(req, res, o.core, match[1]!);
    sendJson(res, 404, fail('NOT_FOUND', 'No such API route.'));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function checkApiRequest(
  req: IncomingMessage,
  url: URL,
  token: string,
  origins: string[],
): { status: number; message: string } | null {
  const host = req.headers.host ?? '';
  if (!origins.some((o) => o === `http://${host}`))
    return { status: 403, message: 'Requests must be addressed to 127.0.0.1.' };
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.includes(origin))
    return { status: 403, message: 'Requests from another site are refused.' };
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none')
    return { status: 403, message: 'Requests from another site are refused.' };
  const given =
    (req.headers['x-inbox-guard-token'] as string | undefined) ??
    url.searchParams.get('token') ??
    '';
  if (!sameSecret(given, token))
    return {
      status: 401,
      message: 'Missing or wrong session token: open the address printed by npm run serve.',
    };
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function handleCall(req: IncomingMessage, res: ServerResponse, core: Core, name: string) {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, fail('INVALID_INPUT', 'API calls take a JSON body.'));
  }
  let body = '';
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      return sendJson(res, 413, fail('INVALID_INPUT', 'The request is too large.'));
    body += (chunk as Buffer).toString('utf8');
  }
  let input: unknown;
  try {
    input = body ? JSON.parse(body) : {};
  } catch {
    return sendJson(res, 400, fail('INVALID_INPUT', 'The request body is not valid JSON.'));
  }
  sendJson(res, 200, await core.call(name, input));
}

function openEventStream(res: ServerResponse, core: Core, streams: Set<ServerResponse>) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const off = core.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  streams.add(res);
  res.on('close', () => {
    off();
    streams.delete(res);
  });
}

function serveStatic(root: string, pathname: string, res: ServerResponse) {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(root, `.${relative}`);
  if (
    !file.startsWith(path.resolve(root) + path.sep) ||
    !existsSync(file) ||
    !statSync(file).isFile()
  ) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}
