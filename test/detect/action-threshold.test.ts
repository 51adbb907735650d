/**
 * The action threshold's figures: chosen on the held-out predictions (what
 * the app ships), and chosen on all folds but one then applied to that one
 * (what mail the threshold never saw may expect).
 */
import { describe, expect, it } from 'vitest';
import {
  atThreshold,
  chooseThreshold,
  thresholdOnUnseenFolds,
  type Prediction,
} from '../../train/metrics.js';

function prediction(label: string, verdict: string, score: number): Prediction {
  return { file: `${label}-${score}`, label, verdict, score };
}

// Fold 0: a transactional message read as a newsletter at 0.95, among sure promotions.
// Fold 1: promotions at 0.95 and above, and a receipt read as spam at 0.80.
const predictions = [
  prediction('newsletter', 'newsletter', 0.99),
  prediction('newsletter', 'newsletter', 0.97),
  prediction('transactional', 'newsletter', 0.95),
  prediction('spam', 'spam', 0.99),
  prediction('spam', 'spam', 0.95),
  prediction('transactional', 'spam', 0.8),
  prediction('newsletter', 'personal', 0.6),
];
const folds = [0, 0, 0, 1, 1, 1, 1];

describe('the action threshold', () => {
  it('is the lowest score from which precision stays at the target', () => {
    expect(chooseThreshold(predictions, 0.98)).toBe(0.96);
    const pooled = atThreshold(predictions, 0.96);
    expect(pooled).toMatchObject({ precision: 1, acted: 3 });
    expect(pooled.recall).toBeCloseTo(3 / 5);
  });

  it('measured on the fold it was not chosen on, pays for what the other folds never showed', () => {
    const unseen = thresholdOnUnseenFolds(predictions, folds, 0.98);
    // Fold 1's predictions put the threshold at 0.81: fold 0's mistake at 0.95 is acted on.
    // Fold 0's put it at 0.96: fold 1's promotion at 0.95 is not.
    expect(unseen.thresholds).toEqual([0.81, 0.96]);
    expect(unseen.acted).toBe(4);
    expect(unseen.precision).toBeCloseTo(3 / 4);
    expect(unseen.recall).toBeCloseTo(3 / 5);
  });
});
