/**
 * The evidence screen in Chromium against the real serve process: a case of
 * plain spam (imported from .eml files) chosen, its bundle made, the check
 * shown (every file intact), and the ZIP downloaded through the download
 * route, which verify-bundle then finds intact.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../electron/evidence/verify-bundle.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { callServeApi, chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] skipped: ${chromiumMissing}`);
const { cleanups, openApp } = useAppSessions(Boolean(chromiumMissing));

function spam(n: number): string {
  return (
    `From: Promo Flash <offres@promo-flash.com>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: Gagnez un iPhone ${n}\r\nDate: Mon, 0${n} Nov 2026 08:00:00 +0100\r\n` +
    `Message-ID: <flash-${n}@promo-flash.com>\r\nList-Unsubscribe: <mailto:stop@promo-flash.com>\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
    // A promotion as shops send it (links, an offer, why you receive it), not a line of it:
    // detection reads the body of imported mail too.
    `Offre exceptionnelle : -70 % sur tout le site, ce week-end seulement !\r\n` +
    `Découvrez nos promotions : https://www.promo-flash.com/soldes?utm_source=newsletter\r\n` +
    `Nos meilleures ventes : https://www.promo-flash.com/top?utm_source=newsletter\r\n` +
    `Livraison offerte dès 30 € d’achat. À très vite sur Promo Flash !\r\n\r\n` +
    `Vous recevez cet e-mail car votre adresse figure dans notre fichier clients.\r\n` +
    `Se désabonner : répondez STOP.\r\n`
  );
}

describe.skipIf(Boolean(chromiumMissing))('evidence screen in Chromium (serve mode)', () => {
  it('makes a case’s bundle, shows it intact, and downloads its ZIP', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-e2e-evidence-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    for (const n of [1, 2]) writeFileSync(path.join(dir, `flash-${n}.eml`), spam(n));
    const { serve, page } = await openApp('fr-FR');
    const imported = await callServeApi(serve, 'import.local', { path: dir });
    expect(imported.ok).toBe(true);

    await page.getByRole('button', { name: 'Preuves' }).click();
    await page.getByRole('heading', { name: 'Dossiers de plainte' }).waitFor();
    await page.getByRole('radio', { name: /Promo Flash/ }).check();
    await page.getByRole('button', { name: 'Constituer le dossier' }).click();
    // French typography puts no-break spaces before the colon (\s matches them).
    await page.getByText(/^Dossier intact\s:\s\d+ fichiers vérifiés \(SHA-256\)\.$/).waitFor();
    await page.getByText(/\d+ fichiers, 2 messages dont 0 après l’échéance\./).waitFor();
    // Imported files name no receiving hop: SPF is said not checkable, not guessed.
    await page
      .getByText(/SPF non vérifiable, DMARC aucun enregistrement, vérifiés le .*non répétable/)
      .first()
      .waitFor();
    await expectFrenchTypography(page);
    await saveScreenshot(page, 'evidence-01-bundle-made-fr');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Enregistrer le ZIP' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^inbox-guard-promo-flash\.com-[\d-]+\.zip$/);
    const zip = path.join(dir, 'bundle.zip');
    await download.saveAs(zip);
    const check = await verifyBundle(zip);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.intact).toEqual(
      expect.arrayContaining(['signal-spam/2026-11-01-Promo Flash.eml', 'rapport.pdf']),
    );
  }, 90_000);
});
