/**
 * Whether a message proves its one-click link (RFC 8058 section 4): it says
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, gives an https URI,
 * and carries a DKIM signature that verifies, lists both headers in `h=`,
 * and comes from a domain aligned with the sender or the router. Anything
 * less and one-click is not offered (a forged link would make us POST to
 * whoever wrote it).
 */
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { DNSResolver } from 'mailauth';
import { AppError } from '../errors.js';
import {
  domainOf,
  firstAddress,
  headerBlockOf,
  parseHeaderBlock,
  parseListUnsubscribe,
  registrableDomain,
} from '../mail-format/index.js';

export interface OneClickProof {
  url: string;
  /** The DKIM signature that covers both headers: its d= and s=. */
  signingDomain: string;
  selector: string | null;
}

export interface ProofOptions {
  /** DNS for the DKIM key; tests give their own. */
  resolver?: DNSResolver;
  /** Infrastructure domains of the router detection found (its DKIM d= is aligned too). */
  routerDomains?: readonly string[];
}

const notProven = (reason: string, message: string) =>
  new AppError('CHANNEL_NOT_PROVEN', message, { reason });

/** The message's one-click link when its signature proves it; CHANNEL_NOT_PROVEN otherwise. */
export async function proveOneClick(
  raw: Buffer,
  options: ProofOptions = {},
): Promise<OneClickProof> {
  const headers = parseHeaderBlock(headerBlockOf(raw.toString('latin1')));
  const post = headers.get('list-unsubscribe-post');
  if (post?.replace(/\s+/g, '').toLowerCase() !== 'list-unsubscribe=one-click')
    throw notProven('no-one-click-post', 'The message does not offer one-click unsubscribe.');
  const url = parseListUnsubscribe(headers.get('list-unsubscribe')).find((u) => /^https:/i.test(u));
  if (!url) throw notProven('no-https-uri', 'The message gives no https unsubscribe address.');

  const sender = firstAddress(headers.get('from'))?.address;
  const aligned = new Set(
    [sender ? domainOf(sender) : '', ...(options.routerDomains ?? [])]
      .map((d) => registrableDomain(d.toLowerCase()))
      .filter((d): d is string => d !== null),
  );
  const verified = await dkimVerify(raw, options.resolver ? { resolver: options.resolver } : {});
  let sawCovering = false;
  for (const result of verified.results) {
    const signed = (result.signingHeaders?.keys ?? '')
      .split(':')
      .map((k) => k.trim().toLowerCase());
    if (!signed.includes('list-unsubscribe') || !signed.includes('list-unsubscribe-post')) continue;
    sawCovering = true;
    if (result.status.result !== 'pass' || !result.signingDomain) continue;
    const domain = registrableDomain(result.signingDomain.toLowerCase());
    if (domain && aligned.has(domain))
      return { url, signingDomain: result.signingDomain, selector: result.selector ?? null };
  }
  if (!sawCovering)
    throw notProven(
      'dkim-missing-headers',
      'No DKIM signature covers List-Unsubscribe and List-Unsubscribe-Post: one-click is not offered.',
    );
  throw notProven(
    'dkim-not-verified',
    'The DKIM signature over the unsubscribe headers does not verify, or is not from the sender or its platform.',
  );
}
