/**
 * Files through the doors, in Chromium against the real serve process: a
 * mailbox imported from a typed path (serve mode has no system dialog), its
 * report with what was left out and why, and a message's source downloaded
 * byte for byte through the download route. Screenshots go to
 * test-artifacts/screenshots/ (git-ignored) for a person to look at.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callServeApi,
  chromiumUnavailableReason,
  saveScreenshot,
  type ServeProcess,
} from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { writeSmallMbox } from '../support/small-mbox.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] skipped: ${chromiumMissing}`);

const TEST_TIMEOUT = 90_000;
const { cleanups, openApp } = useAppSessions(Boolean(chromiumMissing));

async function storedSourceHash(serve: ServeProcess, subject: string): Promise<string> {
  const value = async <T>(name: string, input: unknown) => {
    const result = await callServeApi(serve, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const [account] = await value<Array<{ id: string }>>('accounts.list', {});
  const list = await value<{ items: Array<{ id: number; subject: string }> }>('messages.list', {
    accountId: account!.id,
  });
  const id = list.items.find((m) => m.subject === subject)!.id;
  return (await value<{ sha256: string }>('messages.source', { id })).sha256;
}

function writeMailbox() {
  const box = writeSmallMbox();
  cleanups.push(async () => rmSync(box.dir, { recursive: true, force: true }));
  return box;
}

describe.skipIf(Boolean(chromiumMissing))('import and download in Chromium (serve mode)', () => {
  it(
    'imports an mbox by its typed path, reports what was left out, and downloads a message’s source',
    async () => {
      const box = writeMailbox();
      const { serve, page } = await openApp('fr-FR');

      await page.getByRole('heading', { name: 'Bienvenue dans Inbox Guard' }).waitFor();
      await saveScreenshot(page, 'import-00-welcome-fr');
      await page
        .getByRole('button', { name: /Importer une boîte \(\.mbox ou dossier \.eml\)/ })
        .click();
      await page.getByRole('heading', { name: 'Importer une boîte mail' }).waitFor();
      const pathField = page.getByLabel('Emplacement du fichier ou du dossier');
      await expectFrenchTypography(page);
      await saveScreenshot(page, 'import-01-typed-path-fr');

      await pathField.fill(box.file);
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.getByText('3 messages importés.').waitFor();
      // The first mailbox turns the welcome page into the app, the report still shown.
      await page.locator('.account-name-text', { hasText: path.basename(box.file) }).waitFor();
      await page.getByText('3 messages importés.').waitFor();
      const skipped = page.getByText('1 élément laissé de côté');
      await skipped.click();
      const item = page.locator('.import-list li');
      expect(await item.locator('code').innerText()).toBe(box.notMailSource);
      expect(await item.locator('.import-reason').innerText()).toBe(
        'no header block: not an email message',
      );
      await expectFrenchTypography(page);
      await saveScreenshot(page, 'import-02-report-fr');

      await page.getByRole('button', { name: 'Voir les messages importés' }).click();
      const message = page.getByRole('option', { name: /Réunion de mardi/ });
      await message.click();
      await page.locator('#message-subject', { hasText: 'Réunion de mardi' }).waitFor();

      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Enregistrer la source (.eml)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(box.firstExportName);
      const saved = path.join(box.dir, 'downloaded.eml');
      await download.saveAs(saved);
      const bytes = readFileSync(saved);
      expect(bytes.equals(box.messages[0]!)).toBe(true);
      // The same bytes the store keeps as the message's source.
      const stored = await storedSourceHash(serve, 'Réunion de mardi');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored);
      await page.getByText(`Téléchargé : ${box.firstExportName}`).waitFor();
      await saveScreenshot(page, 'import-03-source-downloaded-fr');
    },
    TEST_TIMEOUT,
  );

  it(
    'says in French why a typed path could not be imported',
    async () => {
      const box = writeMailbox();
      const notes = path.join(box.dir, 'notes.eml');
      writeFileSync(notes, 'Liste de courses : pain, lait.\n');
      const { page } = await openApp('fr-FR');

      await page.getByRole('button', { name: /Importer une boîte/ }).click();
      await page.getByLabel('Emplacement du fichier ou du dossier').fill(notes);
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      const alert = page.locator('[data-error-code="IMPORT_FAILED"]');
      await alert.waitFor();
      expect(await alert.locator('.error-sentence').innerText()).toMatch(
        /^L’import n’a pas abouti/,
      );
      // Nothing was imported: still the welcome's import page, no mailbox in a sidebar.
      expect(await page.locator('.sidebar').count()).toBe(0);
      await expectFrenchTypography(page);
      await saveScreenshot(page, 'import-04-not-mail-fr');
    },
    TEST_TIMEOUT,
  );
});
