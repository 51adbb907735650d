/**
 * Issue 16, journey 3 — a complaint from the UI alone: a case on the test
 * servers whose deadline passed with violations (marketing received, the
 * letter sent through the objections capability to the SMTP sink, two offers
 * after the deadline found by its follow-up), handed to the serve process;
 * in Chromium the user picks the advertiser on the Evidence screen and makes
 * the bundle; the app shows it intact, and the bundle on disk passes the real
 * `verify-bundle` command with the letter byte for byte.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dovecotUnavailableReason } from '../servers/dovecot.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import {
  chromiumUnavailableReason,
  REPO_ROOT,
  saveScreenshot,
  startServeProcess,
} from '../support/browser.js';
import { ADVERTISER, buildServerCase } from '../evidence/case-on-servers.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
const skip = Boolean(chromiumMissing ?? dovecotMissing);
if (skip) console.warn(`[e2e] complaint journey skipped: ${chromiumMissing ?? dovecotMissing}`);
const sessions = useAppSessions(skip);
const run = promisify(execFile);

describe.skipIf(skip)('journey 3: a complaint from the Evidence screen (serve mode)', () => {
  it('makes the bundle of an overdue case with violations, and it verifies', async () => {
    const c = await buildServerCase();
    sessions.cleanups.push(() => c.close());
    const serve = await startServeProcess({ dataDir: await c.handOver() });
    sessions.cleanups.push(() => serve.stop());
    const { page } = await sessions.openPage(serve.url, 'fr-FR');

    await page.getByRole('button', { name: 'Preuves' }).click();
    await page.getByRole('heading', { name: 'Dossiers de plainte' }).waitFor();
    await page.getByRole('radio', { name: /Boutique Soleil/ }).check();
    await page.getByRole('button', { name: 'Constituer le dossier' }).click();
    await page.getByText(/^Dossier intact\s:\s\d+ fichiers vérifiés \(SHA-256\)\.$/).waitFor({
      timeout: 30_000,
    });
    await page.getByText(/\d+ fichiers, 4 messages dont 2 après l’échéance\./).waitFor();
    await expectFrenchTypography(page);
    await saveScreenshot(page, 'evidence-02-overdue-case-fr');

    const folder = await page.locator('.evidence-result [translate="no"]').first().innerText();
    expect(path.basename(folder)).toMatch(new RegExp(`^inbox-guard-${ADVERTISER}-[\\d-]+$`));
    const { stdout } = await run('npx', ['--no-install', 'inbox-guard', 'verify-bundle', folder], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toContain('OK: the bundle is intact');
    expect(stdout).toContain(
      'dkim messages/2026-11-20-Boutique Soleil.eml: pass at receipt, pass offline now',
    );
    expect(
      readFileSync(path.join(folder, 'objections', '2026-10-01-1-letter.eml')).equals(c.letter.raw),
    ).toBe(true);
    const cnil = readFileSync(path.join(folder, 'plainte-cnil.txt'), 'utf8');
    expect(cnil).toContain('Aucune réponse n’a été reçue');
  }, 120_000);
});
