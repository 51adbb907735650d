/**
 * How a run cuts a step's UIDs into server commands: every UID once, in order, runs written
 * as ranges, and no command line a server would refuse however scattered the UIDs are.
 */
import { describe, expect, it } from 'vitest';
import { UID_SET_CHARS, uidBatches, uidSet } from '../../electron/mail-actions/index.js';

describe('UID sets and batches', () => {
  it('writes runs as ranges, sorted, each UID once', () => {
    expect(uidSet([5, 1, 2, 3, 9, 10, 3, 12])).toBe('1:3,5,9:10,12');
    expect(uidSet([7])).toBe('7');
    expect(uidSet(Array.from({ length: 10_000 }, (_, i) => i + 1))).toBe('1:10000');
  });

  it('keeps 10,000 contiguous UIDs in one command and cuts at the batch size', () => {
    const uids = Array.from({ length: 25_000 }, (_, i) => i + 101);
    const batches = uidBatches(uids, 10_000);
    expect(batches.map((b) => b.length)).toEqual([10_000, 10_000, 5_000]);
    expect(batches.flat()).toEqual(uids);
  });

  it('cuts scattered UIDs so that no set is longer than a server accepts', () => {
    // Every other UID, six digits: no ranges at all.
    const uids = Array.from({ length: 10_000 }, (_, i) => 100_001 + 2 * i);
    const batches = uidBatches(uids, 10_000);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(uidSet(b).length).toBeLessThanOrEqual(UID_SET_CHARS);
    expect(batches.flat()).toEqual(uids);
  });
});
