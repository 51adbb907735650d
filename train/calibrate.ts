/**
 * Temperature scaling (one number dividing the logits before the softmax),
 * fitted on cross-validation's held-out logits by minimising their negative
 * log-likelihood: the probabilities then mean what they say on unseen mail.
 */
import { softmax } from '../electron/detect/model/scorer.js';

export interface HeldOut {
  logits: readonly number[];
  classIndex: number;
}

function negativeLogLikelihood(items: readonly HeldOut[], temperature: number): number {
  let sum = 0;
  for (const item of items) {
    const p = softmax(item.logits, temperature)[item.classIndex]!;
    sum -= Math.log(Math.max(p, 1e-12));
  }
  return sum / items.length;
}

/** Golden-section search of the temperature in [0.05, 20] (log scale), to 3 decimals. */
export function fitTemperature(items: readonly HeldOut[]): number {
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (negativeLogLikelihood(items, Math.exp(a)) <= negativeLogLikelihood(items, Math.exp(b)))
      hi = b;
    else lo = a;
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
}
