/**
 * Training is reproducible and the shipped model matches the extractor. Runs
 * without the real-mail corpus: the generated fixtures serve as training data
 * here (what is learned from them is not accuracy; that is model-cv's job).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../electron/detect/model/features.js';
import {
  CLASS_COUNT,
  LearnedModel,
  MODEL_CLASSES,
  type ModelClass,
} from '../../electron/detect/model/scorer.js';
import { shippedModelInfo, shippedModels } from '../../electron/detect/model/shipped.js';
import {
  FEATURE_COUNT,
  HASHED_AT_FULL_WEIGHT,
  hashedWeight,
} from '../../electron/detect/model/vector.js';
import { NAMED_COUNT } from '../../electron/detect/model/vocabulary.js';
import type { LabelledMessage } from '../../train/corpus.js';
import { featureRows, runtimeModel, trainOn, type Rows } from '../../train/train-model.js';
import { loadCorpus } from './corpus.js';

let messages: LabelledMessage[];
let rows: Rows;

beforeAll(async () => {
  messages = (await loadCorpus()).map((entry) => ({
    file: entry.file,
    origin: 'shared' as const,
    label: entry.label.verdict as ModelClass,
    classIndex: MODEL_CLASSES.indexOf(entry.label.verdict as ModelClass),
    group: entry.file,
    input: entry.input,
  }));
  rows = featureRows(messages);
}, 120_000);

describe('training the learned model', () => {
  it('gives the same weights, bit for bit, from the same data', () => {
    const all = messages.map((_, i) => i);
    const first = trainOn(messages, rows.body, all);
    const second = trainOn(messages, featureRows(messages).body, all);
    expect(Buffer.from(second.weights.buffer).equals(Buffer.from(first.weights.buffer))).toBe(true);
    expect(Buffer.from(second.bias.buffer).equals(Buffer.from(first.bias.buffer))).toBe(true);
    // A trainer that learned nothing would pass the comparison too: it must fit its data.
    const model = runtimeModel(first, { temperature: 1, actionThreshold: 1 });
    const right = messages.filter((m, i) => {
      const z = [...model.logits(rows.body[i]!.filter((j) => j < FEATURE_COUNT))];
      return z.indexOf(Math.max(...z)) === m.classIndex;
    }).length;
    expect(right / messages.length).toBeGreaterThan(0.9);
  }, 120_000);
});

describe('the shipped model', () => {
  it('was trained on the features the extractor reads (else: npm run train)', () => {
    expect(shippedModelInfo().spec).toBe(FEATURE_SPEC);
    const models = shippedModels();
    expect(models.body.temperature).toBeGreaterThan(0);
    expect(models.headers.temperature).toBeGreaterThan(0);
  });
});

describe('a message with many words', () => {
  const SPAM = MODEL_CLASSES.indexOf('spam');
  const NEWSLETTER = MODEL_CLASSES.indexOf('newsletter');
  // Every word leans 0.01 towards spam; one named feature leans 1 towards newsletter.
  const weights = new Float64Array(FEATURE_COUNT * CLASS_COUNT);
  for (let j = NAMED_COUNT; j < FEATURE_COUNT; j++) weights[j * CLASS_COUNT + SPAM] = 0.01;
  weights[0 * CLASS_COUNT + NEWSLETTER] = 1;
  const model = new LearnedModel(weights, new Array<number>(CLASS_COUNT).fill(0), 1, 1);
  const message = (words: number) => [
    0,
    ...Array.from({ length: words }, (_, i) => NAMED_COUNT + i),
  ];

  it('counts its words in full up to HASHED_AT_FULL_WEIGHT, then as sqrt(limit / n) each', () => {
    expect(HASHED_AT_FULL_WEIGHT).toBe(100);
    expect(model.logits(message(100))[SPAM]).toBeCloseTo(1, 9);
    // 400 words weigh as 200 would at full weight, not four times 100.
    expect(model.logits(message(400))[SPAM]).toBeCloseTo(2, 9);
    // Named features keep their weight whatever the message's length.
    expect(model.logits(message(400))[NEWSLETTER]).toBe(1);
    // The value each takes, which training gives them too (train/train-model.ts).
    expect(hashedWeight(message(400))).toBe(0.5);
  });
});
