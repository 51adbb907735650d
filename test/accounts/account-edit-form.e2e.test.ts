/**
 * Issue 10, fault 4, in the UI: the account's settings ask for the password
 * again as soon as the server changes, before anything is sent. The built UI
 * in Chromium, the real serve process, a real Dovecot; the "new server" is a
 * recording relay in front of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { callServeApi, chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { startRecordingRelay, type RecordingRelay } from './recording-relay.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[skip] account edit form: ${chromiumMissing}`);
const ready = !chromiumMissing && dovecotReady('account edit form');
const PASSWORD = 'alice-secret-pw';

const app = useAppSessions(!ready);

describe.skipIf(!ready)('editing an account’s server in the form', () => {
  let dovecot: DovecotServer;
  let relay: RecordingRelay;

  beforeAll(async () => {
    dovecot = await startDovecot();
    relay = await startRecordingRelay({ targetHost: '127.0.0.1', targetPort: dovecot.port });
  });
  afterAll(async () => {
    await relay?.close();
    await dovecot?.stop();
  });

  it('marks the password required when the port changes, and sends nothing until it is typed', async () => {
    const { serve, page } = await app.openApp('fr-FR');
    const added = await callServeApi(serve, 'accounts.add', {
      email: 'alice@example.org',
      provider: 'custom',
      imap: { host: '127.0.0.1', port: dovecot.port, security: 'plain', user: 'alice' },
      password: PASSWORD,
    });
    expect(added).toMatchObject({ ok: true });
    await page.getByRole('button', { name: 'Réglages de alice@example.org' }).click();
    const imap = page.getByRole('group', { name: 'Réception (IMAP)' });
    const password = imap.getByLabel('Mot de passe');
    expect(await password.getAttribute('required')).toBeNull();
    await page.getByText('Laissez vide pour garder le mot de passe enregistré.').waitFor();

    await imap.getByLabel('Port').fill(String(relay.port));
    expect(await password.getAttribute('required')).not.toBeNull();
    await page
      .getByText('Le serveur a changé\u00A0: saisissez à nouveau le mot de passe.')
      .waitFor();
    await expectFrenchTypography(page);
    await page.locator('#test-needs-password').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'accounts-edit-password-required-fr');

    // Saving without it: the browser points at the field, nothing leaves for the new server.
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    expect(await imap.locator('input[type="password"]:invalid').count()).toBe(1);
    expect(relay.accepted).toBe(0);

    // A new SMTP server asks for a password too, unless the IMAP one is typed in the same edit.
    await page.getByText('Envoi (SMTP), pour les lettres d’opposition à venir').click();
    const smtp = page.locator('.smtp-section');
    const smtpPassword = smtp.getByLabel('Mot de passe SMTP');
    await smtp.getByLabel('Serveur').fill('smtp.example.org');
    expect(await smtpPassword.getAttribute('required')).not.toBeNull();
    await page.getByText('Le serveur d’envoi a changé\u00A0: saisissez son mot de passe').waitFor();
    await expectFrenchTypography(page);
    await page.locator('.form-actions').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'accounts-edit-smtp-password-required-fr');
    await smtp.getByLabel('Serveur').fill('');
    expect(await smtpPassword.getAttribute('required')).toBeNull();

    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    expect(relay.sawSecret(PASSWORD)).toBe(true);
    const listed = await callServeApi(serve, 'accounts.list');
    expect(listed).toMatchObject({ ok: true, value: [{ imap: { port: relay.port } }] });
  }, 60_000);
});
