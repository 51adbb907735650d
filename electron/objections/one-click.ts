/**
 * RFC 8058 one-click unsubscribe: one POST of exactly
 * `List-Unsubscribe=One-Click` to the https URI the message gives, through
 * the SSRF guard (the connection goes to the address that was checked),
 * with no cookie and no credentials, a 10 s limit and a capped answer.
 * Redirects are followed at most 3 times, each target checked again.
 */
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { AppError } from '../errors.js';
import { checkedAddress, type GuardOptions, type ResolvedAddress } from './public-address.js';

export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';
const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;

export interface OneClickOptions extends GuardOptions {
  /** Tests only: the CA of the loopback HTTPS server. */
  ca?: string;
}

export interface OneClickOutcome {
  /** The URI the final POST went to, and the checked address it connected to. */
  url: string;
  address: string;
  status: number;
  headers: Record<string, string>;
  /** Earlier URIs that redirected, in order. */
  redirectedFrom: string[];
  /** The start of the answer's body (at most 64 KiB were read). */
  bodyStart: string;
}

/** Refuses what RFC 8058 does not allow: anything but https, and credentials in the URI. */
export function parseOneClickUrl(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new AppError('INVALID_INPUT', `“${uri}” is not a valid web address.`);
  }
  if (url.protocol !== 'https:')
    throw new AppError('CHANNEL_NOT_PROVEN', 'One-click unsubscribe needs an https address.', {
      reason: 'not-https',
    });
  if (url.username || url.password)
    throw new AppError(
      'CHANNEL_NOT_PROVEN',
      'This unsubscribe address carries credentials: refused.',
      { reason: 'credentials-in-uri' },
    );
  return url;
}

export async function postOneClick(
  uri: string,
  options: OneClickOptions = {},
): Promise<OneClickOutcome> {
  const deadline = Date.now() + TIMEOUT_MS;
  const redirectedFrom: string[] = [];
  let url = parseOneClickUrl(uri);
  for (;;) {
    const target = await checkedAddress(url.hostname, options);
    const answer = await postOnce(url, target, options, deadline);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      if (redirectedFrom.length >= MAX_REDIRECTS)
        throw new AppError('REMOTE_REFUSED', `More than ${MAX_REDIRECTS} redirects: stopped.`, {
          status: answer.status,
        });
      redirectedFrom.push(url.href);
      url = parseOneClickUrl(new URL(location, url).href);
      continue;
    }
    return { ...answer, url: url.href, address: target.address, redirectedFrom };
  }
}

type Answer = Pick<OneClickOutcome, 'status' | 'headers' | 'bodyStart'>;

function postOnce(
  url: URL,
  target: ResolvedAddress,
  options: OneClickOptions,
  deadline: number,
): Promise<Answer> {
  // The only lookup the connection makes answers the address already checked.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all)
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const body = Buffer.from(ONE_CLICK_BODY, 'ascii');
  return new Promise<Answer>((resolve, reject) => {
    const request = https.request(
      {
        protocol: 'https:',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup: pinned,
        agent: false,
        ...(options.ca ? { ca: options.ca } : {}),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
          'user-agent': 'InboxGuard (RFC 8058 one-click unsubscribe)',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            bodyStart: Buffer.concat(chunks).toString('utf8'),
          });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
          size += chunk.length;
          // Enough read: the status and headers are the proof, the rest is not needed.
          if (size >= MAX_RESPONSE_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(
      () => {
        request.destroy(
          new AppError('TIMEOUT', `${url.host} did not answer within 10 seconds.`, {
            server: url.host,
          }),
        );
      },
      Math.max(0, deadline - Date.now()),
    );
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(body);
  });
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}
