/**
 * Auto-purge from the rules screen, end to end: a mailbox of month-old mail
 * on Dovecot; the suggestion "newsletters older than 30 days → Trash" added in
 * one click, its live count in the editor, turned on and run; the Trash on
 * the server then holds exactly that many messages, nothing lost; undo from
 * the history puts every message back in the Inbox. French and English;
 * typography and axe-core checked; screenshots kept.
 */
import type { Page } from 'playwright-core';
import type { TriageGroup } from '../../shared/api/triage.js';
import type { Rule } from '../../shared/api/rules.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { callServeApi, chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { allHashes, oldMailbox, perFolder, serverState } from '../rules/support.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
const skip = Boolean(chromiumMissing ?? dovecotMissing);
if (skip) console.warn(`[e2e] rules skipped: ${chromiumMissing ?? dovecotMissing}`);

const TEST_TIMEOUT = 90_000;
const MAILBOX_SIZE = 40;
const app = useAppSessions(skip);

const LABELS = {
  'fr-FR': {
    nav: 'Règles',
    title: 'Règles de tri',
    add: 'Ajouter la règle « Newsletters de plus de 30 jours → Corbeille »',
    ruleName: 'Newsletters de plus de 30 jours → Corbeille',
    count: /^Toucherait (\d+) messages? maintenant$/,
    ageValue: 'Valeur de la condition 2',
    confidence:
      'Confiance minimale de la condition 1 (en pourcentage ; vide : le seuil de la détection)',
    zero: 'Toucherait 0 message maintenant',
    cancel: 'Annuler',
    cold: 'Prospection à froid vers les adresses professionnelles → Prospection',
    addCold:
      'Ajouter la règle « Prospection à froid vers les adresses professionnelles → Prospection »',
    up: (name: string) => `Monter « ${name} »`,
    remove: 'Supprimer',
    enabled: 'Règle active',
    onSchedule: 'Exécuter aussi à intervalle régulier',
    everyHours: 'Toutes les (heures)',
    save: 'Enregistrer',
    run: 'Lancer maintenant',
    ran: (n: number) => `Terminé\u00A0: ${n} messages traités.`,
    undo: /^Annuler l’exécution du /,
    undone: 'annulée',
    language: 'fr',
  },
  'en-US': {
    nav: 'Rules',
    title: 'Sorting rules',
    add: 'Add the rule “Newsletters older than 30 days → Trash”',
    ruleName: 'Newsletters older than 30 days → Trash',
    count: /^Would touch (\d+) messages? now$/,
    ageValue: 'Value of condition 2',
    confidence: 'Minimum confidence of condition 1 (percent; empty: detection’s threshold)',
    zero: 'Would touch 0 messages now',
    cancel: 'Cancel',
    cold: 'Cold prospecting to professional addresses → Prospection',
    addCold: 'Add the rule “Cold prospecting to professional addresses → Prospection”',
    up: (name: string) => `Move “${name}” up`,
    remove: 'Delete',
    enabled: 'Rule on',
    onSchedule: 'Also run on a schedule',
    everyHours: 'Every (hours)',
    save: 'Save',
    run: 'Run now',
    ran: (n: number) => `Done: ${n} messages handled.`,
    undo: /^Undo the run of /,
    undone: 'undone',
    language: 'en',
  },
} as const;

type Labels = (typeof LABELS)[keyof typeof LABELS];

/** The French checks on the screen as it is now, and axe-core in both languages. */
async function checkScreen(page: Page, locale: string, state: string) {
  if (locale === 'fr-FR') await expectFrenchTypography(page);
  await expectNoSeriousAxeViolations(page, `rules, ${state} (${locale})`);
}

async function previewCount(page: Page, l: Labels): Promise<number> {
  const status = page.locator('.rule-preview');
  await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(l.count);
  return Number(l.count.exec(await status.innerText())![1]);
}

describe.skipIf(skip)('Rules screen (serve mode, Dovecot)', () => {
  let dovecot: DovecotServer;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addMessages(
      'alice',
      'INBOX',
      oldMailbox(MAILBOX_SIZE).map((s) => s.raw),
    );
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  /** The app in this language with alice's account synced and classified. */
  async function openSyncedApp(locale: 'fr-FR' | 'en-US') {
    const { serve, page } = await app.openApp(locale);
    const added = await callServeApi(serve, 'accounts.add', {
      email: 'alice@exemple.fr',
      provider: 'custom',
      password: 'alice-secret-pw',
      imap: { host: '127.0.0.1', port: dovecot.port, security: 'plain', user: 'alice' },
    });
    if (!added.ok) throw new Error(`accounts.add failed: ${added.error.message}`);
    const accountId = (added.value as { id: string }).id;
    // Synced and classified before the screen counts: the counts are then final.
    expect((await callServeApi(serve, 'sync.run', { accountId })).ok).toBe(true);
    expect((await callServeApi(serve, 'detect.run', {})).ok).toBe(true);
    return { serve, page, accountId };
  }

  for (const locale of ['fr-FR', 'en-US'] as const) {
    it(
      `adds "old newsletters → Trash" from the suggestions, runs it and undoes it (${locale})`,
      async () => {
        const l = LABELS[locale];
        const before = await serverState(dovecot.port);
        expect(perFolder(before)).toEqual({ INBOX: expect.any(Array) });

        const { serve, page } = await openSyncedApp(locale);

        await page.locator('.sidebar').getByRole('button', { name: l.nav }).click();
        await page.getByRole('heading', { name: l.title }).waitFor();
        await checkScreen(page, locale, 'empty');
        await saveScreenshot(page, `70-rules-suggestions-${l.language}`);

        // One click adds the suggestion (off) and opens it in the editor with its live count.
        await page.getByRole('button', { name: l.add }).click();
        const count = await previewCount(page, l);
        expect(count).toBeGreaterThan(0);
        expect(count).toBeLessThan(MAILBOX_SIZE);
        await checkScreen(page, locale, 'editor');
        await saveScreenshot(page, `71-rules-editor-${l.language}`);
        // The count follows the draft: nothing is ten years old, then the 30 days again.
        const age = page.getByLabel(l.ageValue, { exact: true });
        await age.fill('3650');
        await expect.poll(() => page.locator('.rule-preview').innerText()).toBe(l.zero);
        await age.fill('30');
        expect(await previewCount(page, l)).toBe(count);
        // The verdict's least score: empty, detection's threshold (shown); 100 %, which no
        // verdict reaches, touches nothing; emptied, the threshold again.
        const confidence = page.getByLabel(l.confidence, { exact: true });
        const threshold = (await callServeApi(serve, 'rules.getSettings', {})) as {
          ok: true;
          value: { defaultMinConfidence: number };
        };
        expect(await confidence.getAttribute('placeholder')).toBe(
          String(Math.round(threshold.value.defaultMinConfidence * 100)),
        );
        await confidence.fill('100');
        await expect.poll(() => page.locator('.rule-preview').innerText()).toBe(l.zero);
        await confidence.fill('');
        expect(await previewCount(page, l)).toBe(count);
        await page.getByRole('checkbox', { name: l.enabled }).check();
        await page.getByRole('button', { name: l.save, exact: true }).click();

        const row = page.locator('.rule-row', { hasText: l.ruleName });
        await expect.poll(() => row.getAttribute('data-enabled')).toBe('true');

        // A second suggestion, left off: moved above the first, then deleted.
        // It gets a schedule (every 12 hours), kept by the save.
        await page.getByRole('button', { name: l.addCold }).click();
        await page.getByRole('checkbox', { name: l.onSchedule }).check();
        await page.getByLabel(l.everyHours, { exact: true }).fill('12');
        await page.getByRole('button', { name: l.save, exact: true }).click();
        await expect
          .poll(async () => {
            const listed = await callServeApi(serve, 'rules.list', {});
            const rules = listed.ok ? (listed.value as Rule[]) : [];
            return rules.find((r) => r.name === l.cold)?.schedule;
          })
          .toEqual({ everyHours: 12 });
        const names = page.locator('.rule-row .rule-name');
        await expect.poll(() => names.allInnerTexts()).toEqual([l.ruleName, l.cold]);
        await page.getByRole('button', { name: l.up(l.cold) }).click();
        await expect.poll(() => names.allInnerTexts()).toEqual([l.cold, l.ruleName]);
        const cold = page.locator('.rule-row', { hasText: l.cold });
        expect(await cold.getAttribute('data-enabled')).toBe('false');
        await cold.getByRole('button', { name: new RegExp(`^${l.remove}`) }).click();
        await expect.poll(() => names.allInnerTexts()).toEqual([l.ruleName]);
        if (locale === 'en-US') await checkPurgeGuard(page);
        else await checkHistoryDays(page, serve);

        await expect.poll(() => row.locator('.rule-count').innerText()).toMatch(l.count);
        expect(await row.locator('.rule-count').innerText()).toMatch(new RegExp(`\\b${count}\\b`));

        await row.getByRole('button', { name: l.run }).click();
        await expect
          .poll(() => row.locator('.rule-ran').textContent(), { timeout: 30_000 })
          .toBe(l.ran(count));
        const run = page.locator('.rule-run').first();
        await run.waitFor();
        await checkScreen(page, locale, 'after a run');
        await saveScreenshot(page, `72-rules-run-${l.language}`);

        // On the server: exactly that many in the Trash, the rest in the Inbox, nothing lost.
        const after = await serverState(dovecot.port);
        expect(after.get('Trash')?.hashes.length).toBe(count);
        expect(after.get('INBOX')?.hashes.length).toBe(MAILBOX_SIZE - count);
        expect(allHashes(after)).toEqual(allHashes(before));

        await run.getByRole('button', { name: l.undo }).click();
        await expect
          .poll(() => run.locator('.badge').textContent(), { timeout: 30_000 })
          .toBe(l.undone);
        const undone = await serverState(dovecot.port);
        expect(perFolder(undone)).toEqual(perFolder(before));
      },
      TEST_TIMEOUT,
    );
  }
  it(
    'blocks an advertiser from the triage and a router from the message view, each undone from its notice (fr-FR)',
    async () => {
      const before = await serverState(dovecot.port);
      const { serve, page, accountId } = await openSyncedApp('fr-FR');
      const groups = await callServeApi(serve, 'triage.groups', { accountId, by: 'advertiser' });
      if (!groups.ok) throw new Error(groups.error.message);
      const group = (groups.value as TriageGroup[]).find((g) => g.key && g.router)!;
      expect(group, 'an advertiser sending through a known router').toBeDefined();

      await page.locator('.sidebar').getByRole('button', { name: 'Tri', exact: true }).click();
      const row = page.locator(`[data-row='g:"${group.key}"']`);
      await row.getByRole('checkbox').check();
      await page
        .getByRole('toolbar')
        .getByRole('button', { name: 'Bloquer l’annonceur', exact: true })
        .click();
      const blocked = page.locator('.undo-notice');
      await expect.poll(() => blocked.innerText(), { timeout: 30_000 }).toMatch(/^Bloqué/);
      const moved = Number(
        /(\d+) messages? mis à la corbeille/.exec(await blocked.innerText())![1],
      );
      expect(moved).toBeGreaterThan(0);
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'triage after a block (fr-FR)');
      await saveScreenshot(page, '73-rules-block-advertiser-fr');
      await expectTrashHolds(moved, before);

      await blocked.getByRole('button', { name: 'Annuler' }).click();
      await expect.poll(() => blocked.innerText(), { timeout: 30_000 }).toContain('Blocage annulé');
      expect(perFolder(await serverState(dovecot.port))).toEqual(perFolder(before));
      // The block rule this click made is gone with the undo.
      expect(await callServeApi(serve, 'rules.list', {})).toMatchObject({ ok: true, value: [] });

      // The message view: the router of one of the advertiser's messages.
      await row.locator('.triage-expand').click();
      await page.locator('.triage-row-message .triage-open').first().click();
      const view = page.locator('.message-pane');
      await view.getByRole('button', { name: /^Bloquer le routeur/ }).click();
      const notice = view.locator('.undo-notice');
      await expect.poll(() => notice.innerText(), { timeout: 30_000 }).toMatch(/^Bloqué/);
      const byRouter = Number(
        /(\d+) messages? mis à la corbeille/.exec(await notice.innerText())![1],
      );
      expect(byRouter).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(page, 'message view after a block (fr-FR)');
      await saveScreenshot(page, '74-rules-block-router-fr');
      await expectTrashHolds(byRouter, before);
      await notice.getByRole('button', { name: 'Annuler' }).click();
      await expect.poll(() => notice.innerText(), { timeout: 30_000 }).toContain('Blocage annulé');
      expect(perFolder(await serverState(dovecot.port))).toEqual(perFolder(before));
    },
    TEST_TIMEOUT,
  );

  /** The history's retention, set from the screen, is what the core keeps. */
  async function checkHistoryDays(page: Page, serve: Parameters<typeof callServeApi>[0]) {
    await page.getByLabel('Garder l’historique et l’annulation pendant (jours)').fill('60');
    await page.getByRole('button', { name: 'Enregistrer la durée' }).click();
    await page.getByRole('status').filter({ hasText: 'Durée enregistrée.' }).waitFor();
    expect(await callServeApi(serve, 'rules.getSettings', {})).toMatchObject({
      ok: true,
      value: { historyDays: 60 },
    });
  }

  /** A permanent deletion is saved only once allowed and the rule's name typed again. */
  async function checkPurgeGuard(page: Page) {
    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.locator('.rule-editor');
    await editor.getByLabel('Action 1', { exact: true }).selectOption('purge');
    const save = editor.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await editor.getByRole('checkbox', { name: /^Allow permanent deletion/ }).check();
    expect(await save.isDisabled()).toBe(true);
    await editor.getByLabel('To confirm, type the rule’s name: My rule').fill('My rule');
    expect(await save.isDisabled()).toBe(false);
    await expectNoSeriousAxeViolations(page, 'rules, purge confirmation (en-US)');
    await saveScreenshot(page, '75-rules-purge-confirmation-en');
    await editor.getByRole('button', { name: 'Cancel' }).click();
  }

  /** The Trash on the server holds exactly `count` messages, and no message was lost or doubled. */
  async function expectTrashHolds(count: number, before: Awaited<ReturnType<typeof serverState>>) {
    const after = await serverState(dovecot.port);
    expect(after.get('Trash')?.hashes.length).toBe(count);
    expect(allHashes(after)).toEqual(allHashes(before));
  }
});
