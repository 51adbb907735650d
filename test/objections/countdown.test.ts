/** The case's countdown: hours under two days (a 48-hour unsubscribe), whole days beyond. */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { countdownSentence } from '../../renderer/src/objections/countdown.js';
import { fr } from '../../renderer/src/i18n/fr.js';
import { frenchTypography } from '../../renderer/src/i18n/typography.js';

const HOUR = 3_600_000;

describe('countdown', () => {
  it('reads in hours under two days, in days beyond, and says when the deadline passed', async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'fr', resources: { fr: { translation: frenchTypography(fr) } } });
    const now = Date.UTC(2026, 11, 6, 10, 0);
    const at = (hours: number) => new Date(now + hours * HOUR).toISOString();
    const say = (hours: number) => countdownSentence(i18n.t, at(hours), now).replace(/\s/g, ' ');
    // Just after an unsubscribe: not "1 day left".
    expect(say(48 - 0.01)).toBe('Délai : encore 48 heures');
    expect(say(0.5)).toBe('Délai : encore 1 heure');
    expect(say(30.5 * 24)).toBe('Délai : encore 30 jours');
    expect(say(-1)).toMatch(/pass|dépass|écoul/i);
  });
});
