/**
 * DKIM key lookups through a cache kept in the store, one entry per selector
 * (`<s>._domainkey.<d>`): a case's hundred messages from one sender cost one
 * DNS query, and the record used stays with the verification. A name with no
 * record is remembered too; a failure of DNS itself (a timeout) is not.
 */
import { resolveTxt } from 'node:dns/promises';
import type { AuthenticationStore } from './authentication.sql.js';
import type { TxtResolver } from './dkim.js';

/** How long a kept answer is used before DNS is asked again. */
export const KEY_CACHE_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
/** What DNS answers for a name without the record: remembered like a record. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

export const systemTxtResolver: TxtResolver = (name) => resolveTxt(name);

export function createCachedResolver(
  store: Pick<AuthenticationStore, 'key' | 'saveKey'>,
  resolve: TxtResolver,
  now: () => Date = () => new Date(),
): TxtResolver {
  return async (name, rrtype) => {
    const key = name.toLowerCase();
    const kept = store.key(key);
    if (kept && now().getTime() - Date.parse(kept.fetchedAt) < KEY_CACHE_DAYS * DAY_MS) {
      if (kept.record !== null) return [[kept.record]];
      throw Object.assign(new Error(`${name}: no DKIM key record`), { code: kept.error });
    }
    try {
      const answer = await resolve(name, rrtype);
      const first = answer[0];
      const record = Array.isArray(first) ? first.join('') : (first ?? '');
      store.saveKey({ name: key, record, error: null, fetchedAt: now().toISOString() });
      return answer;
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && NO_RECORD.has(code))
        store.saveKey({ name: key, record: null, error: code, fetchedAt: now().toISOString() });
      throw err;
    }
  };
}
