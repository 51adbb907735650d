/**
 * The memo tables of detection (field names, hosts, senders) are made here, so
 * that they can all be emptied at once: a benchmark can then measure a mailbox
 * whose senders and hosts are all new, not only the steady state. Each table is
 * bounded: the app runs for weeks and meets new senders every day, so a table
 * that is full starts again empty (results stay correct: they are only worked
 * out again).
 */
const clearers: Array<() => void> = [];

/** Entries a table holds before it starts again: the senders and hosts of a busy mailbox. */
export const MEMO_LIMIT = 4_096;

class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

/** A map that forgetMemos() empties, and that empties itself when it holds `limit` entries. */
export function memoTable<K, V>(limit = MEMO_LIMIT): Map<K, V> {
  const table = new BoundedMap<K, V>(limit);
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
