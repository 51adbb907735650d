/**
 * Detection in the UI, end to end: the demo mailbox in Debian's Chromium over
 * the real serve mode. Verdict badges and filters in the list, the "Why?"
 * panel of a message, a correction that changes the verdict, and the
 * identities matrix with a leaked address. Screenshots go to
 * test-artifacts/screenshots/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] skipped: ${chromiumMissing}`);

const TEST_TIMEOUT = 90_000;
const NBSP = '\u00A0';
const NNBSP = '\u202F';

const app = useAppSessions(Boolean(chromiumMissing));
const { openApp } = app;

/** The row whose subject is exactly this. */
function rowWithSubject(page: Page, subject: string) {
  return page.locator('.message-row', {
    has: page.locator('.subject', { hasText: new RegExp(`^${escape(subject)}$`) }),
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.skipIf(Boolean(chromiumMissing))('Detection in the UI (serve mode)', () => {
  it(
    'shows verdicts, filters them, explains one, takes a correction and shows identities',
    async () => {
      const { page } = await openApp('fr-FR');
      await page.getByRole('button', { name: /Ouvrir la boîte de démonstration/ }).click();
      const list = page.getByRole('listbox', { name: /Messages de Boîte de réception/ });
      const rows = list.getByRole('option');
      await rows.first().waitFor();

      // Every row has its verdict; unsolicited mail is marked.
      await expect
        .poll(() => page.locator('.message-row .verdict-badge[data-verdict]').count())
        .toBe(await rows.count());
      const verdicts = new Set(
        await page
          .locator('.message-row .verdict-badge')
          .evaluateAll((badges) => badges.map((b) => b.getAttribute('data-verdict'))),
      );
      for (const v of ['newsletter', 'cold_prospecting', 'transactional', 'personal']) {
        expect(verdicts).toContain(v);
      }
      expect(await page.locator('.message-row.unsolicited').count()).toBeGreaterThan(0);
      // Personal mail is never marked unsolicited.
      expect(await page.locator('.message-row.unsolicited[data-verdict="personal"]').count()).toBe(
        0,
      );
      const newsletterRow = rowWithSubject(page, 'Au menu de votre panier cette semaine 🥕');
      expect(await newsletterRow.locator('.row-origin').innerText()).toBe(
        'paniersdeleonie.fr · Brevo (Sendinblue)',
      );
      expect(await newsletterRow.locator('.verdict-badge').innerText()).toBe('Newsletter');
      await expectFrenchTypography(page);
      await saveScreenshot(page, '30-verdicts-fr');

      // The filter asks the core for one verdict.
      const filters = page.getByRole('group', { name: 'Afficher' });
      const pager = page.locator('.pager-range');
      const allText = await pager.innerText();
      await filters.getByRole('button', { name: 'Prospection', exact: true }).click();
      await expect.poll(() => pager.innerText()).not.toBe(allText);
      const prospectingCount = await rows.count();
      expect(prospectingCount).toBeGreaterThan(2);
      expect(await page.locator('.message-row[data-verdict="cold_prospecting"]').count()).toBe(
        prospectingCount,
      );
      expect(await pager.innerText()).toBe(`1–${prospectingCount} sur ${prospectingCount}`);
      await saveScreenshot(page, '31-filter-prospecting-fr');

      // Why? The verdict with its certainty, the signals in French, the router, the legal hints.
      const subject = 'Atelier Durand x Projetrack';
      await rowWithSubject(page, subject).click();
      const why = page.getByRole('region', { name: `Pourquoi${NNBSP}?` });
      await why.waitFor();
      await expect
        .poll(() => why.locator('.why-verdict').innerText())
        .toMatch(/^Prospection\s+Prospection à froid — certitude 0,\d\d$/);
      const signals = await why.locator('.signal-list').first().locator('li').allInnerTexts();
      expect(signals.length).toBeGreaterThan(2);
      expect(signals.join('\n')).toMatch(/jamais écrit à ce domaine/);
      // French typography in the core's sentences too: typographic apostrophes.
      expect(signals.join('\n')).not.toMatch(/\p{L}'\p{L}/u);
      // lemlist rides the sender's own Google mailbox: only its tracking pixel shows it,
      // which weighs for prospecting but names no router (nothing a forger could not write).
      await why.getByText('pixel de suivi de lemlist', { exact: false }).first().waitFor();
      await why.getByText('projetrack.fr', { exact: false }).first().waitFor();
      await why
        .getByRole('heading', { name: 'Indices juridiques (pas un avis juridique)' })
        .waitFor();
      expect(await why.locator('.legal-box li').count()).toBeGreaterThan(0);
      await why.getByText('camille.martin@atelier-durand.fr', { exact: true }).waitFor();
      await expectFrenchTypography(page);
      await saveScreenshot(page, '32-why-prospecting-fr');

      // The user wants this sender: detection runs again and the verdict changes.
      await why.getByRole('radio', { name: /^cette adresse/ }).check();
      await why.getByRole('button', { name: 'Je veux ces messages' }).click();
      const noted = why.getByRole('status');
      await noted.waitFor({ timeout: 15_000 });
      const newVerdict = /Nouveau verdict\u00A0: (.+)\.$/.exec(await noted.innerText())?.[1];
      expect(newVerdict).toBeDefined();
      expect(newVerdict).not.toBe('Prospection à froid');
      expect(await why.locator('.why-verdict').innerText()).toContain(newVerdict);
      expect(await why.locator('.why-unsolicited').count()).toBe(0);
      // Under the "Prospection" filter, the sender's messages are gone from the list.
      await expect.poll(() => rowWithSubject(page, subject).count()).toBe(0);
      await filters.getByRole('button', { name: 'Tous', exact: true }).click();
      const corrected = rowWithSubject(page, subject);
      await corrected.waitFor();
      expect(await corrected.locator('.verdict-badge').getAttribute('data-verdict')).not.toBe(
        'cold_prospecting',
      );
      expect(await corrected.getAttribute('class')).not.toContain('unsolicited');
      await corrected.scrollIntoViewIfNeeded();
      await expectFrenchTypography(page);
      await saveScreenshot(page, '33-corrected-fr');

      // Identities: the 2×2 matrix, a leaked private address, a link to the message.
      await page.getByRole('button', { name: 'Identités' }).click();
      await page.getByRole('heading', { name: 'Vos identités', level: 1 }).waitFor();
      const personalPrivate = page.getByRole('cell', { name: 'Personnelle et Privée' });
      const gmail = personalPrivate.getByRole('article', { name: 'camille.martin@gmail.com' });
      await gmail.waitFor();
      await page
        .getByRole('cell', { name: 'Professionnelle et Privée' })
        .getByRole('article', { name: 'camille.martin@atelier-durand.fr' })
        .waitFor();
      // The first unsolicited newsletter to reach it names the leak: which one is detection's
      // call (it reads every imported body), but never Le Panier de Léonie, whose first mail to
      // camille was a receipt: a shop she bought from.
      const leak = new RegExp(
        `^Adresse divulguée${NBSP}: reçue d’abord de ([a-z0-9.-]+) via .+ le .+${NBSP}2026`,
      ).exec(await gmail.getByRole('alert').innerText());
      expect(leak).not.toBeNull();
      const leakedTo = leak![1]!;
      expect(leakedTo).not.toBe('paniersdeleonie.fr');
      await expectFrenchTypography(page);
      await saveScreenshot(page, '34-identities-fr');

      // "See this message" opens the message that leaked it.
      await gmail.getByRole('button', { name: 'Voir ce message' }).click();
      await page.locator('#message-subject').waitFor();
      expect(await page.locator('.message-fields dd').first().innerText()).toContain(
        `@${leakedTo}`,
      );
      await saveScreenshot(page, '35-leak-message-fr');

      // The gmail address was published: it moves to "public", and is no longer a leak.
      await page.getByRole('button', { name: 'Identités' }).click();
      await gmail.getByLabel('Visibilité').selectOption('public');
      const gmailPublic = page
        .getByRole('cell', { name: 'Personnelle et Publique' })
        .getByRole('article', { name: 'camille.martin@gmail.com' });
      await gmailPublic.waitFor();
      expect(await gmailPublic.getByRole('alert').count()).toBe(0);
      expect(await personalPrivate.getByRole('article').count()).toBe(0);
      await saveScreenshot(page, '36-identity-public-fr');

      // The same in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Your identities', level: 1 }).waitFor();
      await page.getByRole('cell', { name: 'Professional and Private' }).waitFor();
      await saveScreenshot(page, '37-identities-en');
      await page
        .locator('.folder-list')
        .getByRole('button', { name: /^Inbox/ })
        .click();
      await rowWithSubject(page, 'Quick question, Camille').click();
      const whyEn = page.getByRole('region', { name: 'Why?' });
      await expect
        .poll(() => whyEn.locator('.why-verdict').innerText())
        .toMatch(/Cold prospecting — confidence 0\.\d\d$/);
      await whyEn.getByRole('heading', { name: 'Legal hints (not legal advice)' }).waitFor();
      await saveScreenshot(page, '38-why-prospecting-en');
    },
    TEST_TIMEOUT,
  );
});
