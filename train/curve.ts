/**
 * The learning curve (`npm run train -- --cv --curve`): the same folds, each
 * fold's model trained on a quarter, a half, three quarters and all of the
 * labelled mail it may learn from (the same share of each class, three draws
 * per share), scored on the shared corpus's held-out messages. It tells how
 * much the figures move per doubling of labelled mail, so how much more of
 * it a goal would need.
 */
import { MODEL_CLASSES } from '../electron/detect/model/scorer.js';
import { ofShared, type Corpus } from './corpus.js';
import { crossValidate, type Classifier, type CrossValidation } from './cv.js';
import { stratifiedShare } from './folds.js';
import { figuresOf, type Figures } from './metrics.js';
import { DEFAULT_TRAIN_OPTIONS, type Rows } from './train-model.js';

export const CURVE_SHARES = [0.25, 0.5, 0.75] as const;
export const CURVE_DRAWS = 3;

export interface CurvePoint {
  share: number;
  /** Messages the folds could learn from at this share (before each fold holds its fifth out). */
  labelled: number;
  /** One per draw (one for the whole corpus). */
  figures: Figures[];
}

/** `whole`: the cross-validation on all of the labelled mail, already run (the last point). */
export function learningCurve(
  corpus: Corpus,
  rows: Rows,
  classify: Classifier,
  whole: CrossValidation,
): CurvePoint[] {
  const points: CurvePoint[] = CURVE_SHARES.map((share) => {
    const figures: Figures[] = [];
    let labelled = 0;
    for (let draw = 1; draw <= CURVE_DRAWS; draw++) {
      const trainable = stratifiedShare(corpus.messages, share, MODEL_CLASSES.length, draw);
      labelled += trainable.filter(Boolean).length;
      const cv = crossValidate(corpus.messages, rows, DEFAULT_TRAIN_OPTIONS, classify, trainable);
      figures.push(figuresOf(ofShared(corpus, cv.body)));
    }
    return { share, labelled: Math.round(labelled / CURVE_DRAWS), figures };
  });
  points.push({
    share: 1,
    labelled: corpus.messages.length,
    figures: [figuresOf(ofShared(corpus, whole.body))],
  });
  return points;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function figure(point: CurvePoint, pick: (f: Figures) => number): string {
  const values = point.figures.map(pick);
  const m = mean(values).toFixed(3);
  if (values.length === 1) return m;
  return `${m} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
}

export function formatCurve(points: readonly CurvePoint[]): string {
  const picks: Array<[string, (f: Figures) => number]> = [
    ['unwanted precision', (f) => f.unwantedPrecision],
    ['recall', (f) => f.unwantedRecall],
    ['6-class', (f) => f.sixClassAccuracy],
  ];
  const lines = [
    `learning curve: the shared corpus's held-out messages, each fold trained on a share of the ` +
      `labelled mail (the same share of each class; mean of ${CURVE_DRAWS} draws, range in brackets)`,
  ];
  for (const p of points)
    lines.push(
      `  ${String(p.share * 100).padStart(3)} % (${p.labelled} labelled): ` +
        picks.map(([name, pick]) => `${name} ${figure(p, pick)}`).join(', '),
    );
  // Two doublings separate the quarter from the whole.
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const gains = picks.map(([name, pick]) => {
    const gain = (mean(last.figures.map(pick)) - mean(first.figures.map(pick))) / 2;
    return `${name} ${gain >= 0 ? '+' : ''}${gain.toFixed(3)}`;
  });
  lines.push(`  per doubling of labelled mail (a quarter to all): ${gains.join(', ')}`);
  return lines.join('\n');
}
