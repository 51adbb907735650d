/**
 * The memo tables of detection (field names, hosts, senders) are made here, so
 * that they can all be emptied at once: a benchmark can then measure a mailbox
 * whose senders and hosts are all new, not only the steady state.
 */
const clearers: Array<() => void> = [];

/** A map that forgetMemos() empties. */
export function memoTable<K, V>(): Map<K, V> {
  const table = new Map<K, V>();
  clearers.push(() => table.clear());
  return table;
}

/** Empties every memo table (results stay correct: they are only worked out again). */
export function forgetMemos(): void {
  for (const clear of clearers) clear();
}

/**
 * A copy of `s` that shares no memory with the text it was cut from, for the
 * strings a memo table keeps: a string cut from a header block keeps the whole
 * block alive as long as it lives.
 */
export function detached(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}
