/**
 * Every screen, in French and in English, checked by axe-core (no serious or
 * critical violation) and, in French, for typography (no-break spaces before
 * « : ; ? ! », typographic apostrophes): the welcome page, the account form,
 * the import screen, the demo inbox with a message, the identities, an
 * account's settings, the triage and the dashboard. Screenshots kept.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] screens skipped: ${chromiumMissing}`);
const TEST_TIMEOUT = 120_000;

const app = useAppSessions(Boolean(chromiumMissing));

const LABELS = {
  'fr-FR': {
    welcome: 'Bienvenue dans Inbox Guard',
    addMailbox: 'Ajouter une boîte mail',
    formTitle: 'Ajouter une boîte mail',
    cancel: 'Annuler',
    importAction: 'Importer une boîte (.mbox ou dossier .eml)',
    importTitle: 'Importer une boîte mail',
    openDemo: /Ouvrir la boîte de démonstration/,
    identities: 'Identités',
    identitiesTitle: 'Vos identités',
    settingsOf: 'Réglages de Démo — Camille Martin',
    triage: 'Tri',
    triageTitle: 'Tri du courrier non sollicité',
    dashboard: 'Tableau de bord',
    topAdvertisers: 'Annonceurs les plus présents',
  },
  'en-US': {
    welcome: 'Welcome to Inbox Guard',
    addMailbox: 'Add a mailbox',
    formTitle: 'Add a mailbox',
    cancel: 'Cancel',
    importAction: 'Import a mailbox (.mbox or .eml folder)',
    importTitle: 'Import a mailbox',
    openDemo: /Open the demo mailbox/,
    identities: 'Identities',
    identitiesTitle: 'Your identities',
    settingsOf: 'Settings of Demo — Camille Martin',
    triage: 'Triage',
    triageTitle: 'Triage of unsolicited mail',
    dashboard: 'Dashboard',
    topAdvertisers: 'Most frequent advertisers',
  },
} as const;

describe.skipIf(Boolean(chromiumMissing))('Every screen: accessibility and typography', () => {
  for (const locale of ['fr-FR', 'en-US'] as const) {
    it(
      `passes axe-core${locale === 'fr-FR' ? ' and French typography' : ''} (${locale})`,
      async () => {
        const L = LABELS[locale];
        const { page } = await app.openApp(locale);
        const check = async (screen: string) => {
          if (locale === 'fr-FR') await expectFrenchTypography(page);
          await expectNoSeriousAxeViolations(page, `${screen} (${locale})`);
          await saveScreenshot(page, `60-screen-${screen}-${locale}`);
        };
        await page.getByRole('heading', { name: L.welcome }).waitFor();
        await check('welcome');

        await page.getByRole('button', { name: L.addMailbox }).click();
        await page.getByRole('heading', { name: L.formTitle }).waitFor();
        await check('account-form');
        await page.getByRole('button', { name: L.cancel, exact: true }).click();

        await page.getByRole('button', { name: L.importAction }).click();
        await page.getByRole('heading', { name: L.importTitle }).waitFor();
        await check('import');
        await page.reload();

        await page.getByRole('button', { name: L.openDemo }).click();
        await openFirstMessage(page);
        await check('inbox-message');

        await page.getByRole('button', { name: L.identities, exact: true }).click();
        await page.getByRole('heading', { name: L.identitiesTitle, level: 1 }).waitFor();
        await check('identities');

        await page.getByRole('button', { name: L.settingsOf }).click();
        await page.getByRole('heading', { name: L.settingsOf }).waitFor();
        await check('settings');

        await page.getByRole('button', { name: L.triage, exact: true }).click();
        await page.getByRole('heading', { name: L.triageTitle }).waitFor();
        await page.locator('.triage-row-group').first().waitFor();
        await check('triage');
        const unsolicited = Number(
          /^\d+/.exec(await page.locator('.triage-header > p.muted').innerText())![0],
        );

        // The dashboard: the weeks count all unsolicited mail received, the triage only what is
        // left to deal with (not in Trash or Junk); the top advertiser leads.
        await page.getByRole('button', { name: L.dashboard, exact: true }).click();
        await page.getByRole('heading', { name: L.dashboard, level: 1 }).waitFor();
        await page.locator('.dashboard-chart .recharts-bar-rectangle').first().waitFor();
        const weekCounts = await page
          .locator('.dashboard-table tbody td:nth-child(2)')
          .allTextContents();
        expect(weekCounts.reduce((sum, n) => sum + Number(n), 0)).toBeGreaterThanOrEqual(
          unsolicited,
        );
        const tops = page.getByRole('region', { name: L.topAdvertisers }).getByRole('listitem');
        expect(await tops.count()).toBe(5);
        await check('dashboard');
      },
      TEST_TIMEOUT,
    );
  }
});

async function openFirstMessage(page: Page) {
  const row = page.locator('.message-row').first();
  await row.waitFor();
  await row.click();
  await page.locator('#message-subject').waitFor();
  await page.locator('.message-body .mail-frame, .message-body .message-text').first().waitFor();
}
