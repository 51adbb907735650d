/**
 * Finds the wording of every lexicon list in one pass over the text: the
 * phrase lists are compiled once into an Aho-Corasick automaton with a dense
 * transition table, so a text costs one table step per character whatever the
 * number of phrases, and no regex runs over message text.
 *
 * What a list reports is exactly what a leftmost scan with the longest phrase
 * first would report: at each start position the longest phrase of the list,
 * kept only at word boundaries ("demo" does not match "democracy"), each
 * phrase once, in order of appearance.
 */

/** One occurrence: where it starts and which phrase (index into the scanner's phrases). */
export interface PhraseHits {
  /** Flat pairs: start, phrase id, start, phrase id, ... in order of end position. */
  readonly pairs: number[];
}

interface Phrase {
  text: string;
  list: number;
}

/** Most texts hold no phrase of most lists: they all share this empty answer. */
const NOTHING: readonly string[] = Object.freeze([]);

/** A bound on candidate matches per list and per call, as the old regex loop had. */
const MAX_CANDIDATES = 200;

export class PhraseScanner<L extends string> {
  private readonly phrases: Phrase[] = [];
  /** List name -> number. */
  private readonly listIds = {} as Record<L, number>;
  /** Phrase id -> length, for turning an end position into a start. */
  private lengths = new Int32Array(0);
  /** Character code -> character class (0: a character no phrase contains). */
  private readonly classOf = new Uint8Array(65536);
  private classes = 1;
  /** state * classes + class -> next state. */
  private delta: Uint16Array | Uint32Array = new Uint16Array(0);
  /** Phrase ids ending in each state (own and through suffix links), or null. */
  private outputs: Array<number[] | null> = [];

  constructor(lists: Record<L, readonly string[]>) {
    (Object.keys(lists) as L[]).forEach((name, list) => {
      this.listIds[name] = list;
      for (const text of new Set(lists[name])) if (text) this.phrases.push({ text, list });
    });
    this.lengths = Int32Array.from(this.phrases, (phrase) => phrase.text.length);
    this.build();
  }

  /** Every phrase occurrence that lies inside text[from, to). */
  scan(text: string, from = 0, to = text.length): PhraseHits {
    const pairs: number[] = [];
    const { classOf, delta, outputs, classes, lengths } = this;
    let state = 0;
    const end = Math.min(to, text.length);
    for (let i = Math.max(0, from); i < end; i++) {
      state = delta[state * classes + classOf[text.charCodeAt(i)]!]!;
      const out = outputs[state];
      if (out === null || out === undefined) continue;
      for (const id of out) pairs.push(i + 1 - lengths[id]!, id);
    }
    return { pairs };
  }

  /**
   * The distinct phrases of one list found in text[from, to) (hits from a scan
   * that covered that range), in order of appearance, at most `limit`.
   */
  pick(
    hits: PhraseHits,
    list: L,
    text: string,
    from: number,
    to: number,
    limit: number,
  ): readonly string[] {
    const { pairs } = hits;
    if (pairs.length === 0) return NOTHING;
    const wanted = this.listIds[list];
    // Longest phrase at each start inside the range: the candidates a leftmost scan would see.
    let candidates: number[] | null = null;
    for (let k = 0; k < pairs.length; k += 2) {
      const start = pairs[k]!;
      const phrase = this.phrases[pairs[k + 1]!]!;
      if (phrase.list !== wanted || start < from || start + phrase.text.length > to) continue;
      (candidates ??= []).push(k);
    }
    if (candidates === null) return NOTHING;
    // By start, the longest first at each start (ties cannot happen: same start and length
    // would be the same phrase, listed once).
    const lengths = this.lengths;
    candidates.sort(
      (a, b) => pairs[a]! - pairs[b]! || lengths[pairs[b + 1]!]! - lengths[pairs[a + 1]!]!,
    );
    const found: string[] = [];
    let seen = 0;
    let previous = -1;
    for (let n = 0; n < candidates.length && seen < MAX_CANDIDATES && found.length < limit; n++) {
      const start = pairs[candidates[n]!]!;
      if (start === previous) continue;
      previous = start;
      seen++;
      const phrase = this.phrases[pairs[candidates[n]! + 1]!]!.text;
      const end = start + phrase.length;
      if (
        isBoundary(text, start - 1, from, to, phrase.charCodeAt(0)) &&
        isBoundary(text, end, from, to, phrase.charCodeAt(phrase.length - 1)) &&
        !found.includes(phrase)
      )
        found.push(phrase);
    }
    return found.length > 0 ? found : NOTHING;
  }

  /** The first phrase of a list in text[from, to), or null. */
  first(hits: PhraseHits, list: L, text: string, from: number, to: number): string | null {
    return this.pick(hits, list, text, from, to, 1)[0] ?? null;
  }

  private build(): void {
    // Character classes: one per distinct character used by a phrase.
    for (const { text } of this.phrases) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (this.classOf[c] === 0) this.classOf[c] = this.classes++;
      }
    }
    if (this.classes > 255) throw new Error('phrase alphabet too large');
    // The trie.
    const children: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    this.phrases.forEach(({ text }, id) => {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const cls = this.classOf[text.charCodeAt(i)]!;
        let next = children[state]!.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]!.set(cls, next);
        }
        state = next;
      }
      own[state]!.push(id);
    });
    // Breadth first: suffix links, full transition table and outputs.
    const count = children.length;
    const k = this.classes;
    const delta = count < 65536 ? new Uint16Array(count * k) : new Uint32Array(count * k);
    const fail = new Int32Array(count);
    const outputs: Array<number[] | null> = new Array<number[] | null>(count).fill(null);
    const queue: number[] = [];
    for (let cls = 0; cls < k; cls++) {
      const next = children[0]!.get(cls);
      delta[cls] = next ?? 0;
      if (next !== undefined) queue.push(next);
    }
    outputs[0] = null;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const linked = outputs[fail[state]!];
      const mine = own[state]!;
      outputs[state] = mine.length || linked ? [...mine, ...(linked ?? [])] : null;
      for (let cls = 0; cls < k; cls++) {
        const next = children[state]!.get(cls);
        if (next === undefined) {
          delta[state * k + cls] = delta[fail[state]! * k + cls]!;
        } else {
          delta[state * k + cls] = next;
          fail[next] = delta[fail[state]! * k + cls]!;
          queue.push(next);
        }
      }
    }
    this.delta = delta;
    this.outputs = outputs;
  }
}

/** Outside the range counts as a boundary, as the end of a sliced text did. */
function isBoundary(text: string, index: number, from: number, to: number, edge: number): boolean {
  if (!isWordChar(edge)) return true;
  if (index < from || index >= to || index >= text.length) return true;
  return !isWordChar(text.charCodeAt(index));
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 224 && c <= 255) || c === 339;
}
