/**
 * What comes next on a case, and from when: a letter whose month (or its
 * recorded extension) passed unanswered may be followed up by a reminder; two
 * weeks after the reminder went out, or as soon as marketing came after the
 * deadline, the complaint (the evidence bundle). Unsubscribes alone have no
 * reminder: what follows them is caught as violations.
 */
import { deadlineFor } from './deadlines.js';
import type { ObjectionCase, SentRequest } from './types.js';

/** A reminder gives the company two more weeks before the complaint. */
export const REMINDER_DAYS = 14;
const DAY_MS = 86_400_000;

export interface NextStep {
  step: 'reminder' | 'complaint';
  /** ISO 8601: the first instant the step may be taken (it may be in the future). */
  from: string;
}

const afterInstant = (iso: string, ms: number) =>
  new Date(new Date(iso).getTime() + ms).toISOString();

/** The first letter that went out (not a reminder), if any. */
export function firstLetter(c: ObjectionCase): SentRequest | null {
  return (
    c.requests.find((r) => r.channel === 'letter' && r.state === 'done' && r.followUpOf === null) ??
    null
  );
}

/** The reminder of the case that went out or may have (a failed one may be sent again). */
export function reminderOf(c: ObjectionCase): SentRequest | null {
  return c.requests.find((r) => r.followUpOf !== null && r.state !== 'failed') ?? null;
}

export function nextStep(c: ObjectionCase, timeZone: string): NextStep | null {
  if (c.status === 'closed' || c.status === 'answered') return null;
  if (c.status === 'violated') {
    const first = [...c.violations].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0]!;
    return { step: 'complaint', from: first.receivedAt };
  }
  const letter = firstLetter(c);
  if (!letter) return null;
  const reminder = reminderOf(c);
  if (reminder)
    return { step: 'complaint', from: afterInstant(reminder.sentAt, REMINDER_DAYS * DAY_MS) };
  // The deadline is the last instant of its day: the reminder may go from the next one.
  const deadline = c.extendedDeadline ?? deadlineFor('letter', letter.sentAt, timeZone)!;
  return { step: 'reminder', from: afterInstant(deadline, 1) };
}

/** Whether the step may be taken at `now`. */
export const isDue = (s: NextStep | null, now: Date): boolean =>
  s !== null && now.getTime() >= new Date(s.from).getTime();
