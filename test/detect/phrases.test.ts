/**
 * The wording scanner (one automaton for every lexicon list) must report what
 * the straightforward matcher reported: a leftmost scan with the longest
 * phrase first, kept only at word boundaries, each phrase once. The reference
 * below is that matcher, kept here as the specification.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORDING, WORDING_LISTS as LISTS } from '../../electron/detect/lexicon.js';

type List = keyof typeof LISTS;

/** The former regex matcher, verbatim in behaviour. */
function referenceAll(phrases: readonly string[], text: string, limit: number): string[] {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const found: string[] = [];
  if (!text) return found;
  for (let guard = 0; guard < 200 && found.length < limit; guard++) {
    const m = re.exec(text);
    if (!m) break;
    const phrase = m[0];
    const end = m.index + phrase.length;
    if (
      boundary(text, m.index - 1, phrase[0]!) &&
      boundary(text, end, phrase[phrase.length - 1]!) &&
      !found.includes(phrase)
    )
      found.push(phrase);
    re.lastIndex = m.index + 1;
  }
  return found;
}

function boundary(text: string, index: number, edge: string): boolean {
  if (!wordChar(edge)) return true;
  if (index < 0 || index >= text.length) return true;
  return !wordChar(text[index]!);
}

function wordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 224 && c <= 255) || c === 339;
}

function scanned(list: List, text: string, limit: number, from = 0, to = text.length): string[] {
  return [...WORDING.pick(WORDING.scan(text), list, text, from, to, limit)];
}

// Texts made of phrase pieces, glue and word characters: boundaries, overlaps and repeats.
const pieces = Object.values(LISTS)
  .flat()
  .flatMap((p) => [p, p.slice(0, Math.ceil(p.length / 2)), p.slice(Math.floor(p.length / 2))]);
const piece = fc.oneof(
  fc.constantFrom(...pieces),
  fc.constantFrom(' ', '\n', '-', 'x', 'é', '’', '0', 's', "'", '%'),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const list = fc.constantFrom(...(Object.keys(LISTS) as List[]));
/** A text and a range [from, to) inside it. */
const textInRange = fc.tuple(text, fc.nat(), fc.nat()).map(([t, a, b]) => {
  const from = t.length ? a % (t.length + 1) : 0;
  const to = from + (t.length - from ? b % (t.length - from + 1) : 0);
  return { t, from, to };
});

describe('wording scanner', () => {
  it('finds what the regex matcher found, in the same order', () => {
    fc.assert(
      fc.property(text, list, fc.integer({ min: 1, max: 5 }), (t, name, limit) => {
        expect(scanned(name, t, limit)).toEqual(referenceAll(LISTS[name], t, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a range as the matcher read the same slice', () => {
    fc.assert(
      fc.property(textInRange, list, ({ t, from, to }, name) => {
        const hits = WORDING.scan(t);
        expect([...WORDING.pick(hits, name, t, from, to, 3)]).toEqual(
          referenceAll(LISTS[name], t.slice(from, to), 3),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps word boundaries ("demo" is not in "democracy")', () => {
    expect(scanned('sales', 'democracy and demos', 3)).toEqual([]);
    expect(scanned('sales', 'une démo ? quick question', 3)).toEqual(['démo', 'quick question']);
    expect(scanned('marketing', '-50% off today', 3)).toEqual(['% off']);
    // The first hit fails its boundary: the next one is the answer.
    const t = 'pseudodémo, puis une démo';
    expect(WORDING.first(WORDING.scan(t), 'sales', t, 0, t.length)).toBe('démo');
  });

  it('stays bounded on a flood of phrases', () => {
    const flood = 'btc '.repeat(20_000);
    expect(scanned('scam', flood, 1)).toEqual(['btc']);
    expect(WORDING.first(WORDING.scan(flood), 'scam', flood, 0, flood.length)).toBe('btc');
    expect(scanned('scam', flood, 5)).toEqual(referenceAll(LISTS.scam, flood, 5));
  });
});
