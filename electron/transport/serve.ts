/**
 * The serve mode's door: the built renderer and the API over HTTP on
 * loopback. Calls are POSTs, events an SSE stream. Every API request must
 * carry the session token and come from our own origin and host name, so
 * other pages in the browser and DNS-rebinding tricks cannot drive the core.
 * Any page can still send us requests, so no request, however malformed,
 * may stop the server: each gets an answer (400 when it cannot be read).
 * Files the core made leave through GET /api/download/<id>, under the same checks.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { fail } from '../../shared/result.js';
import type { Core } from '../core/index.js';
import type { Logger } from '../log.js';
import { attachmentDisposition, DOWNLOAD_ID } from '../platform/downloads.js';

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
const DOWNLOAD_ROUTE = '/api/download/';
/** How long the rest of an over-size body is read (and dropped) before the connection closes. */
const LINGER_MS = 5_000;
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

  o.core.log.redact(token);
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = parseRequestTarget(req.url);
    if (!url) return sendText(res, 400, 'Bad request');
    if (!url.pathname.startsWith('/api/'))
      return serveStatic(o.staticDir, url.pathname, res, o.core.log);
    const refusal = checkApiRequest(req, url, token, origins());
    if (refusal) return sendJson(res, refusal.status, fail('UNAUTHORIZED', refusal.message));
    if (isEventStream(req, url)) return openEventStream(res, o.core, streams);
    const match = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
    if (req.method === 'POST' && match) return handleCall(req, res, o.core, match[1]!);
    if (req.method === 'GET' && url.pathname.startsWith(DOWNLOAD_ROUTE))
      return sendDownload(res, o.core, url.pathname.slice(DOWNLOAD_ROUTE.length));
    sendJson(res, 404, fail('NOT_FOUND', 'No such API route.'));
  };
  // Last resort: a fault we did not foresee costs one request, never the server.
  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => answerUnexpectedFailure(res, err, o.core.log));
  });
  server.on('clientError', answerUnreadableRequest);

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
  // Only the event stream may carry the token in its address: EventSource cannot
  // send headers, and an address ends up in places (history, logs) a header does not.
  const given =
    (req.headers['x-inbox-guard-token'] as string | undefined) ??
    (isEventStream(req, url) ? url.searchParams.get('token') : null) ??
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

function isEventStream(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && url.pathname === '/api/events';
}

/** The request's path and query; null when it is not a path a browser would send. */
function parseRequestTarget(target: string | undefined): URL | null {
  // Origin form only ("/path?query"): "//host/path", "*" or a full URL are not for us.
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

async function handleCall(req: IncomingMessage, res: ServerResponse, core: Core, name: string) {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, fail('INVALID_INPUT', 'API calls take a JSON body.'));
  }
  const body = await readBody(req, MAX_BODY);
  // The client left before sending all it announced: nobody is there to answer.
  if (body.kind === 'cut-off') return;
  if (body.kind === 'too-large') return refuseOverSizeBody(req, res);
  let input: unknown;
  try {
    input = body.text ? JSON.parse(body.text) : {};
  } catch {
    return sendJson(res, 400, fail('INVALID_INPUT', 'The request body is not valid JSON.'));
  }
  sendJson(res, 200, await core.callUnchecked(name, input));
}

/**
 * Answers 413 at once, but closes only when the client stops sending (or
 * after LINGER_MS): closing on bytes not yet read resets the connection, and
 * the reset can wipe the answer before the client reads it (RFC 9112, 9.6).
 */
function refuseOverSizeBody(req: IncomingMessage, res: ServerResponse) {
  const body = JSON.stringify(fail('INVALID_INPUT', 'The request is too large.'));
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  // The whole answer goes out now; end() (which makes Node close) waits for the client.
  res.write(body);
  // Already read to its end (or the client is gone): nothing to wait for.
  if (req.complete || req.destroyed) return void res.end();
  const close = () => {
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(close, LINGER_MS);
  req.on('end', close).on('close', close).resume();
}

type Body = { kind: 'complete'; text: string } | { kind: 'too-large' } | { kind: 'cut-off' };

/** The whole body as text, decoded once so a character split between two packets stays whole. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  if (Number(req.headers['content-length'] ?? 0) > limit)
    return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Stop keeping bytes; the stream keeps flowing, so what is still in transit is discarded.
      req.off('data', onData);
      resolve({ kind: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () =>
      resolve({ kind: 'complete', text: Buffer.concat(chunks).toString('utf8') }),
    );
    // "aborted": the connection closed before the announced length arrived.
    req.on('error', () => resolve({ kind: 'cut-off' }));
    req.on('close', () => resolve({ kind: 'cut-off' }));
  });
}

/**
 * A file the core registered, by its id (never a path from the request), once.
 * The token travels in a header like every call's: the page fetches the file
 * and saves it itself, so the token never sits in an address the browser keeps
 * (history, the downloads list).
 */
async function sendDownload(res: ServerResponse, core: Core, id: string) {
  const file = DOWNLOAD_ID.test(id) ? await core.takeDownload(id) : null;
  if (!file) return sendJson(res, 404, fail('NOT_FOUND', 'No such download (or it has expired).'));
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': file.size,
    'content-disposition': attachmentDisposition(file.name),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    // Opened in a tab by mistake, the file is still inert.
    'content-security-policy': "default-src 'none'; sandbox",
  });
  if (Buffer.isBuffer(file.body)) return void res.end(file.body);
  pipeline(file.body, res, (err) => {
    if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE')
      core.log.warn('serve mode: a download was cut off', err);
  });
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

function serveStatic(root: string, pathname: string, res: ServerResponse, log: Logger) {
  const relative = decodePath(pathname === '/' ? '/index.html' : pathname);
  if (relative === null) return sendText(res, 400, 'Bad request');
  const file = path.resolve(root, `.${relative}`);
  if (
    !file.startsWith(path.resolve(root) + path.sep) ||
    !existsSync(file) ||
    !statSync(file).isFile()
  ) {
    return sendText(res, 404, 'Not found');
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  // pipeline closes the file when the browser goes away mid-way.
  pipeline(createReadStream(file), res, (err) => {
    if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE')
      log.warn(`serve mode: could not send ${path.relative(root, file)}`, err);
  });
}

/** A percent-encoded path as text; null when it does not decode or holds a NUL. */
function decodePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // URIError: a lone "%" or bytes that are not UTF-8.
  }
  return decoded.includes('\0') ? null : decoded;
}

/** Answers a request Node's HTTP parser rejected, as Node itself would, then closes. */
function answerUnreadableRequest(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0)
    return void socket.destroy();
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const reason = http.STATUS_CODES[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
}

function answerUnexpectedFailure(res: ServerResponse, err: unknown, log: Logger) {
  // The path is left out: it may hold the token, or characters that would forge log lines.
  log.error('serve mode: a request failed unexpectedly', err);
  if (res.headersSent) return void res.destroy();
  sendJson(
    res,
    500,
    fail('INTERNAL', 'Something went wrong inside Inbox Guard; the details are in the log file.'),
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
