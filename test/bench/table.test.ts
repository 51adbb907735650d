/**
 * The bench table's "ok?" column reads each row's goal as the issues write
 * it: a ratio to the baseline or a bound on the value, with thousands
 * separators and the ≤ sign.
 */
import { describe, expect, it } from 'vitest';
import { meetsGoal } from '../../bench/table.js';
import type { BenchRow } from '../../bench/rows.js';

const row = (goal: string, value: number, ratio: number | null = null): BenchRow => ({
  name: 'row',
  value,
  unit: 'ms',
  baseline: ratio === null ? null : 'base',
  baselineValue: ratio === null ? null : 1,
  ratio,
  goal,
});

describe('a bench goal', () => {
  it('bounds the value, thousands included', () => {
    expect(meetsGoal(row('< 1,000', 136))).toBe(true);
    expect(meetsGoal(row('< 1,000', 1200))).toBe(false);
    expect(meetsGoal(row('< 100 per folder', 37.6))).toBe(true);
    expect(meetsGoal(row('>= 30000', 23814))).toBe(false);
    expect(meetsGoal(row('≤ 5', 0))).toBe(true);
  });

  it('bounds the ratio to the baseline when it says so', () => {
    expect(meetsGoal(row('ratio <= 1.5', 2856, 1.81))).toBe(false);
    expect(meetsGoal(row('<= 1.0x', 1712, 0.95))).toBe(true);
    expect(meetsGoal(row('<= 1.0x', 1712, 1.39))).toBe(false);
  });

  it('has no opinion on a row without a goal', () => {
    expect(meetsGoal(row('no goal set', 5355))).toBeUndefined();
    expect(meetsGoal(row('-', 1))).toBeUndefined();
  });
});
