/** Dates as the store keeps them: the RFC 5322 pattern agrees with Date.parse. */
import { describe, expect, it } from 'vitest';
import { parseMessageDate } from '../../electron/mail-format/index.js';

let seed = 7;
const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;

/** The previous reading of a Date header: Date.parse once a trailing comment is cut. */
function reference(value: string): string | null {
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

describe('store dates', () => {
  it('reads RFC 5322 Date headers as Date.parse does', () => {
    for (let i = 0; i < 5_000; i++) {
      const d = new Date(Math.round(random() * 2e12));
      const offset = Math.round(random() * 26 - 12) * 60 + (random() < 0.1 ? 30 : 0);
      const sign = offset < 0 ? '-' : '+';
      const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
      const value =
        `${random() < 0.8 ? `${DAYS[d.getUTCDay()]}, ` : ''}${d.getUTCDate()} ` +
        `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:` +
        `${two(d.getUTCMinutes())}${random() < 0.9 ? `:${two(d.getUTCSeconds())}` : ''} ${zone}` +
        (random() < 0.3 ? ' (CET)' : '');
      expect(parseMessageDate(value), value).toBe(reference(value));
    }
  });

  it('leaves other forms to Date.parse, and refuses what is not a date', () => {
    for (const value of [
      'Mon, 2 Mar 26 10:00:00 GMT',
      'Mon, 2 Mar 2026 10:00:00 EST',
      '2026-03-02T10:00:00Z',
      'Tue, 31 Feb 2026 10:00:00 +0100',
      'Mon,  2 MAR 2026 10:00 -0000',
    ])
      expect(parseMessageDate(value), value).toBe(reference(value));
    expect(parseMessageDate('not a date')).toBeNull();
    expect(parseMessageDate('')).toBeNull();
    expect(parseMessageDate(undefined)).toBeNull();
  });
});
