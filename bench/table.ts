/** Prints the benchmark's rows as a table and judges each against its goal. */
import type { BenchRow } from './rows.js';

/** A row that could not be measured in this run: shown, never written to the results. */
export interface MissingRow {
  name: string;
  unit: string;
  goal: string;
  reason: string;
}

/**
 * true/false for a goal this code understands ("ratio <= 1.5", "< 100 per
 * folder", "< 1,000", "≤ 5", "<= 1.0x"), undefined for an informative row without a goal.
 */
export function meetsGoal(row: BenchRow): boolean | undefined {
  const m = /^\s*(ratio\s*)?(<=|<|>=|>|≤|≥)\s*(-?\d[\d,]*(?:\.\d+)?)\s*([x×])?/.exec(row.goal);
  if (!m) return undefined;
  // "ratio <= 1.5" and "<= 1.0x" bound the ratio to the baseline; the others the value.
  const subject = m[1] || m[4] ? row.ratio : row.value;
  if (subject === null || !Number.isFinite(subject)) return false;
  // "< 1,000" is a thousand, not one.
  const limit = Number(m[3]!.replace(/,/g, ''));
  switch (m[2]) {
    case '<=':
    case '≤':
      return subject <= limit;
    case '<':
      return subject < limit;
    case '>=':
    case '≥':
      return subject >= limit;
    default:
      return subject > limit;
  }
}

export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function formatTable(rows: BenchRow[], missing: MissingRow[] = []): string {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'goal', 'ok?'];
  const lines: string[][] = rows.map((r) => {
    const ok = meetsGoal(r);
    return [
      r.name,
      formatNumber(r.value),
      r.unit,
      r.baseline === null ? '-' : `${r.baseline} (${formatNumber(r.baselineValue ?? NaN)})`,
      r.ratio === null ? '-' : formatNumber(r.ratio),
      r.goal,
      ok === undefined ? '-' : ok ? 'yes' : 'NO',
    ];
  });
  for (const m of missing) {
    lines.push([m.name, 'n/a', m.unit, '-', '-', m.goal, `not available: ${m.reason}`]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([1, 4]);
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join(
    '\n',
  );
}
