/**
 * SPF and DMARC checked by us, where the headers allow it. SPF needs what the
 * user's receiving server saw when it took the message: the connecting IP and
 * HELO name (the topmost Received header naming an IP in brackets) and the
 * envelope sender (Return-Path, which that server writes). When one is
 * missing, or the IP is private (a hop inside the provider, not the sender's),
 * the check is "not checkable" with its reason, never a guess. DMARC combines
 * that SPF result with the DKIM verification kept. Both are judged against DNS
 * as it is when checked; the receiving server's own Authentication-Results
 * (kept beside) judged against DNS of the day of receipt.
 */
import { BlockList, isIP } from 'node:net';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';
import type { SpfDmarcCheck, UncheckableReason } from '../../shared/api/evidence.js';
import {
  angleAddress,
  domainOf,
  headerBlockOf,
  parseAddressList,
  parseHeaderBlock,
  parseReceived,
  type ParsedHeaders,
} from '../mail-format/index.js';
import type { DkimSignatureCheck, TxtResolver } from './dkim.js';

/** Where the receiving server took the message, as its headers tell it. */
export interface ReceivingHop {
  ip: string;
  helo: string;
  /** The envelope sender; '' for a null sender (`<>`, a bounce: SPF checks the HELO name). */
  sender: string;
  /** The receiving server's name (the hop's "by"). */
  mta: string;
}

/** A whole evaluation's bound, as RFC 7208 4.6.4 allows: past it, SPF is a temperror. */
const SPF_TIME_LIMIT_MS = 20_000;

/** Addresses that never belong to a sender on the Internet: a hop inside the provider. */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

export function isInternalAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  const family = isIP(ip);
  return family !== 0 && INTERNAL.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** `from host (comment)`: the comment where a receiving server notes the client. */
const FROM_COMMENT = /^\s*from\s+\S+\s+\(([^)]{0,300})\)/i;

/** A hop noting its client's IP without brackets ("from host (2603:10b6::23) by ..."). */
function namesBareIp(received: string): boolean {
  const comment = FROM_COMMENT.exec(received)?.[1];
  return comment !== undefined && comment.split(/[\s,;]+/).some((token) => isIP(token) !== 0);
}

/** The hop SPF is checked for, or why the headers do not allow the check. */
export function receivingHop(headers: ParsedHeaders): ReceivingHop | UncheckableReason {
  let hop: ReturnType<typeof parseReceived> | undefined;
  for (const received of headers.all('received')) {
    const parsed = parseReceived(received);
    if (isIP(parsed.ip) !== 0) {
      hop = parsed;
      break;
    }
    // A chain this parser does not read (its hops' IPs unbracketed): a bracketed IP further
    // down may be in a header the sender wrote, not the user's server.
    if (namesBareIp(received)) return 'unbracketed-hop';
  }
  if (!hop) return 'no-received-ip';
  if (isInternalAddress(hop.ip)) return 'internal-hop';
  if (!hop.helo) return 'no-helo';
  const returnPath = headers.get('return-path');
  if (returnPath === undefined) return 'no-return-path';
  return { ip: hop.ip, helo: hop.helo, sender: angleAddress(returnPath), mta: hop.by };
}

/** SPF from the receiving hop, then DMARC over it and the DKIM signatures kept. */
export async function checkSpfDmarc(
  raw: Buffer,
  signatures: readonly DkimSignatureCheck[],
  resolver: TxtResolver,
  at: Date = new Date(),
): Promise<SpfDmarcCheck> {
  const headers = parseHeaderBlock(headerBlockOf(raw.subarray(0, 256 * 1024).toString('latin1')));
  const hop = receivingHop(headers);
  const spfPart = typeof hop === 'string' ? uncheckedSpf(hop) : await checkSpf(hop, resolver);
  const dmarcPart = await checkDmarc(headers, spfPart, signatures, resolver);
  return { ...spfPart, ...dmarcPart, checkedAt: at.toISOString() };
}

type SpfPart = Pick<
  SpfDmarcCheck,
  'spf' | 'spfReason' | 'spfDomain' | 'spfIp' | 'spfHelo' | 'spfRecord'
>;
type DmarcPart = Pick<
  SpfDmarcCheck,
  'dmarc' | 'dmarcReason' | 'dmarcPolicy' | 'dmarcRecord' | 'fromDomain'
>;

function uncheckedSpf(reason: UncheckableReason): SpfPart {
  return {
    spf: null,
    spfReason: reason,
    spfDomain: null,
    spfIp: null,
    spfHelo: null,
    spfRecord: null,
  };
}

async function checkSpf(hop: ReceivingHop, resolver: TxtResolver): Promise<SpfPart> {
  const result = await spf({
    ip: hop.ip,
    helo: hop.helo,
    sender: hop.sender,
    mta: hop.mta || 'inbox-guard',
    resolver,
    maxElapsedTime: SPF_TIME_LIMIT_MS,
  });
  return {
    spf: result.status.result,
    spfReason: null,
    spfDomain: result.domain,
    spfIp: hop.ip,
    spfHelo: hop.helo,
    spfRecord: result.rr ?? null,
  };
}

async function checkDmarc(
  headers: ParsedHeaders,
  spfPart: SpfPart,
  signatures: readonly DkimSignatureCheck[],
  resolver: TxtResolver,
): Promise<DmarcPart> {
  const froms = headers.all('from');
  const authors = froms.flatMap((v) => parseAddressList(v).map((a) => a.address)).filter(Boolean);
  const { response, reason, authorDomains } = await evaluateDmarc({
    headerFrom: authors,
    fromFields: froms.length,
    spfDomains: spfPart.spf === 'pass' && spfPart.spfDomain ? [spfPart.spfDomain] : [],
    dkimDomains: signatures.flatMap((s) =>
      s.result === 'pass' && s.domain ? [{ domain: s.domain, aligned: s.aligned ?? false }] : [],
    ),
    resolver,
  });
  if (!response)
    return {
      dmarc: null,
      dmarcReason: reason ?? 'no-author-domain',
      dmarcPolicy: null,
      dmarcRecord: null,
      fromDomain: authorDomains?.[0] ?? (authors[0] ? domainOf(authors[0]) : null),
    };
  const result = response.status.result;
  // Without SPF, only a pass (an aligned DKIM signature) is known: a fail could be SPF's to save.
  const known = spfPart.spf !== null || result === 'pass' || result === 'none';
  return {
    dmarc: known ? result : null,
    dmarcReason: known ? null : 'spf-not-checkable',
    dmarcPolicy: response.policy ?? null,
    dmarcRecord: response.rr ?? null,
    fromDomain: response.status.header?.from ?? null,
  };
}
