/**
 * The writer's detection queue: while a sync keeps writing, its messages wait
 * (the scan's batches are stored first); once writes pause, they are
 * classified in slices, newest first; a long sync still gets a
 * slice now and then; nothing is classified twice or skipped. The clock is
 * vitest's: the test asserts what was classified at each step, not how long
 * anything took.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDetectionQueue } from '../../electron/writer/detection-queue.js';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
/** Ids 1..count in the queue's order: slices of 500 from the newest (each in ascending order). */
const newestFirst = (count: number) =>
  Array.from({ length: Math.ceil(count / 500) }, (_, k) => {
    const end = count - k * 500;
    const start = Math.max(1, end - 499);
    return range(start, end - start + 1);
  }).flat();

describe('the detection queue', () => {
  let classified: Array<{ ids: number[]; again: boolean }>;
  let failed: number[][];
  const queue = (failOn?: number) =>
    createDetectionQueue(
      (ids, again) => {
        if (failOn !== undefined && ids.includes(failOn)) throw new Error('disk full');
        classified.push({ ids: [...ids], again });
      },
      (ids) => void failed.push([...ids]),
    );
  const all = () => classified.flatMap((c) => c.ids);

  beforeEach(() => {
    vi.useFakeTimers();
    classified = [];
    failed = [];
  });
  afterEach(() => vi.useRealTimers());

  it('waits while a sync writes, then classifies everything once, newest first', async () => {
    const q = queue();
    // A scan: a batch stored every 10 ms.
    for (let batch = 0; batch < 20; batch++) {
      q.busy();
      q.add(range(batch * 500 + 1, 500), false);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(all()).toEqual([]);
    const done = q.drained();
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(all()).toEqual(newestFirst(10_000));
    // In slices: a request arriving meanwhile never waits for the whole backlog.
    expect(classified.length).toBeGreaterThan(10);
  });

  it('classifies a slice now and then during a long sync', async () => {
    const q = queue();
    q.add(range(1, 5000), false);
    for (let i = 0; i < 500; i++) {
      q.busy();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(all().length).toBeGreaterThan(0);
    expect(all().length).toBeLessThan(5000);
    expect(all()).toEqual(newestFirst(5000).slice(0, all().length));
  });

  it('keeps whether messages are scored again', async () => {
    const q = queue();
    q.add([1, 2], false);
    q.add([1, 3], true);
    const done = q.drained();
    await vi.runAllTimersAsync();
    await done;
    // The later entry (with excerpts) first: message 1 gets its excerpt's verdict at once.
    expect(classified).toEqual([
      { ids: [1, 3], again: true },
      { ids: [1, 2], again: false },
    ]);
  });

  it('reports a slice the store failed on and goes on with the others', async () => {
    const q = queue(700);
    q.add(range(1, 1500), false);
    const done = q.drained();
    await vi.runAllTimersAsync();
    await done;
    expect(failed).toEqual([range(501, 500)]);
    expect(all()).toEqual([...range(1001, 500), ...range(1, 500)]);
  });

  it('answers drained at once when nothing waits, and stops classifying when stopped', async () => {
    const q = queue();
    await q.drained();
    q.busy();
    q.add(range(1, 1000), false);
    const done = q.drained();
    q.stop();
    await done;
    await vi.runAllTimersAsync();
    expect(all()).toEqual([]);
  });
});
