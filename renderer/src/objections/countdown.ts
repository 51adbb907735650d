const DAY_MS = 86_400_000;

/** Whole days left before a deadline; the last part of a day still counts as one; 0 once passed. */
export function daysLeft(deadline: string, now: number): number {
  const left = new Date(deadline).getTime() - now;
  return left <= 0 ? 0 : Math.max(1, Math.floor(left / DAY_MS));
}
