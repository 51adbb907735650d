/**
 * A message's features as the model reads them: a sparse vector of binary
 * features (named ones first, then hashed words and keys), each remembering
 * where it came from so the "Why" panel can name it in words.
 */
import { NAMED_COUNT } from './vocabulary.js';
import { pairHash } from './text.js';

/** Bits of the hashed part of the feature space (2^13 buckets). */
export const HASH_BITS = 13;
const HASH_MASK = (1 << HASH_BITS) - 1;
/** Size of a weight row: named features, then hashed buckets. */
export const FEATURE_COUNT = NAMED_COUNT + (1 << HASH_BITS);

/** Where a feature came from. */
export const ORIGIN_NAMED = 0;
export const ORIGIN_SUBJECT = 1;
export const ORIGIN_BODY = 2;
export const ORIGIN_KEY = 3;

/** Each namespace scatters its hashes differently, so a subject word and a body word differ. */
export const NAMESPACE = {
  subjectWord: 0x1b873593,
  subjectPair: 0x2c1b3c6d,
  bodyWord: 0x297a2d39,
  key: 0x5bd1e995,
} as const;

// One stamp per feature, compared with a generation number: a feature added twice to a
// message is kept once, without a set allocated per message.
const stamps = new Int32Array(FEATURE_COUNT);
let generation = 0;

export class FeatureVector {
  readonly indices: number[] = [];
  readonly origins: number[] = [];
  /** For text origins, the word's (or pair's) start and end in its text; else 0. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** For ORIGIN_KEY, the key ("router:mailchimp"); else ''. */
  readonly keys: string[] = [];
  private readonly stamp: number;

  constructor(
    readonly subject: string,
    readonly text: string,
  ) {
    generation = generation === 0x7fffffff ? 1 : generation + 1;
    if (generation === 1) stamps.fill(0);
    this.stamp = generation;
  }

  get size(): number {
    return this.indices.length;
  }

  named(index: number): void {
    this.add(index, ORIGIN_NAMED, 0, 0, '');
  }

  word(namespace: number, hash: number, origin: number, start: number, end: number): void {
    this.add(NAMED_COUNT + (pairHash(hash, namespace) & HASH_MASK), origin, start, end, '');
  }

  key(key: string, hash: number): void {
    this.add(NAMED_COUNT + (pairHash(hash, NAMESPACE.key) & HASH_MASK), ORIGIN_KEY, 0, 0, key);
  }

  private add(index: number, origin: number, start: number, end: number, key: string): void {
    if (stamps[index] === this.stamp) return;
    stamps[index] = this.stamp;
    this.indices.push(index);
    this.origins.push(origin);
    this.starts.push(start);
    this.ends.push(end);
    this.keys.push(key);
  }
}
