/**
 * A per-user naive-Bayes model trained only on the user's own corrections
 * (wanted / unwanted marks). It never sees anything else, serialises to a
 * small JSON document the store keeps, and only nudges scores: it cannot
 * override a relationship.
 */
import type { Decision, TokenScorer } from './types.js';

export interface TokenClassCounts {
  docs: number;
  total: number;
  tokens: Record<string, number>;
}

export interface TokenModelData {
  version: 1;
  wanted: TokenClassCounts;
  unwanted: TokenClassCounts;
}

const MAX_VOCABULARY = 20_000;
const MIN_TRAINED = 4;

function emptyCounts(): TokenClassCounts {
  return { docs: 0, total: 0, tokens: {} };
}

export class TokenModel implements TokenScorer {
  private readonly wanted: Map<string, number>;
  private readonly unwanted: Map<string, number>;
  private counts: { wanted: TokenClassCounts; unwanted: TokenClassCounts };
  /** Distinct tokens over both classes, worked out once per change (not per message). */
  private vocabularySize: number | null = null;

  constructor(data?: TokenModelData) {
    const source =
      data && data.version === 1 ? data : { wanted: emptyCounts(), unwanted: emptyCounts() };
    this.wanted = new Map(Object.entries(source.wanted.tokens));
    this.unwanted = new Map(Object.entries(source.unwanted.tokens));
    this.counts = {
      wanted: { ...source.wanted, tokens: {} },
      unwanted: { ...source.unwanted, tokens: {} },
    };
  }

  static fromJSON(json: string): TokenModel {
    try {
      return new TokenModel(JSON.parse(json) as TokenModelData);
    } catch {
      return new TokenModel();
    }
  }

  get trainedOn(): number {
    return this.counts.wanted.docs + this.counts.unwanted.docs;
  }

  /** Adds one correction; `weight` -1 takes back a correction the user undid. */
  train(tokens: readonly string[], label: Decision, weight: 1 | -1 = 1): void {
    const map = label === 'wanted' ? this.wanted : this.unwanted;
    const counts = this.counts[label];
    counts.docs = Math.max(0, counts.docs + weight);
    for (const token of new Set(tokens)) {
      const next = (map.get(token) ?? 0) + weight;
      if (next <= 0) map.delete(token);
      else map.set(token, next);
      counts.total = Math.max(0, counts.total + weight);
    }
    if (this.wanted.size + this.unwanted.size > MAX_VOCABULARY) this.prune();
    this.vocabularySize = null;
  }

  get canScore(): boolean {
    const { wanted, unwanted } = this.counts;
    return this.trainedOn >= MIN_TRAINED && wanted.docs > 0 && unwanted.docs > 0;
  }

  logOdds(tokens: readonly string[]): number {
    if (!this.canScore) return 0;
    const { wanted, unwanted } = this.counts;
    const vocabulary = this.vocabulary() + 1;
    let sum = 0;
    let seen = 0;
    for (const token of new Set(tokens)) {
      const u = this.unwanted.get(token) ?? 0;
      const w = this.wanted.get(token) ?? 0;
      if (u === 0 && w === 0) continue;
      seen++;
      sum +=
        Math.log((u + 1) / (unwanted.total + vocabulary)) -
        Math.log((w + 1) / (wanted.total + vocabulary));
    }
    if (seen === 0) return 0;
    const prior = Math.log(unwanted.docs / wanted.docs);
    // Divide by sqrt(n): naive Bayes is overconfident when tokens are correlated.
    return prior + sum / Math.sqrt(seen);
  }

  toJSON(): TokenModelData {
    return {
      version: 1,
      wanted: { ...this.counts.wanted, tokens: Object.fromEntries(this.wanted) },
      unwanted: { ...this.counts.unwanted, tokens: Object.fromEntries(this.unwanted) },
    };
  }

  private vocabulary(): number {
    if (this.vocabularySize === null) {
      let size = this.wanted.size;
      for (const token of this.unwanted.keys()) if (!this.wanted.has(token)) size++;
      this.vocabularySize = size;
    }
    return this.vocabularySize;
  }

  /** Drops tokens seen once when the vocabulary grows too large. */
  private prune(): void {
    for (const map of [this.wanted, this.unwanted]) {
      for (const [token, count] of map) if (count <= 1) map.delete(token);
    }
  }
}

export interface TokenSource {
  fromDomain: string | null;
  routerId: string | null;
  subject: string;
  text: string;
  listUnsubscribe: boolean;
}

/** The tokens a message contributes: sender domain, router, subject and opening words. */
export function messageTokens(source: TokenSource): string[] {
  const tokens: string[] = [];
  if (source.fromDomain) tokens.push(`from:${source.fromDomain}`);
  if (source.routerId) tokens.push(`router:${source.routerId}`);
  if (source.listUnsubscribe) tokens.push('has:unsubscribe');
  for (const word of words(source.subject, 30)) tokens.push(`s:${word}`);
  for (const word of words(source.text.slice(0, 2000), 80)) tokens.push(word);
  return tokens;
}

function words(text: string, limit: number): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().split(/[^a-z0-9\u00e0-\u00ff]+/)) {
    if (word.length >= 3 && word.length <= 30) out.push(word);
    if (out.length >= limit) break;
  }
  return out;
}
