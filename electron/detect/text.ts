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
 * The engine's single shared copy of `s` (the one it keeps for property
 * names). It shares no storage with the text `s` was cut from, so a cache key
 * cut from a header block does not keep the whole block alive; and two such
 * strings compare by identity, so lookups between caches whose keys and
 * results went through here skip comparing characters. It costs a property
 * definition: for cache entries, not for every string of a message.
 */
export function unique(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** Adds `value` to a short list unless it is there already (a few items: no set needed). */
export function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
