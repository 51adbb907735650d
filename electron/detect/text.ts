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
 * A copy of `s` that shares no storage with the text it was cut from. V8 keeps
 * a slice of 13+ characters as a view on its parent, so a cache key cut from a
 * header block would otherwise keep the whole block alive as long as the cache.
 */
export function detached(s: string): string {
  // Concatenation then slicing makes V8 flatten into a fresh string of s's own length.
  return (s + ' ').slice(0, -1);
}
