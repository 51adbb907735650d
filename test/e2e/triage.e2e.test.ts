/**
 * The triage screen in Chromium over the serve mode, on the demo mailbox:
 * unsolicited mail grouped by advertiser, the other groupings, a group opened
 * and a message previewed, the keyboard (moves, selection, the shortcuts
 * overlay) and "keep" taking an advertiser out of the triage. French and
 * English; typography and axe-core checked on every state; screenshots kept.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] triage skipped: ${chromiumMissing}`);
const TEST_TIMEOUT = 90_000;
const NBSP = '\u00A0';

const app = useAppSessions(Boolean(chromiumMissing));

async function openDemoTriage(page: Page, labels: { demo: RegExp; nav: string }) {
  await page.getByRole('button', { name: labels.demo }).click();
  await page.locator('.message-row').first().waitFor();
  await page.getByRole('button', { name: labels.nav, exact: true }).click();
  await page.locator('.triage-row-group').first().waitFor();
}

const groupRow = (page: Page, label: string) =>
  page.locator('.triage-row-group', { has: page.locator('.triage-label', { hasText: label }) });

describe.skipIf(Boolean(chromiumMissing))('Triage (serve mode, demo mailbox)', () => {
  it(
    'groups unsolicited mail, opens a group and a message, and keeps an advertiser (French, keyboard)',
    async () => {
      const { page } = await app.openApp('fr-FR');
      await openDemoTriage(page, { demo: /Ouvrir la boîte de démonstration/, nav: 'Tri' });
      await page.getByRole('heading', { name: 'Tri du courrier non sollicité' }).waitFor();
      const list = page.getByRole('list', { name: 'Courrier non sollicité par annonceur' });
      const summary = await page.locator('.triage-header > p.muted').innerText();
      const [, total, groups] = /^(\d+) messages non sollicités en (\d+) groupes$/.exec(summary)!;
      expect(Number(groups)).toBe(await list.locator('.triage-row-group').count());

      // A group shows its count, router, the identity it hit and its legal hints. Camille
      // bought from Maison Lumière (its order confirmation is in the mailbox): a customer
      // relationship, not a leak; Cyclo Mistral got the same address with no relationship.
      const maison = groupRow(page, 'Maison Lumière — maisonlumiere.fr');
      expect(await maison.locator('.triage-count').innerText()).toBe('2 messages');
      const facts = await maison.locator('.triage-facts').innerText();
      expect(facts).toContain('Mailchimp');
      expect(facts).toContain('camille.martin+shop@gmail.com');
      expect(facts).not.toContain('adresse divulguée');
      expect(facts).toContain('client');
      expect(await maison.locator('.badge-customer').getAttribute('title')).toContain(
        'Vous êtes client de maisonlumiere.fr',
      );
      const cyclo = groupRow(page, 'Cyclo Mistral — cyclomistral.fr');
      const cycloFacts = await cyclo.locator('.triage-facts').innerText();
      expect(cycloFacts).toContain('camille.martin+shop@gmail.com');
      expect(cycloFacts).toContain('adresse divulguée');
      expect(cycloFacts).not.toContain('client');
      expect(cycloFacts).toMatch(/\d indices? juridiques?/);
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'triage (fr)');
      await saveScreenshot(page, '50-triage-by-advertiser-fr');

      // Keyboard: move to the group, open it, go to its first message, show it.
      const rows = list.locator('.triage-row');
      await rows.first().focus();
      const index = Number(await maison.getAttribute('data-index'));
      for (let i = 0; i < index; i++) await page.keyboard.press('j');
      expect(
        await page.evaluate<string | null>(`document.activeElement?.getAttribute('data-row')`),
      ).toBe(await maison.getAttribute('data-row'));
      await page.keyboard.press('ArrowRight');
      const messages = list.locator('.triage-row-message');
      await expect.poll(() => messages.count()).toBe(2);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('#message-subject').waitFor();
      await page.locator('.message-body').waitFor();
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'triage with a message (fr)');
      await saveScreenshot(page, '51-triage-group-open-fr');

      // The shortcuts overlay.
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Raccourcis clavier du tri' });
      await help.waitFor();
      expect(await help.innerText()).toContain('Garder (je veux ces messages)');
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'shortcuts overlay (fr)');
      await saveScreenshot(page, '52-triage-shortcuts-fr');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });

      // Select the group (back on it, space) and keep it ("w"): it leaves the triage.
      await maison.focus();
      await page.keyboard.press(' ');
      await page.getByText('1 sélectionné', { exact: true }).waitFor();
      await page.keyboard.press('w');
      await page
        .getByRole('status')
        .filter({ hasText: `C’est noté${NBSP}: 1 expéditeur gardé, son courrier quitte le tri.` })
        .waitFor({ timeout: 15_000 });
      await expect.poll(() => maison.count()).toBe(0);
      await expect
        .poll(() => page.locator('.triage-header > p.muted').innerText())
        .toBe(`${Number(total) - 2} messages non sollicités en ${Number(groups) - 1} groupes`);
      await saveScreenshot(page, '53-triage-kept-fr');
    },
    TEST_TIMEOUT,
  );

  it(
    'switches grouping, in English',
    async () => {
      const { page } = await app.openApp('en-US');
      await openDemoTriage(page, { demo: /Open the demo mailbox/, nav: 'Triage' });
      const switcher = page.getByRole('group', { name: 'Group by' });
      const byAdvertiser = await page.locator('.triage-header > p.muted').innerText();
      for (const [button, listName] of [
        ['sending platform', 'Unsolicited mail by sending platform'],
        ['address hit', 'Unsolicited mail by address hit'],
        ['verdict', 'Unsolicited mail by verdict'],
      ] as const) {
        await switcher.getByRole('button', { name: button, exact: true }).click();
        const list = page.getByRole('list', { name: listName });
        await list.locator('.triage-row-group').first().waitFor();
        // The same mail, grouped another way.
        const summary = await page.locator('.triage-header > p.muted').innerText();
        expect(summary.split(' in ')[0]).toBe(byAdvertiser.split(' in ')[0]);
      }
      await groupRow(page, 'Newsletter or promotion').waitFor();
      // Keep applies to whole advertisers only: a verdict group cannot be kept.
      await groupRow(page, 'Newsletter or promotion').getByRole('checkbox').check();
      expect(
        await page.getByRole('button', { name: 'Keep (I want these messages)' }).isDisabled(),
      ).toBe(true);
      await expectNoSeriousAxeViolations(page, 'triage by verdict (en)');
      await saveScreenshot(page, '54-triage-by-verdict-en');
    },
    TEST_TIMEOUT,
  );
});
