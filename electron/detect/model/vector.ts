/**
 * A message's features as the model reads them: a sparse vector of binary
 * features (named ones first, then hashed words and keys), each remembering
 * where it came from so the "Why" panel can name it in words.
 */
import { NAMED_COUNT } from './vocabulary.js';
import { memoTable } from '../../mail-format/index.js';
import { keyHash, pairHash } from './text.js';

/**
 * Bits of the hashed part of the feature space (2^15 buckets). At 2^13 (December 2026) the
 * words of 800 messages collided: 2^15 measured better on five fold splits of the shared
 * corpus (0.933 / 0.926 / 0.787 against 0.926 / 0.920 / 0.782), the same on the SpamAssassin
 * messages; 2^17 no better than 2^15, and four times slower to train.
 */
export const HASH_BITS = 15;
const HASH_MASK = (1 << HASH_BITS) - 1;
/** Size of a weight row: named features, then hashed buckets. */
export const FEATURE_COUNT = NAMED_COUNT + (1 << HASH_BITS);

/**
 * Hashed features (words, keys) a message may have at full weight. Beyond, each weighs
 * sqrt(HASHED_AT_FULL_WEIGHT / n): a long newsletter's hundreds of words no longer drown its
 * named features (its platform, its list headers, its authentication), and the model's
 * probabilities mean the same for a short message and a long one. Half the labelled messages
 * have fewer than 114. Of 50, 100 and 150, the best on the SpamAssassin messages' folds, where
 * training choices are made; on the shared corpus's, the same figures as binary words and more
 * unwanted mail above the action threshold at the same precision (README).
 */
export const HASHED_AT_FULL_WEIGHT = 100;

const isHashed = (index: number): boolean => index >= NAMED_COUNT && index < FEATURE_COUNT;

/** The value each hashed feature of these (a message's features, in any order) takes. */
export function hashedWeight(indices: readonly number[]): number {
  let hashed = 0;
  for (const index of indices) if (isHashed(index)) hashed++;
  return hashed <= HASHED_AT_FULL_WEIGHT ? 1 : Math.sqrt(HASHED_AT_FULL_WEIGHT / hashed);
}

/** A feature's value in a message whose hashed features weigh `hashed`: named ones weigh 1. */
export function featureValue(index: number, hashed: number): number {
  return isHashed(index) ? hashed : 1;
}

/** Where a feature came from. */
export const ORIGIN_NAMED = 0;
export const ORIGIN_SUBJECT = 1;
export const ORIGIN_BODY = 2;
export const ORIGIN_KEY = 3;

/** Each namespace scatters its hashes differently, so a subject word and a body word differ. */
export const NAMESPACE = {
  subjectWord: 0x1b873593,
  bodyWord: 0x297a2d39,
  key: 0x5bd1e995,
} as const;

export interface HashedKey {
  key: string;
  index: number;
}

/**
 * The keys of one kind ("router", "mailer", "tld"), each built and hashed the
 * first time it is met: a mailbox repeats a few hundred of them.
 */
export class KeyTable {
  private readonly known = memoTable<string, HashedKey>(4096);

  constructor(private readonly prefix: string) {}

  of(value: string): HashedKey {
    let entry = this.known.get(value);
    if (entry === undefined) {
      const key = `${this.prefix}:${value}`;
      entry = { key, index: NAMED_COUNT + (pairHash(keyHash(key), NAMESPACE.key) & HASH_MASK) };
      this.known.set(value, entry);
    }
    return entry;
  }
}

// One stamp per feature, compared with a generation number: a feature added twice to a
// message is kept once, without a set allocated per message.
const stamps = new Int32Array(FEATURE_COUNT);
let generation = 0;

/** Where a feature came from, packed in one number: origin, then a word's start and length. */
const ORIGIN_BITS = 2;
const START_BITS = 13;
const MAX_LENGTH = 255;

export class FeatureVector {
  readonly indices: number[] = [];
  /** Per feature: its origin, and a word's start and length in its text or a key's place in `keys`. */
  private readonly sources: number[] = [];
  private readonly keys: string[] = [];
  private readonly stamp: number;

  /** Vectors are built one at a time: a new one takes over the stamps. */
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
    this.add(index, ORIGIN_NAMED);
  }

  word(namespace: number, hash: number, origin: number, start: number, end: number): void {
    const length = Math.min(end - start, MAX_LENGTH);
    const source = origin | (start << ORIGIN_BITS) | (length << (ORIGIN_BITS + START_BITS));
    this.add(NAMED_COUNT + (pairHash(hash, namespace) & HASH_MASK), source);
  }

  /**
   * A key whose hash the caller worked out (keyHash of the whole key): its
   * text is built only when the message did not have it yet.
   */
  keyOfHash(
    hash: number,
    text: (from: string, start: number, end: number) => string,
    from: string,
    start: number,
    end: number,
  ): void {
    const index = NAMED_COUNT + (pairHash(hash, NAMESPACE.key) & HASH_MASK);
    if (stamps[index] === this.stamp) return;
    this.key({ key: text(from, start, end), index });
  }

  /** A key of a small set ("router:mailchimp", "tld:fr"), hashed once per distinct key. */
  key(key: HashedKey): void {
    if (this.add(key.index, ORIGIN_KEY | (this.keys.length << ORIGIN_BITS)))
      this.keys.push(key.key);
  }

  originOf(position: number): number {
    return this.sources[position]! & ((1 << ORIGIN_BITS) - 1);
  }

  /** A word's [start, end) in its text. */
  spanOf(position: number): [number, number] {
    const source = this.sources[position]!;
    const start = (source >>> ORIGIN_BITS) & ((1 << START_BITS) - 1);
    return [start, start + (source >>> (ORIGIN_BITS + START_BITS))];
  }

  keyOf(position: number): string {
    return this.keys[this.sources[position]! >>> ORIGIN_BITS]!;
  }

  private add(index: number, source: number): boolean {
    if (stamps[index] === this.stamp) return false;
    stamps[index] = this.stamp;
    this.indices.push(index);
    this.sources.push(source);
    return true;
  }
}
