/** One figure of `npm run bench`, as written to bench-results.json. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared to, measured in the same run (null when the goal is absolute). */
  baseline: string | null;
  baselineValue: number | null;
  ratio: number | null;
  goal: string;
}
