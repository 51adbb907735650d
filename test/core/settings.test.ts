/** Preferences live in the core, so the desktop app and serve mode (on any port) share them. */
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../support/core.js';

describe('settings', () => {
  it('defaults, stores and survives a restart', async () => {
    const t = createTestCore();
    expect(await t.value('settings.get', {})).toEqual({
      language: null,
      goneRetentionDays: 30,
      sourceRetentionDays: 90,
      journalRetentionDays: 365,
    });
    expect(await t.value('settings.set', { language: 'en' })).toEqual({
      language: 'en',
      goneRetentionDays: 30,
      sourceRetentionDays: 90,
      journalRetentionDays: 365,
    });
    await t.core.close();
    const again = createTestCore({ dataDir: t.dataDir });
    expect(await again.value('settings.get', {})).toEqual({
      language: 'en',
      goneRetentionDays: 30,
      sourceRetentionDays: 90,
      journalRetentionDays: 365,
    });
    expect(await again.call('settings.set', { language: 'de' as 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await again.close();
  });
});
