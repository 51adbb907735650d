/**
 * The learned model at run time: a multinomial logistic regression read from
 * its data file (trained offline by `npm run train`), scoring a feature
 * vector with a sparse dot product and a temperature-calibrated softmax, and
 * naming the features that weighed most for a verdict.
 */
import type { Verdict } from '../types.js';
import { FEATURE_SPEC } from './features.js';
import {
  FEATURE_COUNT,
  featureValue,
  hashedWeight,
  ORIGIN_BODY,
  ORIGIN_KEY,
  ORIGIN_SUBJECT,
  type FeatureVector,
} from './vector.js';
import { shownWord } from './text.js';
import { NAMED_FEATURES } from './vocabulary.js';

/** The verdicts the model chooses between, in the order of its weights. */
export const MODEL_CLASSES = [
  'newsletter',
  'cold_prospecting',
  'spam',
  'transactional',
  'personal',
  'list_discussion',
] as const satisfies readonly Verdict[];
export type ModelClass = (typeof MODEL_CLASSES)[number];
export const CLASS_COUNT = MODEL_CLASSES.length;

/** One fitted weight set: weights as integers (weight × scale), one row per class. */
export interface WeightSetData {
  bias: readonly number[];
  weights: ReadonlyArray<readonly number[]>;
  /** Softmax temperature fitted on cross-validation's held-out folds. */
  temperature: number;
  /** Score of an unwanted verdict from which rules may act (chosen from cross-validation). */
  actionThreshold: number;
}

/**
 * The model file: one weight set for messages with a body excerpt and one
 * for headers alone (the app fetches excerpts for some messages only).
 */
export interface ModelData {
  /** FEATURE_SPEC of the extractor it was trained with. */
  spec: string;
  classes: readonly string[];
  scale: number;
  body: WeightSetData;
  headers: WeightSetData;
  trainedOn: { messages: number; corpus: string; labelsSha256: string };
}

/** Both weight sets, each used for the messages it was trained on. */
export interface LearnedModels {
  body: LearnedModel;
  headers: LearnedModel;
}

/** Reads a model file; refuses one trained on other features (retrain with `npm run train`). */
export function learnedModelsOf(data: ModelData): LearnedModels {
  if (data.spec !== FEATURE_SPEC)
    throw new Error(
      `learned model: trained on features ${data.spec}, the extractor has ${FEATURE_SPEC}: run npm run train`,
    );
  if (data.classes.join() !== MODEL_CLASSES.join())
    throw new Error('learned model: its classes are not the verdicts detection uses');
  return {
    body: LearnedModel.fromData(data.body, data.scale),
    headers: LearnedModel.fromData(data.headers, data.scale),
  };
}

export interface Contribution {
  /** Position of the feature in the vector. */
  position: number;
  weight: number;
}

export class LearnedModel {
  /** Weights by feature then class: a feature's six weights sit side by side. */
  private readonly weights: Float64Array;
  private readonly bias: readonly number[];
  readonly temperature: number;
  readonly actionThreshold: number;

  constructor(
    weights: Float64Array,
    bias: readonly number[],
    temperature: number,
    threshold: number,
  ) {
    if (weights.length !== FEATURE_COUNT * CLASS_COUNT || bias.length !== CLASS_COUNT)
      throw new Error('learned model: weights do not match the feature space');
    this.weights = weights;
    this.bias = bias;
    this.temperature = temperature;
    this.actionThreshold = threshold;
  }

  static fromData(data: WeightSetData, scale: number): LearnedModel {
    const weights = new Float64Array(FEATURE_COUNT * CLASS_COUNT);
    for (let c = 0; c < CLASS_COUNT; c++) {
      const row = data.weights[c];
      if (!row || row.length !== FEATURE_COUNT)
        throw new Error('learned model: a weight row has the wrong length');
      for (let j = 0; j < FEATURE_COUNT; j++) weights[j * CLASS_COUNT + c] = row[j]! / scale;
    }
    const bias = data.bias.map((b) => b / scale);
    return new LearnedModel(weights, bias, data.temperature, data.actionThreshold);
  }

  /** Raw scores per class (before calibration) of the features at these indices. */
  logits(indices: readonly number[]): number[] {
    // Plain arrays: six numbers, and a typed array costs more to make than to fill.
    const out = this.bias.slice();
    const w = this.weights;
    const hashed = hashedWeight(indices);
    for (const index of indices) {
      const base = index * CLASS_COUNT;
      const value = featureValue(index, hashed);
      for (let c = 0; c < CLASS_COUNT; c++) out[c]! += value * w[base + c]!;
    }
    return out;
  }

  /** Calibrated probabilities per class, in MODEL_CLASSES order. */
  probabilities(vector: FeatureVector, shift?: readonly number[]): number[] {
    const logits = this.logits(vector.indices);
    if (shift) for (let c = 0; c < CLASS_COUNT; c++) logits[c]! += shift[c]!;
    return softmax(logits, this.temperature);
  }

  /**
   * The `count` features that pushed most towards class `c` against the
   * others (a feature's weight for c minus its mean weight), largest first,
   * leaving out the `hidden` ones.
   */
  strongestFor(
    vector: FeatureVector,
    c: number,
    count: number,
    hidden?: ReadonlySet<number>,
  ): Contribution[] {
    const found: Contribution[] = [];
    const w = this.weights;
    const hashed = hashedWeight(vector.indices);
    for (let position = 0; position < vector.size; position++) {
      const index = vector.indices[position]!;
      if (hidden?.has(index)) continue;
      const base = index * CLASS_COUNT;
      let sum = 0;
      for (let k = 0; k < CLASS_COUNT; k++) sum += w[base + k]!;
      const weight = (w[base + c]! - sum / CLASS_COUNT) * featureValue(index, hashed);
      if (weight <= 0) continue;
      // Kept sorted and at most `count` long: a message has hundreds of features, we show three.
      if (found.length === count) {
        if (weight <= found[count - 1]!.weight) continue;
        found.pop();
      }
      let at = found.length;
      while (at > 0 && found[at - 1]!.weight < weight) at--;
      found.splice(at, 0, { position, weight });
    }
    return found;
  }
}

export function softmax(logits: readonly number[], temperature: number): number[] {
  let max = -Infinity;
  for (const value of logits) if (value > max) max = value;
  const out = new Array<number>(logits.length);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    out[c] = Math.exp((logits[c]! - max) / temperature);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/**
 * A feature as the signal stores it: "n:key" for a named feature, "w:words"
 * for words of the subject or body, "k:key" for a platform, mailer or domain
 * ending. Words are letters and digits, so the list splits back on "|".
 */
export function featureToken(vector: FeatureVector, position: number): string {
  const origin = vector.originOf(position);
  if (origin === ORIGIN_KEY) return `k:${vector.keyOf(position)}`;
  if (origin === ORIGIN_SUBJECT || origin === ORIGIN_BODY) {
    const text = origin === ORIGIN_SUBJECT ? vector.subject : vector.text;
    const [start, end] = vector.spanOf(position);
    return `w:${shownWord(text, start, end)}`;
  }
  return `n:${NAMED_FEATURES[vector.indices[position]!]![0]}`;
}
