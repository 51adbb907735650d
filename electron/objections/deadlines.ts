/**
 * Deadlines of an objection case, and its status.
 * - Unsubscribe (one-click, mailto): 2 days (48 h) after it was sent — the
 *   big mailbox providers' bulk-sender rules.
 * - Letter: one month (GDPR Art. 12(3)), counted as EU Regulation 1182/71
 *   counts months: the period ends at the end of the day of the last month
 *   that has the same date as the day it started, or at the end of that
 *   month when it is shorter (31 January → end of 28 or 29 February). The
 *   day is the user's, in their time zone. An extension adds two months to
 *   the deadline the same way, only when the user records it.
 */
import type { CaseStatus, ObjectionChannel } from './types.js';

const UNSUBSCRIBE_MS = 2 * 24 * 60 * 60 * 1000;

interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

function localDate(instant: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The last millisecond of a local day, as an instant. */
function endOfLocalDay(d: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(d.year, d.month - 1, d.day, 23, 59, 59, 999);
  let instant = wall - offsetAt(wall, timeZone);
  // Once more at the instant found: the offset may differ across a DST change.
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

function addMonths(d: LocalDate, months: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(d.day, lastDay) };
}

/** The end of the period of `months` months that starts on the local day of `start`. */
export function monthsLater(start: string, months: number, timeZone: string): string {
  return endOfLocalDay(
    addMonths(localDate(new Date(start), timeZone), months),
    timeZone,
  ).toISOString();
}

export function deadlineFor(
  channel: ObjectionChannel,
  sentAt: string,
  timeZone: string,
): string | null {
  switch (channel) {
    case 'one-click':
    case 'mailto':
      return new Date(new Date(sentAt).getTime() + UNSUBSCRIBE_MS).toISOString();
    case 'letter':
      return monthsLater(sentAt, 1, timeZone);
    case 'abuse-report':
    case 'signal-spam':
      // Reports to third parties give the advertiser no deadline.
      return null;
  }
}

/** The two-month extension of Art. 12(3), from the one-month deadline. */
export function extendedDeadline(deadline: string, timeZone: string): string {
  return monthsLater(deadline, 2, timeZone);
}

/** The case's deadline: the earliest of its successful requests' deadlines. */
export function caseDeadline(
  sent: ReadonlyArray<{ channel: ObjectionChannel; sentAt: string }>,
  timeZone: string,
): string | null {
  const deadlines = sent
    .map((r) => deadlineFor(r.channel, r.sentAt, timeZone))
    .filter((d): d is string => d !== null)
    .sort();
  return deadlines[0] ?? null;
}

export function caseStatus(c: {
  closed: boolean;
  violations: number;
  replies: number;
  deadline: string | null;
  now: Date;
}): CaseStatus {
  if (c.closed) return 'closed';
  if (c.violations > 0) return 'violated';
  if (c.replies > 0) return 'answered';
  if (c.deadline !== null && c.now.getTime() > new Date(c.deadline).getTime()) return 'overdue';
  return 'waiting';
}
