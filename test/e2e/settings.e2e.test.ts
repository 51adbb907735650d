/**
 * Issue 16, the Settings screen from the UI alone: the language, the
 * mailboxes, the data folder, how long the app keeps its own data (what the
 * core answers afterwards), the Signal Spam account (the page learns only
 * that one is saved; the password never comes back), and "About" with the
 * version and the licences generated from the lock file. French, then English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shippedLicences } from '../../build/licences.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import {
  callServeApi,
  chromiumUnavailableReason,
  REPO_ROOT,
  saveScreenshot,
} from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] settings skipped: ${chromiumMissing}`);
const app = useAppSessions(Boolean(chromiumMissing));

const L = {
  'fr-FR': {
    openDemo: 'Ouvrir la boîte de démonstration',
    nav: 'Réglages',
    gone: 'Messages qui ont quitté le serveur, conservés (jours)',
    sources: 'Sources complètes des messages, conservées (jours)',
    journal: 'Journal des actions terminées, conservé (jours)',
    history: 'Historique des règles (jours)',
    save: 'Enregistrer',
    saved: 'Réglages enregistrés.',
    none: 'Aucun compte Signal Spam enregistré.',
    configured: 'Un compte Signal Spam est enregistré.',
    user: 'Identifiant Signal Spam',
    password: 'Mot de passe Signal Spam',
    saveAccount: 'Enregistrer le compte',
    accountSaved: 'Compte Signal Spam enregistré.',
    forget: 'Oublier ce compte',
    licences: (n: number) =>
      `Licences des ${new Intl.NumberFormat('fr-FR').format(n)} bibliothèques utilisées`,
    version: 'Inbox Guard, version 0.1.0',
    mailboxSettings: 'Réglages de la boîte Démo — Camille Martin',
    accountHeading: 'Réglages de Démo — Camille Martin',
    language: 'fr',
    system: 'Celle du système (Français)',
    own: 'Français',
    other: { radio: 'English', code: 'en', title: 'Settings', system: 'The system’s (Français)' },
  },
  'en-US': {
    openDemo: 'Open the demo mailbox',
    nav: 'Settings',
    gone: 'Messages that left the server, kept for (days)',
    sources: 'Full message sources, kept for (days)',
    journal: 'Journal of ended actions, kept for (days)',
    history: 'Rules history (days)',
    save: 'Save',
    saved: 'Settings saved.',
    none: 'No Signal Spam account saved.',
    configured: 'A Signal Spam account is saved.',
    user: 'Signal Spam user name',
    password: 'Signal Spam password',
    saveAccount: 'Save the account',
    accountSaved: 'Signal Spam account saved.',
    forget: 'Forget this account',
    licences: (n: number) => `Licences of the ${n} libraries used`,
    version: 'Inbox Guard, version 0.1.0',
    mailboxSettings: 'Mailbox settings Demo — Camille Martin',
    accountHeading: 'Settings of Demo — Camille Martin',
    language: 'en',
    system: 'The system’s (English)',
    own: 'English',
    other: {
      radio: 'Français',
      code: 'fr',
      title: 'Réglages',
      system: 'Celle du système (English)',
    },
  },
} as const;

describe.skipIf(Boolean(chromiumMissing))('Settings screen (serve mode)', () => {
  for (const locale of ['fr-FR', 'en-US'] as const)
    it(`keeps the user's choices in the core and shows no secret (${locale})`, async () => {
      const l = L[locale];
      const { serve, page } = await app.openApp(locale);
      await page.getByRole('button', { name: l.openDemo }).click();
      await page.getByRole('button', { name: l.nav, exact: true }).click();
      const screen = page.locator('.app-settings');
      await screen.getByRole('heading', { name: l.nav, level: 1 }).waitFor();

      // The data folder is the one the core runs on.
      expect(await page.getByTestId('data-dir').innerText()).toBe(serve.dataDir);
      await page.getByTestId('signal-spam-status').filter({ hasText: l.none }).waitFor();
      await check(page, locale, 'settings');
      await saveScreenshot(page, `80-settings-${l.language}`);

      // Retention: saved in the core, where the rules and the sync's clean-up read it.
      await screen.getByLabel(l.gone).fill('45');
      await screen.getByLabel(l.sources).fill('14');
      await screen.getByLabel(l.journal).fill('180');
      await screen.getByLabel(l.history).fill('60');
      await screen.locator('.retention-form').getByRole('button', { name: l.save }).click();
      await screen.getByRole('status').filter({ hasText: l.saved }).waitFor();
      expect(await callServeApi(serve, 'settings.get')).toMatchObject({
        ok: true,
        value: { goneRetentionDays: 45, sourceRetentionDays: 14, journalRetentionDays: 180 },
      });
      expect(await callServeApi(serve, 'rules.getSettings')).toEqual({
        ok: true,
        value: { historyDays: 60, defaultMinConfidence: expect.any(Number) },
      });

      // Signal Spam: saved, the fields emptied, and nothing of it in the page or its answers.
      const secret = `mot-de-passe-${locale}`;
      await screen.getByLabel(l.user).fill('camille.martin');
      await screen.getByLabel(l.password).fill(secret);
      await screen.getByRole('button', { name: l.saveAccount }).click();
      await screen.getByRole('status').filter({ hasText: l.accountSaved }).waitFor();
      await page.getByTestId('signal-spam-status').filter({ hasText: l.configured }).waitFor();
      expect(await screen.getByLabel(l.password).inputValue()).toBe('');
      expect(await screen.getByLabel(l.user).inputValue()).toBe('');
      expect(await page.content()).not.toContain(secret);
      expect(await callServeApi(serve, 'objections.signalSpamAccount')).toEqual({
        ok: true,
        value: { configured: true },
      });
      const log = readFileSync(path.join(serve.dataDir, 'logs', 'inbox-guard.log'), 'utf8');
      expect(log).not.toContain(secret);
      // Forgotten on request, then saved again for the rest of the visit.
      await screen.getByRole('button', { name: l.forget }).click();
      await page.getByTestId('signal-spam-status').filter({ hasText: l.none }).waitFor();
      expect(await callServeApi(serve, 'objections.signalSpamAccount')).toEqual({
        ok: true,
        value: { configured: false },
      });
      await screen.getByLabel(l.user).fill('camille.martin');
      await screen.getByLabel(l.password).fill(secret);
      await screen.getByRole('button', { name: l.saveAccount }).click();
      await page.getByTestId('signal-spam-status').filter({ hasText: l.configured }).waitFor();

      // About: the version, and one row per shipped library, from the lock file.
      const expected = shippedLicences(REPO_ROOT);
      await screen.getByText(l.version).waitFor();
      await screen.getByText(l.licences(expected.length)).click();
      const rows = screen.locator('.licences tbody tr');
      expect(await rows.count()).toBe(expected.length);
      const react = rows.filter({ has: page.locator('td', { hasText: /^react$/ }) });
      expect(await react.locator('td').allInnerTexts()).toEqual([
        'react',
        expected.find((d) => d.name === 'react')!.version,
        'MIT',
      ]);
      await screen.getByText(l.version).scrollIntoViewIfNeeded();
      await check(page, locale, 'settings, about');
      await saveScreenshot(page, `81-settings-about-${l.language}`);

      // Language: the system's by default, one for good, then the system's again (no choice kept).
      const language = async () =>
        ((await callServeApi(serve, 'settings.get')) as { value: { language: string | null } })
          .value.language;
      expect(await screen.getByRole('radio', { name: l.system }).isChecked()).toBe(true);
      expect(await language()).toBeNull();
      await screen.getByRole('radio', { name: l.other.radio, exact: true }).check();
      await screen.getByRole('heading', { name: l.other.title, level: 1 }).waitFor();
      await expect.poll(language).toBe(l.other.code);
      await screen.getByRole('radio', { name: l.other.system }).check();
      await screen.getByRole('heading', { name: l.nav, level: 1 }).waitFor();
      await expect.poll(language).toBeNull();
      expect(await page.locator('html').getAttribute('lang')).toBe(l.language);
      // The sidebar's switch is a choice for good too: the settings show it.
      const sidebarSwitch = page.locator('.sidebar-footer .language-switch');
      await sidebarSwitch.getByRole('button', { name: l.other.radio }).click();
      await screen.getByRole('heading', { name: l.other.title, level: 1 }).waitFor();
      expect(
        await screen.getByRole('radio', { name: l.other.radio, exact: true }).isChecked(),
      ).toBe(true);
      await sidebarSwitch.getByRole('button', { name: l.own }).click();
      await screen.getByRole('heading', { name: l.nav, level: 1 }).waitFor();
      expect(await screen.getByRole('radio', { name: l.own, exact: true }).isChecked()).toBe(true);
      await expect.poll(language).toBe(l.language);

      // A mailbox's own settings are one click away.
      await screen.getByRole('button', { name: l.mailboxSettings }).click();
      await page.getByRole('heading', { name: l.accountHeading }).waitFor();
    }, 60_000);
});

async function check(page: Page, locale: 'fr-FR' | 'en-US', screen: string) {
  if (locale === 'fr-FR') await expectFrenchTypography(page);
  await expectNoSeriousAxeViolations(page, `${screen} (${locale})`);
}
