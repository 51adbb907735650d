import type { TFunction } from 'i18next';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Whole days left before a deadline; the last part of a day still counts as one; 0 once passed. */
function daysLeft(deadline: string, now: number): number {
  const left = new Date(deadline).getTime() - now;
  return left <= 0 ? 0 : Math.max(1, Math.floor(left / DAY_MS));
}

/**
 * The countdown as the user reads it: in days, but in hours under two days, where whole days
 * said "1 day left" the moment a 48-hour unsubscribe deadline started.
 */
export function countdownSentence(t: TFunction, deadline: string, now: number): string {
  const left = new Date(deadline).getTime() - now;
  if (left <= 0) return t('objections.deadlinePassed');
  if (left < 2 * DAY_MS)
    return t('objections.countdownHours', { count: Math.max(1, Math.ceil(left / HOUR_MS)) });
  return t('objections.countdown', { count: daysLeft(deadline, now) });
}
