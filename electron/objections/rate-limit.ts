/**
 * A sliding-window limiter: at most `limit` acquisitions in any `windowMs`.
 * The clock and the wait are injected so a test can drive time by hand.
 */
export interface RateLimiter {
  /** Resolves once a slot is free, and takes it. */
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(o: RateLimiterOptions): RateLimiter {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const taken: number[] = [];
  return {
    async acquire() {
      for (;;) {
        const at = now();
        while (taken.length && at - taken[0]! >= o.windowMs) taken.shift();
        if (taken.length < o.limit) {
          taken.push(at);
          return;
        }
        await sleep(o.windowMs - (at - taken[0]!));
      }
    },
  };
}
