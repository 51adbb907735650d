/**
 * Issue 16, journey 1 — a professional triages prospecting from the UI alone:
 * adds the mailbox through the form (IMAP and SMTP), the first sync brings
 * cold emails from two prospecting companies and lands on the triage, which
 * groups them by advertiser; the user blocks one company (its mail is in the
 * Trash on the server, the counts follow at once), opens the other's message
 * and objects to it ("Faire cesser", a GDPR letter reviewed then confirmed);
 * the letter arrives at the SMTP sink, in the UI's language, from the address
 * that received the prospecting. French, then English (journey 5).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { allHashes, idsIn, serverState } from '../rules/support.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
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

const LABELS = {
  'fr-FR': {
    addMailbox: 'Ajouter une boîte mail',
    email: 'Adresse e-mail',
    imap: 'Réception (IMAP)',
    host: 'Serveur',
    security: 'Sécurité',
    plain: 'Aucune (cet ordinateur uniquement)',
    port: 'Port',
    user: 'Identifiant',
    password: 'Mot de passe',
    smtp: 'Envoi (SMTP), pour les lettres d’opposition à venir',
    smtpPassword: 'Mot de passe SMTP',
    add: 'Ajouter',
    triageTitle: 'Tri du courrier non sollicité',
    byAdvertiser: 'Courrier non sollicité par annonceur',
    inbox: 'Boîte de réception',
    trash: 'Corbeille',
    select: (domain: string) => new RegExp(`^Sélectionner .*${domain.replace(/\./g, '\\.')}$`),
    block: 'Bloquer l’annonceur',
    blocked: 'Bloqué\u00A0: 2 messages mis à la corbeille.',
    summary: '3 messages non sollicités en 1 groupe',
    stop: 'Faire cesser',
    letter: /Lettre RGPD/,
    recipient: 'Destinataire de la lettre',
    prepare: 'Préparer la lettre',
    review: 'Vérifier avant l’envoi',
    confirm: 'Confirmer et envoyer',
    language: 'fr',
    article: 'art. 21(2)',
  },
  'en-US': {
    addMailbox: 'Add a mailbox',
    email: 'Email address',
    imap: 'Incoming (IMAP)',
    host: 'Server',
    security: 'Security',
    plain: 'None (this computer only)',
    port: 'Port',
    user: 'User name',
    password: 'Password',
    smtp: 'Outgoing (SMTP), for objection letters later',
    smtpPassword: 'SMTP password',
    add: 'Add',
    triageTitle: 'Triage of unsolicited mail',
    byAdvertiser: 'Unsolicited mail by advertiser',
    inbox: 'Inbox',
    trash: 'Trash',
    select: (domain: string) => new RegExp(`^Select .*${domain.replace(/\./g, '\\.')}$`),
    block: 'Block the advertiser',
    blocked: 'Blocked: 2 messages moved to the Trash.',
    summary: '3 unsolicited messages in 1 group',
    stop: 'Make it stop',
    letter: /GDPR letter/,
    recipient: 'Letter recipient',
    prepare: 'Prepare the letter',
    review: 'Review before sending',
    confirm: 'Confirm and send',
    language: 'en',
    article: 'Art. 21(2)',
  },
} as const;
type Labels = (typeof LABELS)[keyof typeof LABELS];

describe.skipIf(skip)('journey 1: triage prospecting, object (serve, Dovecot, SMTP sink)', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;

  // A mailbox per test: the letter's copy in Sent would make the next run's detection see a
  // correspondence with the advertiser.
  beforeEach(async () => {
    dovecot = await startDovecot();
    const files = Object.values(COLD).flat();
    await dovecot.addMessages(
      'alice',
      'INBOX',
      files.map((f) => readFileSync(path.join(CORPUS, f))),
    );
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
  });
  afterEach(async () => {
    await sink?.stop();
    await dovecot?.stop();
  });

  for (const locale of ['fr-FR', 'en-US'] as const)
    it(`groups cold emails by company and objects to one (${locale})`, async () => {
      const l = LABELS[locale];
      const { page } = await app.openApp(locale);
      await addMailbox(page, l, dovecot.port, sink.port);
      // The first sync lands on the triage once detection has sorted its mail.
      await page.getByRole('heading', { name: l.triageTitle }).waitFor({ timeout: 30_000 });
      await expectFolderCount(page, l.inbox, '5');
      const list = page.getByRole('list', { name: l.byAdvertiser });
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
      if (locale === 'fr-FR') await expectFrenchTypography(page);
      await saveScreenshot(page, `journey1-01-triage-${l.language}`);

      // Block CyberSafe: its two messages go to the Trash on the server; the triage and the
      // folder counts follow without a sync.
      const before = await serverState(dovecot.port);
      await page.getByRole('checkbox', { name: l.select('cybersafe-conseil.fr') }).check();
      await page.getByRole('button', { name: l.block }).click();
      await page.getByText(l.blocked).waitFor({ timeout: 20_000 });
      await expect.poll(() => group('cybersafe-conseil.fr').count()).toBe(0);
      expect(await page.locator('.triage-header .muted').first().innerText()).toBe(l.summary);
      await expectFolderCount(page, l.inbox, '3');
      await expectFolderCount(page, l.trash, '2');
      const after = await serverState(dovecot.port);
      expect(idsIn(after, 'Trash')).toEqual(await messageIds(COLD['cybersafe-conseil.fr']));
      expect(idsIn(after, 'INBOX')).toEqual(await messageIds(COLD['leadboost.fr']));
      expect(allHashes(after)).toEqual(allHashes(before));
      if (locale === 'fr-FR') await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, `triage after a block (${locale})`);
      await saveScreenshot(page, `journey1-02-blocked-${l.language}`);

      // Open LeadBoost's group and its first message.
      await group('leadboost.fr').focus();
      await page.keyboard.press('ArrowRight');
      const messages = list.locator('.triage-row-message');
      await expect.poll(() => messages.count()).toBe(3);
      await messages.first().click();
      await page.locator('#message-subject').waitFor();

      await page.locator('.message-pane').getByRole('button', { name: l.stop }).click();
      const panel = page.locator('.stop-panel');
      await panel.getByRole('checkbox', { name: l.letter }).check();
      await panel.getByLabel(l.recipient).fill('dpo@leadboost.fr');
      await panel.getByRole('button', { name: l.prepare }).click();
      await panel.locator('textarea').waitFor();
      await panel.getByRole('button', { name: l.review }).click();
      expect(await panel.locator('.stop-confirmation li').allInnerTexts()).toEqual([
        expect.stringContaining('dpo@leadboost.fr'),
      ]);
      await panel.getByRole('button', { name: l.confirm }).click();
      await panel.locator('.stop-countdown').waitFor({ timeout: 20_000 });
      if (locale === 'fr-FR') await expectFrenchTypography(page);
      await saveScreenshot(page, `journey1-03-objected-${l.language}`);

      await sink.waitForMessages(1);
      const arrived = sink.messages[0]!;
      expect(arrived.from).toBe(ME);
      expect(arrived.to).toEqual(['dpo@leadboost.fr']);
      const mail = await simpleParser(arrived.raw);
      expect(mail.headers.get('content-language')).toBe(l.language);
      expect(mail.text).toContain(l.article);
    }, 120_000);
});

/** The Message-IDs of corpus files, sorted as `idsIn` gives them. */
async function messageIds(files: readonly string[]): Promise<string[]> {
  const ids = await Promise.all(
    files.map(async (f) => (await simpleParser(readFileSync(path.join(CORPUS, f)))).messageId),
  );
  return ids.map(String).sort();
}

/** A folder's message count in the sidebar, once it reads `count`. */
async function expectFolderCount(page: Page, folder: string, count: string) {
  const button = page
    .locator('.folder-list')
    .getByRole('button', { name: new RegExp(`^${folder}`) });
  await expect
    .poll(() => button.locator('.folder-count').innerText(), { timeout: 20_000 })
    .toBe(count);
}

/** The add-mailbox form as a user fills it: IMAP, then the folded SMTP part. */
async function addMailbox(page: Page, l: Labels, imapPort: number, smtpPort: number) {
  await page.getByRole('button', { name: l.addMailbox }).click();
  await page.getByRole('heading', { name: l.addMailbox }).waitFor();
  await page.getByLabel(l.email).fill(ME);
  const imap = page.getByRole('group', { name: l.imap });
  await imap.getByLabel(l.host).fill('127.0.0.1');
  await imap.getByLabel(l.security).selectOption({ label: l.plain });
  await imap.getByLabel(l.port).fill(String(imapPort));
  await imap.getByLabel(l.user).fill('alice');
  await imap.getByLabel(l.password).fill('alice-secret-pw');
  await page.getByText(l.smtp).click();
  const smtp = page.locator('.smtp-section');
  await smtp.getByLabel(l.host).fill('127.0.0.1');
  await smtp.getByLabel(l.security).selectOption({ label: l.plain });
  await smtp.getByLabel(l.port).fill(String(smtpPort));
  await smtp.getByLabel(l.user).fill('alice');
  await smtp.getByLabel(l.smtpPassword).fill('alice-smtp-pw');
  await page.getByRole('button', { name: l.add, exact: true }).click();
}
