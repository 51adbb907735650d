/**
 * The learning curve's parts (train/curve.ts): the shares of labelled mail it
 * trains on, and the gain per doubling it reports. The curve itself runs ten
 * cross-validations (`npm run train -- --cv --curve`), too long for the suite.
 */
import { describe, expect, it } from 'vitest';
import { formatCurve, type CurvePoint } from '../../train/curve.js';
import { stratifiedShare, type Foldable } from '../../train/folds.js';
import type { Figures } from '../../train/metrics.js';

/** 60 of class 0, 30 of class 1, 2 of class 2. */
const items: Foldable[] = [
  ...Array.from({ length: 60 }, (_, i) => ({ group: `a${i}`, classIndex: 0 })),
  ...Array.from({ length: 30 }, (_, i) => ({ group: `b${i}`, classIndex: 1 })),
  ...Array.from({ length: 2 }, (_, i) => ({ group: `c${i}`, classIndex: 2 })),
];

const countOf = (keep: boolean[], classIndex: number) =>
  keep.filter((k, i) => k && items[i]!.classIndex === classIndex).length;

describe('a share of the labelled mail', () => {
  it('keeps the same share of each class, and one at least of a rare class', () => {
    const keep = stratifiedShare(items, 0.25, 3, 1);
    expect([countOf(keep, 0), countOf(keep, 1), countOf(keep, 2)]).toEqual([15, 8, 1]);
  });

  it('is the same for a seed and another for another seed', () => {
    expect(stratifiedShare(items, 0.5, 3, 2)).toEqual(stratifiedShare(items, 0.5, 3, 2));
    expect(stratifiedShare(items, 0.5, 3, 3)).not.toEqual(stratifiedShare(items, 0.5, 3, 2));
  });
});

const figures = (precision: number, recall: number, sixClass: number): Figures => ({
  messages: 100,
  unwantedPrecision: precision,
  unwantedRecall: recall,
  sixClassAccuracy: sixClass,
  confusion: {},
});

describe('the curve as printed', () => {
  it('gives each share its mean and range, and the gain per doubling from a quarter to all', () => {
    const points: CurvePoint[] = [
      { share: 0.25, labelled: 250, figures: [figures(0.88, 0.9, 0.7), figures(0.9, 0.9, 0.72)] },
      { share: 0.5, labelled: 500, figures: [figures(0.91, 0.92, 0.76)] },
      { share: 1, labelled: 1000, figures: [figures(0.93, 0.94, 0.81)] },
    ];
    const text = formatCurve(points);
    expect(text).toContain(' 25 % (250 labelled): unwanted precision 0.890 (0.880–0.900)');
    expect(text).toContain('100 % (1000 labelled): unwanted precision 0.930, recall 0.940');
    expect(text).toContain('precision +0.020, recall +0.020, 6-class +0.050');
  });
});
