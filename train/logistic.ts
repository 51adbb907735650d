/**
 * Multinomial logistic regression with L2, fitted by L-BFGS on sparse rows
 * (binary, or each row's features scaled by `valueOf`). Full batch, fixed
 * iteration order, no randomness: the same data gives the same weights, bit
 * for bit.
 */

export interface TrainingSet {
  /** Active feature indices of each row. */
  rows: ReadonlyArray<readonly number[]>;
  /** Class index of each row. */
  labels: readonly number[];
  /** Weight of each row in the loss. */
  sampleWeights: readonly number[];
  featureCount: number;
  classCount: number;
  /** The value of each active feature of a row (1 without it). */
  valueOf?: (row: readonly number[]) => (feature: number) => number;
}

export interface FitOptions {
  /** L2 strength on each feature's weights (the biases are not penalised). */
  l2: (feature: number) => number;
  maxIterations: number;
}

export interface FittedWeights {
  /** By feature then class (feature * classCount + class), as the scorer reads them. */
  weights: Float64Array;
  bias: Float64Array;
  iterations: number;
  loss: number;
}

const one = () => 1;

/** Mean weighted cross-entropy plus the L2 term, and its gradient into `grad`. */
function lossAndGradient(
  set: TrainingSet,
  theta: Float64Array,
  grad: Float64Array,
  penalty: Float64Array,
): number {
  const C = set.classCount;
  const biasAt = set.featureCount * C;
  grad.fill(0);
  let totalWeight = 0;
  for (const s of set.sampleWeights) totalWeight += s;
  let loss = 0;
  const z = new Float64Array(C);
  for (let i = 0; i < set.rows.length; i++) {
    const row = set.rows[i]!;
    for (let c = 0; c < C; c++) z[c] = theta[biasAt + c]!;
    const value = set.valueOf?.(row) ?? one;
    for (const j of row) {
      const v = value(j);
      for (let c = 0; c < C; c++) z[c]! += v * theta[j * C + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(z[c]! - max);
    const logSum = max + Math.log(sum);
    const y = set.labels[i]!;
    const s = set.sampleWeights[i]! / totalWeight;
    loss += s * (logSum - z[y]!);
    for (let c = 0; c < C; c++) {
      const delta = s * (Math.exp(z[c]! - logSum) - (c === y ? 1 : 0));
      grad[biasAt + c]! += delta;
      for (const j of row) grad[j * C + c]! += delta * value(j);
    }
  }
  for (let k = 0; k < biasAt; k++) {
    const l2 = penalty[(k / C) | 0]!;
    loss += 0.5 * l2 * theta[k]! * theta[k]!;
    grad[k]! += l2 * theta[k]!;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

const MEMORY = 10;

/** L-BFGS with a backtracking (Armijo) line search. */
export function fitLogistic(set: TrainingSet, options: FitOptions): FittedWeights {
  const n = set.featureCount * set.classCount + set.classCount;
  const penalty = Float64Array.from({ length: set.featureCount }, (_, j) => options.l2(j));
  let theta = new Float64Array(n);
  let grad = new Float64Array(n);
  let loss = lossAndGradient(set, theta, grad, penalty);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  let iteration = 0;
  for (; iteration < options.maxIterations; iteration++) {
    const direction = searchDirection(grad, steps, changes, rhos);
    const slope = dot(direction, grad);
    if (slope >= 0) break; // not a descent direction: converged to rounding
    let step = iteration === 0 ? 1 / Math.sqrt(dot(grad, grad)) : 1;
    const next = new Float64Array(n);
    const nextGrad = new Float64Array(n);
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let k = 0; k < n; k++) next[k] = theta[k]! + step * direction[k]!;
      nextLoss = lossAndGradient(set, next, nextGrad, penalty);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextLoss < loss)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      s[k] = next[k]! - theta[k]!;
      y[k] = nextGrad[k]! - grad[k]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      steps.push(s);
      changes.push(y);
      rhos.push(1 / sy);
      if (steps.length > MEMORY) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
    }
    const improvement = loss - nextLoss;
    theta = next;
    grad = nextGrad;
    loss = nextLoss;
    if (improvement < 1e-10 * Math.max(1, Math.abs(loss))) break;
  }
  const weightCount = set.featureCount * set.classCount;
  return {
    weights: theta.slice(0, weightCount),
    bias: theta.slice(weightCount),
    iterations: iteration,
    loss,
  };
}

/** The two-loop recursion: minus the inverse Hessian estimate times the gradient. */
function searchDirection(
  grad: Float64Array,
  steps: Float64Array[],
  changes: Float64Array[],
  rhos: number[],
): Float64Array {
  const q = Float64Array.from(grad);
  const alphas: number[] = [];
  for (let m = steps.length - 1; m >= 0; m--) {
    const alpha = rhos[m]! * dot(steps[m]!, q);
    alphas[m] = alpha;
    const y = changes[m]!;
    for (let k = 0; k < q.length; k++) q[k]! -= alpha * y[k]!;
  }
  const last = steps.length - 1;
  if (last >= 0) {
    const gamma = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
    for (let k = 0; k < q.length; k++) q[k]! *= gamma;
  }
  for (let m = 0; m < steps.length; m++) {
    const beta = rhos[m]! * dot(changes[m]!, q);
    const s = steps[m]!;
    for (let k = 0; k < q.length; k++) q[k]! += (alphas[m]! - beta) * s[k]!;
  }
  for (let k = 0; k < q.length; k++) q[k] = -q[k]!;
  return q;
}
