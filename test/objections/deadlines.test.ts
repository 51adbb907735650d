/**
 * Deadline arithmetic: one month as EU law counts it (same date next month,
 * or that month's last day), in the user's time zone; 48 hours after an
 * unsubscribe; the two-month extension; and the status a case shows.
 */
import { describe, expect, it } from 'vitest';
import {
  caseDeadline,
  caseStatus,
  deadlineFor,
  extendedDeadline,
  monthsLater,
} from '../../electron/objections/deadlines.js';

describe('objection deadlines', () => {
  it('ends a one-month period at the end of the same date next month, Paris time', () => {
    // 15 March 10:00 in Paris (UTC+1) → end of 15 April in Paris (UTC+2, summer time).
    expect(deadlineFor('letter', '2026-03-15T09:00:00Z', 'Europe/Paris')).toBe(
      '2026-04-15T21:59:59.999Z',
    );
  });

  it('ends at the last day of a shorter month, leap years included', () => {
    expect(monthsLater('2026-01-31T12:00:00Z', 1, 'UTC')).toBe('2026-02-28T23:59:59.999Z');
    expect(monthsLater('2028-01-31T12:00:00Z', 1, 'UTC')).toBe('2028-02-29T23:59:59.999Z');
    expect(monthsLater('2026-03-31T12:00:00Z', 1, 'UTC')).toBe('2026-04-30T23:59:59.999Z');
    expect(monthsLater('2026-12-15T12:00:00Z', 1, 'UTC')).toBe('2027-01-15T23:59:59.999Z');
  });

  it('counts from the day in the user’s time zone, not in UTC', () => {
    // 31 January 23:30 UTC is already 1 February in Paris: the period ends on 1 March there.
    expect(monthsLater('2026-01-31T23:30:00Z', 1, 'Europe/Paris')).toBe('2026-03-01T22:59:59.999Z');
    expect(monthsLater('2026-01-31T23:30:00Z', 1, 'UTC')).toBe('2026-02-28T23:59:59.999Z');
    // 1 February 03:00 UTC is still 31 January in New York: end of 28 February there.
    expect(monthsLater('2026-02-01T03:00:00Z', 1, 'America/New_York')).toBe(
      '2026-03-01T04:59:59.999Z',
    );
  });

  it('gives an unsubscribe 48 hours, and reports no deadline', () => {
    expect(deadlineFor('one-click', '2026-02-27T10:00:00Z', 'Europe/Paris')).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    expect(deadlineFor('mailto', '2028-02-28T10:00:00Z', 'UTC')).toBe('2028-03-01T10:00:00.000Z');
    expect(deadlineFor('abuse-report', '2026-02-27T10:00:00Z', 'UTC')).toBeNull();
    expect(deadlineFor('signal-spam', '2026-02-27T10:00:00Z', 'UTC')).toBeNull();
  });

  it('extends a letter’s deadline by two months from the first one', () => {
    const first = deadlineFor('letter', '2026-11-30T08:00:00Z', 'Europe/Paris')!;
    expect(first).toBe('2026-12-30T22:59:59.999Z');
    // 30 December + 2 months → 28 February (no 30 February).
    expect(extendedDeadline(first, 'Europe/Paris')).toBe('2027-02-28T22:59:59.999Z');
  });

  it('takes the earliest deadline of a case’s requests', () => {
    const sent = [
      { channel: 'letter' as const, sentAt: '2026-05-01T08:00:00Z' },
      { channel: 'one-click' as const, sentAt: '2026-05-01T08:00:00Z' },
    ];
    expect(caseDeadline(sent, 'UTC')).toBe('2026-05-03T08:00:00.000Z');
    expect(caseDeadline([], 'UTC')).toBeNull();
  });

  it('shows waiting, overdue, answered, violated and closed', () => {
    const base = { closed: false, violations: 0, replies: 0, deadline: '2026-05-03T08:00:00Z' };
    expect(caseStatus({ ...base, now: new Date('2026-05-02T00:00:00Z') })).toBe('waiting');
    expect(caseStatus({ ...base, now: new Date('2026-05-04T00:00:00Z') })).toBe('overdue');
    expect(caseStatus({ ...base, replies: 1, now: new Date('2026-05-04T00:00:00Z') })).toBe(
      'answered',
    );
    expect(caseStatus({ ...base, violations: 1, replies: 1, now: new Date() })).toBe('violated');
    expect(caseStatus({ ...base, closed: true, violations: 1, now: new Date() })).toBe('closed');
  });
});
