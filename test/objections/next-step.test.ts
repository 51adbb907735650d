/**
 * What a case offers next, and from when: the reminder the day after a
 * letter's month (or its recorded extension), never after unsubscribes alone
 * nor before the letter's own month even when an unsubscribe's 48 hours made
 * the case overdue; the complaint two weeks after the reminder, or as soon as
 * marketing came after the deadline; nothing once answered or closed.
 */
import { describe, expect, it } from 'vitest';
import { isDue, nextStep } from '../../electron/objections/next-step.js';
import type { ObjectionCase, SentRequest } from '../../electron/objections/types.js';

const request = (o: Partial<SentRequest>): SentRequest => ({
  id: 1,
  journalEntryId: 1,
  channel: 'letter',
  sentAt: '2026-10-03T09:00:00Z',
  to: 'dpo@brand.fr',
  raw: Buffer.from(''),
  rawSha256: '',
  language: 'fr',
  referenceToken: 'IG-AAAAAAAA',
  followUpOf: null,
  state: 'done',
  proof: null,
  error: null,
  ...o,
});

const aCase = (o: Partial<ObjectionCase>): ObjectionCase => ({
  id: 1,
  advertiser: {
    domain: 'brand.fr',
    name: 'Brand',
    router: null,
    routerAccountId: null,
    privacyContact: null,
  },
  identity: { accountId: 'a', address: 'alice@exemple.fr' },
  openedAt: '2026-10-03T09:00:00Z',
  triggerMessageIds: [1],
  deadline: null,
  extendedDeadline: null,
  status: 'overdue',
  requests: [request({})],
  replies: [],
  violations: [],
  ...o,
});

const PARIS = 'Europe/Paris';

describe('the next step of a case', () => {
  it('offers the reminder from the day after the letter’s month, in the user’s time zone', () => {
    // Letter on 3 October: the month ends at the end of 3 November in Paris.
    const step = nextStep(aCase({}), PARIS);
    expect(step).toEqual({ step: 'reminder', from: '2026-11-03T23:00:00.000Z' });
    expect(isDue(step, new Date('2026-11-03T22:59:00Z'))).toBe(false);
    expect(isDue(step, new Date('2026-11-03T23:00:00Z'))).toBe(true);
  });

  it('waits for the letter’s month even when an unsubscribe’s 48 hours have passed', () => {
    const c = aCase({
      requests: [
        request({ id: 1, channel: 'one-click', to: 'https://u.brand.fr/1' }),
        request({ id: 2 }),
      ],
    });
    expect(nextStep(c, PARIS)).toEqual({ step: 'reminder', from: '2026-11-03T23:00:00.000Z' });
  });

  it('follows the recorded two-month extension', () => {
    const c = aCase({ extendedDeadline: '2027-01-03T22:59:59.999Z' });
    expect(nextStep(c, PARIS)?.from).toBe('2027-01-03T23:00:00.000Z');
  });

  it('offers the complaint two weeks after the reminder, even if its outcome is unknown', () => {
    const reminder = request({ id: 2, sentAt: '2026-11-10T08:00:00Z', followUpOf: 1 });
    expect(nextStep(aCase({ requests: [request({}), reminder] }), PARIS)).toEqual({
      step: 'complaint',
      from: '2026-11-24T08:00:00.000Z',
    });
    const unknown = { ...reminder, state: 'unknown' as const };
    expect(nextStep(aCase({ requests: [request({}), unknown] }), PARIS)?.step).toBe('complaint');
    // A reminder that certainly failed may be written again.
    const failed = { ...reminder, state: 'failed' as const };
    expect(nextStep(aCase({ requests: [request({}), failed] }), PARIS)?.step).toBe('reminder');
  });

  it('offers the complaint from the first violation, and nothing once answered or closed', () => {
    const violation = (receivedAt: string) => ({
      messageId: 9,
      receivedAt,
      raw: Buffer.from(''),
      rawSha256: '',
      dkim: {
        result: 'pass',
        domain: null,
        selector: null,
        checkedAt: receivedAt,
        keyRecord: null,
      },
    });
    const violated = aCase({
      status: 'violated',
      violations: [violation('2026-11-20T10:00:00Z'), violation('2026-11-08T10:00:00Z')],
    });
    expect(nextStep(violated, PARIS)).toEqual({ step: 'complaint', from: '2026-11-08T10:00:00Z' });
    expect(nextStep(aCase({ status: 'answered' }), PARIS)).toBeNull();
    expect(nextStep(aCase({ status: 'closed' }), PARIS)).toBeNull();
  });

  it('offers no reminder after unsubscribes alone, nor for a letter that was not sent', () => {
    const unsubscribed = aCase({ requests: [request({ channel: 'mailto', to: 'u@brand.fr' })] });
    expect(nextStep(unsubscribed, PARIS)).toBeNull();
    expect(nextStep(aCase({ requests: [request({ state: 'failed' })] }), PARIS)).toBeNull();
  });
});
