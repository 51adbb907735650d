/**
 * Stratified, grouped k-fold assignment: every message of a group (a
 * sender's domain) goes to the same fold, and folds get about the same share
 * of each label. Groups are placed largest first, ties broken by a seeded
 * shuffle, each into the fold where the label counts stay closest to even.
 */

export interface Foldable {
  group: string;
  classIndex: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same folds. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold number of each item (0..k-1). */
export function groupedStratifiedFolds(
  items: readonly Foldable[],
  k: number,
  classCount: number,
  seed: number,
): number[] {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const members = groups.get(item.group) ?? [];
    members.push(i);
    groups.set(item.group, members);
  });
  const random = seededRandom(seed);
  const order = [...groups.keys()].sort().map((name) => ({ name, tie: random() }));
  order.sort((a, b) => groups.get(b.name)!.length - groups.get(a.name)!.length || a.tie - b.tie);
  const totals = new Array<number>(classCount).fill(0);
  for (const item of items) totals[item.classIndex]!++;
  const counts = Array.from({ length: k }, () => new Array<number>(classCount).fill(0));
  const sizes = new Array<number>(k).fill(0);
  const fold = new Array<number>(items.length).fill(0);
  for (const { name } of order) {
    const members = groups.get(name)!;
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < k; f++) {
      const cost = placementCost(counts, totals, members, items, f) + sizes[f]! * 1e-6;
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    for (const i of members) {
      fold[i] = best;
      counts[best]![items[i]!.classIndex]!++;
    }
    sizes[best]! += members.length;
  }
  return fold;
}

/** Squared distance of every fold's label shares from the even share, after placing members in f. */
function placementCost(
  counts: number[][],
  totals: number[],
  members: readonly number[],
  items: readonly Foldable[],
  f: number,
): number {
  const added = new Array<number>(totals.length).fill(0);
  for (const i of members) added[items[i]!.classIndex]!++;
  let cost = 0;
  for (let g = 0; g < counts.length; g++)
    for (let c = 0; c < totals.length; c++) {
      if (totals[c] === 0) continue;
      const share = (counts[g]![c]! + (g === f ? added[c]! : 0)) / totals[c]!;
      cost += (share - 1 / counts.length) ** 2;
    }
  return cost;
}

/**
 * A seeded share of the items, the same share of each class (rounded, at least one of a class
 * present): what a smaller labelled corpus of the same mix would hold (the learning curve).
 */
export function stratifiedShare(
  items: readonly Foldable[],
  share: number,
  classCount: number,
  seed: number,
): boolean[] {
  const random = seededRandom(seed);
  const keep = new Array<boolean>(items.length).fill(false);
  for (let c = 0; c < classCount; c++) {
    const members = items.flatMap((item, i) => (item.classIndex === c ? [i] : []));
    if (members.length === 0) continue;
    const order = members.map((i) => ({ i, tie: random() })).sort((a, b) => a.tie - b.tie);
    const wanted = Math.max(1, Math.round(members.length * share));
    for (const { i } of order.slice(0, wanted)) keep[i] = true;
  }
  return keep;
}
