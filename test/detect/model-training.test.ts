/**
 * Training is reproducible and the shipped model matches the extractor. Runs
 * without the real-mail corpus: the generated fixtures serve as training data
 * here (what is learned from them is not accuracy; that is model-cv's job).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../electron/detect/model/features.js';
import { MODEL_CLASSES, type ModelClass } from '../../electron/detect/model/scorer.js';
import { shippedModelInfo, shippedModels } from '../../electron/detect/model/shipped.js';
import { FEATURE_COUNT } from '../../electron/detect/model/vector.js';
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
