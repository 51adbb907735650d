/**
 * DKIM over a message's kept source (RFC 6376), with mailauth: each
 * signature's result and the key record it was checked with. At receipt the
 * records come from DNS (through the cache); later, from the records kept, so
 * the same verification is repeated offline, as of the time it was first made
 * (a signature's x= expiry is judged then, not on the day a judge reads it).
 */
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';

/** What mailauth asks of DNS: the TXT strings of a name, one array per record. */
export type TxtResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** mailauth's results, best first: the one a message's result is. */
const RESULT_RANK = ['pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror', 'none'];

export interface DkimSignatureCheck {
  domain: string | null;
  selector: string | null;
  /** pass, fail, neutral (body altered, key missing...), policy, temperror. */
  result: string;
  /** Why it did not pass, in mailauth's words ("body hash did not verify"). */
  comment: string | null;
  /** The From domain this signature is aligned with (relaxed), or null. */
  aligned: string | null;
  /** `<s>._domainkey.<d>`, where the key was looked up. */
  keyName: string | null;
  /** The key record text the signature was checked with; null when there was none. */
  keyRecord: string | null;
}

export interface DkimVerification {
  /** The best result among the signatures; 'none' for an unsigned message. */
  result: string;
  /** The signature that gave it. */
  best: DkimSignatureCheck | null;
  signatures: DkimSignatureCheck[];
  verifiedAt: string;
}

/** Verifies with `resolve` (the DNS cache at receipt), noting each record it answered. */
export async function verifyDkim(
  raw: Buffer,
  resolve: TxtResolver,
  at: Date = new Date(),
): Promise<DkimVerification> {
  const used = new Map<string, string>();
  const recording: TxtResolver = async (name, rrtype) => {
    const answer = await resolve(name, rrtype);
    used.set(name.toLowerCase(), joinTxt(answer));
    return answer;
  };
  const outcome = await dkimVerify(raw, { resolver: recording, curTime: at });
  // An unsigned message comes back as one result 'none' with no signature behind it.
  const signed = outcome.results.filter((r) => r.status.result !== 'none' || r.signingDomain);
  const signatures = signed.map((r): DkimSignatureCheck => {
    const keyName =
      r.selector && r.signingDomain
        ? `${r.selector}._domainkey.${r.signingDomain}`.toLowerCase()
        : null;
    return {
      domain: r.signingDomain ?? null,
      selector: r.selector ?? null,
      result: r.status.result,
      comment: typeof r.status.comment === 'string' ? r.status.comment : null,
      aligned: r.status.aligned || null,
      keyName,
      keyRecord: (keyName && used.get(keyName)) ?? null,
    };
  });
  const best = [...signatures].sort((a, b) => rank(a.result) - rank(b.result))[0] ?? null;
  return { result: best?.result ?? 'none', best, signatures, verifiedAt: at.toISOString() };
}

/**
 * The same verification with no network: the key records kept (by key name) answer, any other
 * name has no record. `at` is the time of the first verification.
 */
export function verifyDkimOffline(
  raw: Buffer,
  records: ReadonlyMap<string, string>,
  at: Date,
): Promise<DkimVerification> {
  const fromRecords: TxtResolver = (name) => {
    const record = records.get(name.toLowerCase());
    if (record === undefined)
      return Promise.reject(
        Object.assign(new Error(`no kept record for ${name}`), { code: 'ENOTFOUND' }),
      );
    return Promise.resolve([[record]]);
  };
  return verifyDkim(raw, fromRecords, at);
}

function joinTxt(answer: string[][] | string[]): string {
  const first = answer[0];
  return Array.isArray(first) ? first.join('') : (first ?? '');
}

function rank(result: string): number {
  const i = RESULT_RANK.indexOf(result);
  return i === -1 ? RESULT_RANK.length : i;
}
