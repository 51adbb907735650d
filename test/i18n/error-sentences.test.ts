/**
 * An error reaches the user as a sentence that fits the screen: CONFLICT means "this mailbox is
 * set up already" when adding an account, and "already sent" when objecting a second time.
 */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/i18n/errors.js';
import { en } from '../../renderer/src/i18n/en.js';
import { fr } from '../../renderer/src/i18n/fr.js';

async function translator(lng: 'fr' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { fr: { translation: fr }, en: { translation: en } } });
  return i18n.t;
}

const conflict = { code: 'CONFLICT' as const, message: 'A letter request was already sent.' };

describe('error sentences', () => {
  it('says what CONFLICT means on the screen that got it, in French and English', async () => {
    for (const lng of ['fr', 'en'] as const) {
      const t = await translator(lng);
      const sent = t('objectionBatch.alreadySent');
      expect(describeError(t, conflict, { conflict: sent })).toBe(sent);
      // Without a meaning of its own, the account screen's sentence.
      expect(describeError(t, conflict)).toBe(t('errors.CONFLICT'));
      expect(sent).not.toBe(t('errors.CONFLICT'));
    }
  });
});
