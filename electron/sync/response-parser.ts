/**
 * Parses the IMAP responses the sync needs (RFC 9051 / 3501 grammar): data
 * items as nested lists of atoms, numbers, quoted strings, NIL and literals.
 * Bounded: one linear pass, no backtracking.
 */
import type { RawResponse, ResponsePart } from './response-reader.js';

export type ImapValue = string | number | Buffer | null | ImapValue[];

/** A parsed untagged response: "* 12 FETCH (...)" → { number: 12, type: 'FETCH', values }. */
export interface Untagged {
  number: number | null;
  type: string;
  values: ImapValue[];
  /** The text after the type, for responses read as text (OK [UIDVALIDITY 5], CAPABILITY ...). */
  text: string;
}

class Cursor {
  part = 0;
  pos = 0;
  constructor(readonly parts: ResponsePart[]) {}

  get current(): ResponsePart | undefined {
    return this.parts[this.part];
  }

  peekChar(): string | null {
    for (;;) {
      const p = this.current;
      if (p === undefined) return null;
      if (typeof p !== 'string') return '{'; // a literal stands where a value would
      if (this.pos < p.length) return p[this.pos]!;
      this.part += 1;
      this.pos = 0;
    }
  }

  skipSpaces(): void {
    while (this.peekChar() === ' ') this.pos += 1;
  }
}

export function parseUntagged(response: RawResponse): Untagged | null {
  const first = response.parts[0];
  if (typeof first !== 'string' || !first.startsWith('* ')) return null;
  const m = /^\* (?:(\d+) )?([A-Za-z.]+)\s?/.exec(first);
  if (!m) return null;
  const number = m[1] === undefined ? null : Number(m[1]);
  const type = m[2]!.toUpperCase();
  const cursor = new Cursor(response.parts);
  cursor.pos = m[0].length;
  const text = first.slice(m[0].length);
  const values =
    number !== null || type === 'VANISHED' || type === 'ESEARCH' || type === 'SEARCH'
      ? readValues(cursor)
      : [];
  return { number, type, values, text };
}

function readValues(c: Cursor, closing: string | null = null): ImapValue[] {
  const out: ImapValue[] = [];
  for (;;) {
    c.skipSpaces();
    const ch = c.peekChar();
    if (ch === null) return out;
    if (ch === closing) {
      c.pos += 1;
      return out;
    }
    if (ch === ')' || ch === ']') {
      c.pos += 1; // unbalanced: tolerate and stop this level
      return out;
    }
    out.push(readValue(c));
  }
}

function readValue(c: Cursor): ImapValue {
  const p = c.current!;
  if (typeof p !== 'string') {
    c.part += 1;
    c.pos = 0;
    return p;
  }
  const ch = p[c.pos]!;
  if (ch === '(') {
    c.pos += 1;
    return readValues(c, ')');
  }
  if (ch === '"') return readQuoted(c, p);
  return readAtom(c, p);
}

function readQuoted(c: Cursor, p: string): string {
  let out = '';
  let i = c.pos + 1;
  for (; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\' && i + 1 < p.length) out += p[++i];
    else if (ch === '"') break;
    else out += ch;
  }
  c.pos = i + 1;
  return out;
}

/** An atom, a number or NIL. Section specs like BODY[HEADER.FIELDS (A B)]<0> stay one atom. */
function readAtom(c: Cursor, p: string): ImapValue {
  let i = c.pos;
  let depth = 0;
  for (; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '[') depth += 1;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ' ' || ch === '(' || ch === ')')) break;
  }
  const atom = p.slice(c.pos, i === c.pos ? i + 1 : i);
  c.pos = i === c.pos ? i + 1 : i;
  if (/^\d{1,15}$/.test(atom)) return Number(atom);
  if (atom.toUpperCase() === 'NIL') return null;
  return atom;
}

/** FETCH data items as a map: { UID: 5, FLAGS: [...], 'BODY[HEADER]': Buffer, ... }. */
export function fetchItems(values: ImapValue[]): Map<string, ImapValue> {
  const list = Array.isArray(values[0]) ? values[0] : values;
  const items = new Map<string, ImapValue>();
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = list[i];
    if (typeof key === 'string') items.set(key.toUpperCase(), list[i + 1]!);
  }
  return items;
}

/** Expands a UID set ("1:3,7,9:10") into numbers; `max` bounds open ranges. */
export function expandSequenceSet(set: string, max = Number.MAX_SAFE_INTEGER): number[] {
  const out: number[] = [];
  for (const range of set.split(',')) {
    const [a, b] = range.split(':');
    const from = a === '*' ? max : Number(a);
    const to = b === undefined ? from : b === '*' ? max : Number(b);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    for (let n = Math.min(from, to); n <= Math.max(from, to); n++) out.push(n);
  }
  return out;
}

/** Compresses sorted numbers into an IMAP sequence set ("1:3,7"). */
export function toSequenceSet(sorted: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(',');
}
