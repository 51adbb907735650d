/** The one-click limiter: ten a minute, the eleventh waits for the first to leave the window. */
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../electron/objections/rate-limit.js';

describe('one-click rate limiter', () => {
  it('lets 10 through in a minute and holds the 11th until the window moves on', async () => {
    let clock = 1_000_000;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      limit: 10,
      windowMs: 60_000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const grantedAt: number[] = [];
    for (let i = 0; i < 10; i++) {
      await limiter.acquire();
      grantedAt.push(clock);
      clock += 1_000;
    }
    expect(waits).toEqual([]);
    // 11th at t0+10 s: the first slot (t0) frees at t0+60 s.
    await limiter.acquire();
    grantedAt.push(clock);
    expect(waits).toEqual([50_000]);
    expect(grantedAt[10]! - grantedAt[0]!).toBe(60_000);
    // Any 60 s window holds at most 10 grants.
    for (const start of grantedAt)
      expect(grantedAt.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(
        10,
      );
  });
});
