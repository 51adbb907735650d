/**
 * DNS for authentication, through a cache kept in the store. A DKIM key
 * (`<s>._domainkey.<d>` TXT) is kept per selector in `dkim_keys`: a case's
 * hundred messages from one sender cost one DNS query, and the record used
 * stays with the verification. Every other question (SPF's TXT, A, AAAA, MX;
 * DMARC's `_dmarc` TXT) is kept whole per name and record type in
 * `dns_answers`. A name with no record is remembered too; a failure of DNS
 * itself (a timeout) is not.
 */
import { resolve as resolveAny } from 'node:dns/promises';
import type { AuthenticationStore } from './authentication.sql.js';
import type { TxtResolver } from './dkim.js';

/** How long a kept key is used before DNS is asked again. */
export const KEY_CACHE_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
/**
 * How long another answer (SPF, DMARC) is used: a pass over a case's messages asks once, and an
 * SPF/DMARC check still says what DNS said on the day it was made.
 */
export const ANSWER_CACHE_MS = 3600 * 1000;
/** What DNS answers for a name without the record: remembered like a record. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

/** The system's resolver, for any record type mailauth asks (TXT, A, AAAA, MX, PTR). */
export const systemTxtResolver: TxtResolver = (name, rrtype) =>
  resolveAny(name, rrtype) as Promise<string[][] | string[]>;

type CacheStore = Pick<AuthenticationStore, 'key' | 'saveKey' | 'answer' | 'saveAnswer'>;

export function createCachedResolver(
  store: CacheStore,
  resolve: TxtResolver,
  now: () => Date = () => new Date(),
): TxtResolver {
  const fresh = (fetchedAt: string, ms = KEY_CACHE_DAYS * DAY_MS) =>
    now().getTime() - Date.parse(fetchedAt) < ms;
  const noRecordCode = (err: unknown) => {
    const code = (err as { code?: unknown } | null)?.code;
    return typeof code === 'string' && NO_RECORD.has(code) ? code : null;
  };
  const missing = (name: string, code: string) =>
    Object.assign(new Error(`${name}: no record`), { code });

  async function dkimKey(name: string, rrtype: string) {
    const key = name.toLowerCase();
    const kept = store.key(key);
    if (kept && fresh(kept.fetchedAt)) {
      if (kept.record !== null) return [[kept.record]];
      throw missing(name, kept.error ?? 'ENOTFOUND');
    }
    try {
      const answer = await resolve(name, rrtype);
      const first = answer[0];
      const record = Array.isArray(first) ? first.join('') : (first ?? '');
      store.saveKey({ name: key, record, error: null, fetchedAt: now().toISOString() });
      return answer;
    } catch (err) {
      const code = noRecordCode(err);
      if (code)
        store.saveKey({ name: key, record: null, error: code, fetchedAt: now().toISOString() });
      throw err;
    }
  }

  async function other(name: string, rrtype: string) {
    const key = { name: name.toLowerCase(), rrtype: rrtype.toUpperCase() };
    const kept = store.answer(key.name, key.rrtype);
    if (kept && fresh(kept.fetchedAt, ANSWER_CACHE_MS)) {
      if (kept.answer !== null) return JSON.parse(kept.answer) as string[][] | string[];
      throw missing(name, kept.error ?? 'ENOTFOUND');
    }
    try {
      const answer = await resolve(name, rrtype);
      store.saveAnswer({
        ...key,
        answer: JSON.stringify(answer),
        error: null,
        fetchedAt: now().toISOString(),
      });
      return answer;
    } catch (err) {
      const code = noRecordCode(err);
      if (code)
        store.saveAnswer({ ...key, answer: null, error: code, fetchedAt: now().toISOString() });
      throw err;
    }
  }

  return (name, rrtype) =>
    rrtype.toUpperCase() === 'TXT' && /\._domainkey\./i.test(name)
      ? dkimKey(name, rrtype)
      : other(name, rrtype);
}
