/** Dates as the UI writes them out (identities' leaks, evidence, deadlines), in both languages. */
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../renderer/src/format.js';

describe('a day written out', () => {
  it('is an ordinal on the first of the month in French, a plain number otherwise', () => {
    expect(formatDay('2026-10-01T15:00:03.000Z', 'fr')).toBe('1er octobre 2026');
    expect(formatDay('2026-09-10T05:45:02.000Z', 'fr')).toBe('10 septembre 2026');
    expect(formatDay('2026-11-21T12:00:00.000Z', 'fr-FR')).toBe('21 novembre 2026');
    expect(formatDay('2026-10-01T15:00:03.000Z', 'en')).toBe('October 1, 2026');
  });
});
