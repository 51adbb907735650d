/**
 * The figures from predictions: unwanted precision and recall
 * (marketing, cold prospecting and spam together), 6-class accuracy, the
 * confusion table, and precision at an action threshold on the score.
 */
import { MODEL_CLASSES } from '../electron/detect/model/scorer.js';

const UNWANTED: ReadonlySet<string> = new Set(['newsletter', 'cold_prospecting', 'spam']);

export function isUnwanted(verdict: string): boolean {
  return UNWANTED.has(verdict);
}

export interface Prediction {
  file: string;
  label: string;
  verdict: string;
  score: number;
  /** The platform named by the rules (not learned), as the CLI prints it. */
  router?: string | null;
}

export interface Figures {
  messages: number;
  unwantedPrecision: number;
  unwantedRecall: number;
  sixClassAccuracy: number;
  confusion: Record<string, Record<string, number>>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function figuresOf(predictions: readonly Prediction[]): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const p of predictions) {
    const want = isUnwanted(p.label);
    const got = isUnwanted(p.verdict);
    if (want && got) tp++;
    else if (got) fp++;
    else if (want) fn++;
    if (p.label === p.verdict) exact++;
    const row = (confusion[p.label] ??= {});
    row[p.verdict] = (row[p.verdict] ?? 0) + 1;
  }
  return {
    messages: predictions.length,
    unwantedPrecision: ratio(tp, tp + fp),
    unwantedRecall: ratio(tp, tp + fn),
    sixClassAccuracy: ratio(exact, predictions.length),
    confusion,
  };
}

export interface ThresholdFigures {
  threshold: number;
  /** Of the messages given an unwanted verdict with a score at or above the threshold. */
  precision: number;
  /** Share of the unwanted messages given an unwanted verdict at or above the threshold. */
  recall: number;
  acted: number;
}

export function atThreshold(
  predictions: readonly Prediction[],
  threshold: number,
): ThresholdFigures {
  let tp = 0;
  let acted = 0;
  let unwanted = 0;
  for (const p of predictions) {
    if (isUnwanted(p.label)) unwanted++;
    if (!isUnwanted(p.verdict) || p.score < threshold) continue;
    acted++;
    if (isUnwanted(p.label)) tp++;
  }
  return { threshold, precision: ratio(tp, acted), recall: ratio(tp, unwanted), acted };
}

/**
 * The lowest threshold (in steps of 0.01) from which precision stays at or
 * above `target` for every higher threshold that still acts on something.
 */
export function chooseThreshold(predictions: readonly Prediction[], target: number): number {
  let chosen = 1;
  for (let t = 100; t >= 0; t--) {
    const figures = atThreshold(predictions, t / 100);
    if (figures.acted > 0 && figures.precision < target) break;
    chosen = t / 100;
  }
  return chosen;
}

/**
 * The action threshold as unseen mail meets it: chosen on four folds' held-out predictions,
 * applied to the fifth, summed over the five. Choosing and measuring on the same predictions
 * flatters the threshold; this does not.
 */
export function thresholdOnUnseenFolds(
  predictions: readonly Prediction[],
  folds: readonly number[],
  target: number,
): ThresholdFigures & { thresholds: number[] } {
  const foldCount = Math.max(...folds) + 1;
  let tp = 0;
  let acted = 0;
  const thresholds: number[] = [];
  for (let k = 0; k < foldCount; k++) {
    const threshold = chooseThreshold(
      predictions.filter((_, i) => folds[i] !== k),
      target,
    );
    thresholds.push(threshold);
    predictions.forEach((p, i) => {
      if (folds[i] !== k || !isUnwanted(p.verdict) || p.score < threshold) return;
      acted++;
      if (isUnwanted(p.label)) tp++;
    });
  }
  const unwanted = predictions.filter((p) => isUnwanted(p.label)).length;
  return {
    threshold: Math.min(...thresholds),
    thresholds,
    precision: ratio(tp, acted),
    recall: ratio(tp, unwanted),
    acted,
  };
}

export function formatFigures(title: string, f: Figures): string {
  const lines = [`${title}: ${f.messages} messages`];
  for (const label of MODEL_CLASSES) {
    const row = f.confusion[label];
    if (!row) continue;
    const cells = Object.entries(row)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([v, n]) => `${v}=${n}`);
    lines.push(`  ${label.padEnd(17)} ${cells.join(', ')}`);
  }
  lines.push(
    `unwanted precision ${f.unwantedPrecision.toFixed(3)}  recall ${f.unwantedRecall.toFixed(3)}  ` +
      `6-class ${f.sixClassAccuracy.toFixed(3)}`,
  );
  return lines.join('\n');
}
