/**
 * Issue 16, journey 1 — a professional triages prospecting from the UI alone:
 * adds the mailbox through the form (IMAP and SMTP), the first sync brings
 * cold emails from two prospecting companies, the triage groups them by
 * advertiser, the user opens one company's message and objects to it ("Faire
 * cesser", a GDPR letter reviewed then confirmed); the letter arrives at the
 * SMTP sink, in French, from the address that received the prospecting.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { chromiumUnavailableReason, REPO_ROOT, saveScreenshot } from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
const skip = Boolean(chromiumMissing ?? dovecotMissing);
if (skip) console.warn(`[e2e] prospecting journey skipped: ${chromiumMissing ?? dovecotMissing}`);
const app = useAppSessions(skip);

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus/messages');
/** Cold emails to c.martin@acme-industrie.fr: three from LeadBoost, two from CyberSafe. */
const COLD = {
  'leadboost.fr': ['cold-lemlist-0.eml', 'cold-direct-0.eml', 'cold-direct-10.eml'],
  'cybersafe-conseil.fr': ['cold-lemlist-2.eml', 'cold-direct-2.eml'],
};
const ME = 'c.martin@acme-industrie.fr';

describe.skipIf(skip)(
  'journey 1: triage prospecting and object (serve mode, Dovecot, SMTP sink)',
  () => {
    let dovecot: DovecotServer;
    let sink: SmtpSink;

    beforeAll(async () => {
      dovecot = await startDovecot();
      const files = Object.values(COLD).flat();
      await dovecot.addMessages(
        'alice',
        'INBOX',
        files.map((f) => readFileSync(path.join(CORPUS, f))),
      );
      sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
    });
    afterAll(async () => {
      await sink?.stop();
      await dovecot?.stop();
    });

    it('groups the cold emails by company and sends the French letter to one', async () => {
      const { page } = await app.openApp('fr-FR');
      await addMailbox(page, dovecot.port, sink.port);
      await expect
        .poll(async () => page.locator('.message-row').count(), { timeout: 30_000 })
        .toBe(5);

      await page.getByRole('button', { name: 'Tri', exact: true }).click();
      const list = page.getByRole('list', { name: 'Courrier non sollicité par annonceur' });
      const group = (domain: string) =>
        list.locator('.triage-row-group', {
          has: page.locator('.triage-label', { hasText: domain }),
        });
      await group('leadboost.fr').waitFor({ timeout: 20_000 });
      expect(await group('leadboost.fr').locator('.triage-count').innerText()).toBe('3 messages');
      expect(await group('cybersafe-conseil.fr').locator('.triage-count').innerText()).toBe(
        '2 messages',
      );
      expect(await group('leadboost.fr').locator('.triage-facts').innerText()).toContain(ME);
      await expectFrenchTypography(page);
      await saveScreenshot(page, 'journey1-01-triage-fr');

      // Open LeadBoost's group and its first message.
      await group('leadboost.fr').focus();
      await page.keyboard.press('ArrowRight');
      const messages = list.locator('.triage-row-message');
      await expect.poll(() => messages.count()).toBe(3);
      await messages.first().click();
      await page.locator('#message-subject').waitFor();

      await page.getByRole('button', { name: 'Faire cesser' }).click();
      const panel = page.locator('.stop-panel');
      await panel.getByRole('checkbox', { name: /Lettre RGPD/ }).check();
      await panel.getByLabel('Destinataire de la lettre').fill('dpo@leadboost.fr');
      await panel.getByRole('button', { name: 'Préparer la lettre' }).click();
      await panel.locator('textarea').waitFor();
      await panel.getByRole('button', { name: 'Vérifier avant l’envoi' }).click();
      expect(await panel.locator('.stop-confirmation li').allInnerTexts()).toEqual([
        expect.stringContaining('dpo@leadboost.fr'),
      ]);
      await panel.getByRole('button', { name: 'Confirmer et envoyer' }).click();
      await panel.locator('.stop-countdown').waitFor({ timeout: 20_000 });
      await expectFrenchTypography(page);
      await saveScreenshot(page, 'journey1-02-objected-fr');

      await sink.waitForMessages(1);
      const arrived = sink.messages[0]!;
      expect(arrived.from).toBe(ME);
      expect(arrived.to).toEqual(['dpo@leadboost.fr']);
      const mail = await simpleParser(arrived.raw);
      expect(mail.headers.get('content-language')).toBe('fr');
      expect(mail.text).toContain('art. 21(2)');
      expect(mail.text).toContain('Madame, Monsieur');
    }, 120_000);
  },
);

/** The add-mailbox form as a user fills it: IMAP, then the folded SMTP part. */
async function addMailbox(page: Page, imapPort: number, smtpPort: number): Promise<void> {
  await page.getByRole('button', { name: 'Ajouter une boîte mail' }).click();
  await page.getByRole('heading', { name: 'Ajouter une boîte mail' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(ME);
  const imap = page.getByRole('group', { name: 'Réception (IMAP)' });
  await imap.getByLabel('Serveur').fill('127.0.0.1');
  await imap.getByLabel('Sécurité').selectOption({ label: 'Aucune (cet ordinateur uniquement)' });
  await imap.getByLabel('Port').fill(String(imapPort));
  await imap.getByLabel('Identifiant').fill('alice');
  await imap.getByLabel('Mot de passe').fill('alice-secret-pw');
  await page.getByText('Envoi (SMTP), pour les lettres d’opposition à venir').click();
  const smtp = page.locator('.smtp-section');
  await smtp.getByLabel('Serveur').fill('127.0.0.1');
  await smtp.getByLabel('Sécurité').selectOption({ label: 'Aucune (cet ordinateur uniquement)' });
  await smtp.getByLabel('Port').fill(String(smtpPort));
  await smtp.getByLabel('Identifiant').fill('alice');
  await smtp.getByLabel('Mot de passe SMTP').fill('alice-smtp-pw');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
}
