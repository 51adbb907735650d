/**
 * Messages stored during a sync wait here for detection, classified a slice
 * at a time once the sync pauses its writes: the scan's batches are stored
 * first, so the list of messages is complete at the server's pace, and the
 * verdicts follow. Whole batches classified between two inserts held a first
 * sync to detection's pace, about twice as long to list every message. A
 * long sync still gets a slice classified every MAX_WAIT_MS.
 *
 * Newest first: a scan stores a folder oldest first (UID order), and the list
 * the user looks at shows the newest mail on top; its verdicts came last, long
 * after a large first sync's list was complete. A message queued twice (its
 * excerpt came later) is then classified with its excerpt first, and skipped
 * when its first entry comes.
 *
 * Handed over (`classify` answers a promise): the writer's detection thread
 * does the work and the writer only saves it, two slices at a time (one worked
 * on while the other's result is saved). They still wait for the sync to
 * pause: while it runs, the sync, the writer and the server keep both cores
 * busy, and the thread's work slowed the scan as much as it sped detection.
 */

export interface DetectionQueue {
  /** `again`: messages that have a verdict, scored again (their excerpt came after it). */
  add(ids: readonly number[], again: boolean): void;
  /** A sync wrote: detection waits until writes pause for QUIET_MS. */
  busy(): void;
  /** Resolves once every message queued so far is classified (at once when none is). */
  drained(): Promise<void>;
  /** Classifies nothing more (the thread is closing; detection at the next start finds them). */
  stop(): void;
}

/**
 * A few tens of milliseconds of classification, the longest a request waits behind detection;
 * smaller slices cost a large first sync more in transactions than they saved.
 */
const SLICE = 500;
/** Writes this far apart are one sync going on. */
const QUIET_MS = 30;
/** The longest detection waits for a sync to pause before it classifies a slice anyway. */
const MAX_WAIT_MS = 2000;
/** Slices handed over at once: the detection thread works on one while the writer saves another. */
const HANDED_OVER = 2;

/**
 * `onError`: a slice the store failed on (a write refused, the disk full). Its messages keep no
 * verdict, for the next pass to take; the queue goes on with the others, and whoever waits for
 * it is answered, where an exception thrown out of the thread's loop would stop the writer.
 */
export function createDetectionQueue(
  classify: (ids: number[], again: boolean) => void | Promise<unknown>,
  onError: (ids: readonly number[], err: unknown) => void,
): DetectionQueue {
  const entries: Array<{ ids: number[]; again: boolean }> = [];
  let handedOver = 0;
  let waiters: Array<() => void> = [];
  let scheduled = false;
  let stopped = false;
  let lastWrite = 0;
  let lastSlice = Date.now();

  function schedule(delay = 0): void {
    if (scheduled || stopped) return;
    scheduled = true;
    if (delay > 0) setTimeout(turn, delay);
    else setImmediate(turn);
  }

  function turn(): void {
    scheduled = false;
    // Full hands: the slice that comes back schedules the next.
    if (stopped || handedOver >= HANDED_OVER) return;
    const now = Date.now();
    if (now - lastWrite < QUIET_MS && now - lastSlice < MAX_WAIT_MS) {
      schedule(QUIET_MS - (now - lastWrite));
      return;
    }
    lastSlice = now;
    const newest = entries[entries.length - 1];
    if (newest) {
      const ids = newest.ids.splice(Math.max(0, newest.ids.length - SLICE));
      if (newest.ids.length === 0) entries.pop();
      try {
        const work = classify(ids, newest.again);
        if (work) {
          handedOver++;
          void work
            .catch((err: unknown) => onError(ids, err))
            .finally(() => {
              handedOver--;
              settle();
            });
        }
      } catch (err) {
        onError(ids, err);
      }
    }
    settle();
  }

  /** Another slice when there is room for one; the waiters once nothing is left or in hand. */
  function settle(): void {
    if (entries.length > 0) {
      if (handedOver < HANDED_OVER) schedule();
    } else if (handedOver === 0) for (const resolve of waiters.splice(0)) resolve();
  }

  return {
    add(ids, again) {
      if (ids.length === 0 || stopped) return;
      if (entries.length === 0) lastSlice = Date.now();
      entries.push({ ids: [...ids], again });
      schedule();
    },
    busy() {
      lastWrite = Date.now();
    },
    drained: () =>
      (entries.length === 0 && handedOver === 0) || stopped
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push(resolve)),
    stop() {
      stopped = true;
      entries.length = 0;
      for (const resolve of waiters.splice(0)) resolve();
      waiters = [];
    },
  };
}
