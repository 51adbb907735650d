/**
 * Header field names recur in every message (Received, DKIM-Signature, ...).
 * Each spelling met is validated and lowercased once, then recognised in
 * later messages by a cheap hash (length and three characters) and one string
 * comparison, instead of being copied, lowercased and hashed per field. Each
 * lowercased name gets a small number, so a message's fields can be looked up
 * by comparing numbers. The table is bounded: a flood of random names stops
 * filling it, and names left out are then handled the plain way (id -1).
 */
import { detached } from './memo.js';

const SLOTS = 4096;
/** Spellings as written ("DKIM-Signature"), by slot. */
const spellings: Array<string | undefined> = new Array<string | undefined>(SLOTS);
/** The lowercased name of each slot's spelling, and its number. */
const lowered: string[] = new Array<string>(SLOTS);
const loweredIds = new Int32Array(SLOTS);
let used = 0;

/** Lowercased name -> number. */
const ids = new Map<string, number>();

/** A field name found at the start of a line. */
export interface FieldName {
  name: string;
  /** The name's number, or -1 when the table was full. */
  id: number;
}

const NOT_A_FIELD: FieldName = Object.freeze({ name: '', id: -1 });
/** Returned objects are reused: callers copy the two values out at once. */
const found: FieldName = { name: '', id: -1 };

/**
 * The field name of text[start, colon): at most 76 characters of RFC 5322
 * ftext (printable ASCII except colon and space), else NOT_A_FIELD (name '').
 */
export function fieldNameAt(text: string, start: number, colon: number): Readonly<FieldName> {
  const length = colon - start;
  if (length <= 0 || length > 76) return NOT_A_FIELD;
  const hash =
    (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(start + (length >> 1)) * 3) ^
    (text.charCodeAt(colon - 1) << 5);
  let slot = hash & (SLOTS - 1);
  for (let probe = 0; probe < 8; probe++) {
    const spelling = spellings[slot];
    if (spelling === undefined) break;
    // A cut and a native comparison beat comparing character by character here.
    if (spelling.length === length && text.slice(start, colon) === spelling) {
      found.name = lowered[slot]!;
      found.id = loweredIds[slot]!;
      return found;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (!isFtext(text, start, colon)) return NOT_A_FIELD;
  const name = text.slice(start, colon).toLowerCase();
  found.name = name;
  found.id = -1;
  if (used < SLOTS / 2 && spellings[slot] === undefined) {
    // Copies: a name cut from the block would keep the whole block alive.
    const shared = detached(name);
    let id = ids.get(shared);
    if (id === undefined) {
      id = ids.size;
      ids.set(shared, id);
    }
    spellings[slot] = detached(text.slice(start, colon));
    lowered[slot] = shared;
    loweredIds[slot] = id;
    used++;
    found.name = shared;
    found.id = id;
  }
  return found;
}

/** The number of a lowercased name, or -1 when no message has shown it. */
export function nameId(name: string): number {
  return ids.get(name) ?? -1;
}

/** Gives a lowercased name its number now (for the names detection reads: small numbers). */
export function registerName(name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(detached(name), id);
  }
  return id;
}

function isFtext(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126 || c === 58) return false;
  }
  return true;
}
