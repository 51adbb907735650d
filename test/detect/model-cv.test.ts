/**
 * The learned model, cross-validated on the labelled real mail it was trained
 * on (../shared/corpus, and train/extra-corpus when the shipped file names
 * it; 5 folds, stratified by label, grouped by sender domain), exactly as
 * `npm run train -- --cv` does it. The floors hold on the shared corpus's own
 * held-out messages and are the first honest measurement (never above it);
 * the shipped model must be what `npm run train` makes from that corpus, so a
 * changed extractor or corpus without retraining fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedModelInfo } from '../../electron/detect/model/shipped.js';
import {
  corpusExists,
  DEFAULT_CORPUS,
  loadNamedCorpus,
  ofShared,
  type Corpus,
} from '../../train/corpus.js';
import {
  ACTION_PRECISION,
  CV_FOLDS,
  THRESHOLD_TARGET,
  type CrossValidation,
} from '../../train/cv.js';
import {
  MODEL_FILE,
  runCrossValidation,
  serializeModel,
  trainModelFile,
  writePredictions,
} from '../../train/main.js';
import { atThreshold, figuresOf, thresholdOnUnseenFolds } from '../../train/metrics.js';
import { featureRows, type Rows } from '../../train/train-model.js';

/** Measured on the shared corpus (427 messages): 0.922 / 0.915 / 0.759 with the body, 0.883 / 0.764 / 0.649 without. */
const FLOORS = {
  body: { unwantedPrecision: 0.91, unwantedRecall: 0.9, sixClassAccuracy: 0.75 },
  headers: { unwantedPrecision: 0.88, unwantedRecall: 0.75, sixClassAccuracy: 0.64 },
};

const present = corpusExists();
if (!present) console.log(`model-cv: skipped, no labelled corpus at ${DEFAULT_CORPUS}`);

describe.skipIf(!present)('the learned model, cross-validated on real mail', () => {
  let corpus: Corpus;
  let rows: Rows;
  let cv: CrossValidation;
  const scratch = mkdtempSync(path.join(tmpdir(), 'model-cv-'));

  beforeAll(async () => {
    corpus = await loadNamedCorpus(shippedModelInfo().trainedOn.corpus);
    rows = featureRows(corpus.messages);
    cv = runCrossValidation(corpus, rows);
  }, 600_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('keeps each sender domain on one side of every fold, every fold holding every label', () => {
    const foldOf = new Map<string, number>();
    corpus.messages.forEach((m, i) => {
      expect(foldOf.get(m.group) ?? cv.folds[i], m.group).toBe(cv.folds[i]);
      foldOf.set(m.group, cv.folds[i]!);
    });
    for (let k = 0; k < CV_FOLDS; k++) {
      const labels = new Set(
        corpus.messages.filter((_, i) => cv.folds[i] === k).map((m) => m.label),
      );
      expect(labels.size, `fold ${k}`).toBe(6);
    }
  });

  for (const set of ['body', 'headers'] as const) {
    it(`stays above the measured floors on held-out mail (${set === 'body' ? 'with the body excerpt' : 'headers alone'})`, () => {
      const figures = figuresOf(ofShared(corpus, cv[set]));
      console.log(
        `cross-validated, ${set}: unwanted precision ${figures.unwantedPrecision.toFixed(3)}, ` +
          `recall ${figures.unwantedRecall.toFixed(3)}, 6-class ${figures.sixClassAccuracy.toFixed(3)}`,
      );
      expect(figures.messages).toBe(corpus.messages.filter((m) => m.origin === 'shared').length);
      expect(figures.unwantedPrecision).toBeGreaterThanOrEqual(FLOORS[set].unwantedPrecision);
      expect(figures.unwantedRecall).toBeGreaterThanOrEqual(FLOORS[set].unwantedRecall);
      expect(figures.sixClassAccuracy).toBeGreaterThanOrEqual(FLOORS[set].sixClassAccuracy);
    });
  }

  it('acts, at its action threshold, only with held-out unwanted precision >= 0.98', () => {
    const t = atThreshold(cv.body, cv.actionThreshold.body);
    console.log(
      `action threshold ${t.threshold}: precision ${t.precision.toFixed(3)}, recall ${t.recall.toFixed(3)}`,
    );
    expect(t.precision).toBeGreaterThanOrEqual(ACTION_PRECISION);
    // Rules act on a share of unwanted mail, not on a handful (floor under the 0.358 measured in
    // December 2026: an unwanted verdict scored by P(any unwanted class), not raised by an exclusion,
    // and a certain verdict's score vouched for by the model; 0.317 without that vouching, 0.203
    // when exclusions renormalised the score, 0.12 when scored by the top class alone).
    expect(t.recall).toBeGreaterThanOrEqual(0.34);
  });

  it('keeps 0.98 where the threshold was chosen without the mail it acts on', () => {
    // Chosen on four folds, applied to the fifth (measured: 0.986, recall 0.276).
    const unseen = thresholdOnUnseenFolds(cv.body, cv.folds, THRESHOLD_TARGET);
    console.log(
      `thresholds ${unseen.thresholds.join(', ')} on unseen folds: precision ` +
        `${unseen.precision.toFixed(3)}, recall ${unseen.recall.toFixed(3)}`,
    );
    expect(unseen.precision).toBeGreaterThanOrEqual(ACTION_PRECISION);
    expect(unseen.recall).toBeGreaterThanOrEqual(0.25);
  });

  it('writes held-out predictions that the shared scorer reads to the same figures', () => {
    const tool = path.resolve(DEFAULT_CORPUS, '..', 'tools', 'score-corpus.mjs');
    if (!existsSync(tool)) {
      console.log(`skipped: no ${tool}`);
      return;
    }
    const file = path.join(scratch, 'predictions.ndjson');
    writePredictions(file, ofShared(corpus, cv.body));
    const scored = JSON.parse(
      execFileSync(process.execPath, [tool, '--predictions', file, '--json'], { encoding: 'utf8' }),
    ) as Record<string, number>;
    const ours = figuresOf(ofShared(corpus, cv.body));
    expect(scored.missing_predictions).toBe(0);
    expect(scored.unwanted_precision).toBe(+ours.unwantedPrecision.toFixed(3));
    expect(scored.unwanted_recall).toBe(+ours.unwantedRecall.toFixed(3));
    expect(scored.six_class_accuracy).toBe(+ours.sixClassAccuracy.toFixed(3));
  });

  it('ships the model that `npm run train` makes from this corpus', () => {
    const trained = serializeModel(trainModelFile(corpus, rows, cv));
    // Compared as text: one changed weight is a changed model.
    expect(trained === readFileSync(MODEL_FILE, 'utf8'), 'run npm run train').toBe(true);
  }, 120_000);
});
