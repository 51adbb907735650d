/**
 * "Faire cesser" end to end: a prospecting message synced from Dovecot, the
 * channels it allows, the GDPR letter prepared and shown for review, one
 * confirmation listing the recipient, the letter arriving at the SMTP sink
 * from the identity that received the marketing, and the case with its
 * countdown — in French, then in English.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServeApi, chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { provenMarketing } from '../objections/fixtures.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
const skip = Boolean(chromiumMissing ?? dovecotMissing);
if (skip) console.warn(`[e2e] objections skipped: ${chromiumMissing ?? dovecotMissing}`);

const TEST_TIMEOUT = 90_000;
const app = useAppSessions(skip);

const LABELS = {
  'fr-FR': {
    stop: 'Faire cesser',
    letter: /Lettre RGPD/,
    recipient: 'Destinataire de la lettre',
    prepare: 'Préparer la lettre',
    review: 'Vérifier avant l’envoi',
    confirm: 'Confirmer et envoyer',
    articles: ['art. 21(2)', 'art. 17(1)(c)', 'art. 15(1)(g)', 'art. 12(3)'],
    countdown: /Délai\u00A0: encore (30|31) jours/,
    language: 'fr',
    cases: 'Dossiers',
    waiting: 'en attente',
    sent: 'envoyé',
  },
  'en-US': {
    stop: 'Make it stop',
    letter: /GDPR letter/,
    recipient: 'Letter recipient',
    prepare: 'Prepare the letter',
    review: 'Review before sending',
    confirm: 'Confirm and send',
    articles: ['Art. 21(2)', 'Art. 17(1)(c)', 'Art. 15(1)(g)', 'Art. 12(3)'],
    countdown: /Deadline: (30|31) days left/,
    language: 'en',
    cases: 'Cases',
    waiting: 'waiting',
    sent: 'sent',
  },
} as const;

describe.skipIf(skip)('Faire cesser (serve mode, Dovecot, SMTP sink)', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addMessages('alice', 'INBOX', [provenMarketing()]);
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
  });
  afterAll(async () => {
    await sink?.stop();
    await dovecot?.stop();
  });

  for (const locale of ['fr-FR', 'en-US'] as const) {
    it(
      `objects by letter from a prospecting message (${locale})`,
      async () => {
        const l = LABELS[locale];
        const before = sink.messages.length;
        const { serve, page } = await app.openApp(locale);
        const added = await callServeApi(serve, 'accounts.add', {
          email: 'alice@exemple.fr',
          provider: 'custom',
          password: 'alice-secret-pw',
          imap: { host: '127.0.0.1', port: dovecot.port, security: 'plain', user: 'alice' },
          smtp: { host: '127.0.0.1', port: sink.port, security: 'plain', user: 'alice' },
          smtpPassword: 'alice-smtp-pw',
        });
        expect(added.ok).toBe(true);
        const row = page.locator('.message-row').first();
        await row.waitFor({ timeout: 30_000 });
        await expect
          .poll(() => row.getAttribute('data-verdict'), { timeout: 20_000 })
          .toBe('newsletter');
        await row.click();

        await page.getByRole('button', { name: l.stop }).click();
        const panel = page.locator('.stop-panel');
        await panel.getByRole('checkbox', { name: l.letter }).check();
        await panel.getByLabel(l.recipient).fill('dpo@brand.fr');
        await panel.getByRole('button', { name: l.prepare }).click();
        const text = panel.locator('textarea');
        await text.waitFor();
        for (const article of l.articles) expect(await text.inputValue()).toContain(article);
        if (locale === 'fr-FR') await expectFrenchTypography(page);
        await saveScreenshot(page, `60-objection-letter-${l.language}`);

        await panel.getByRole('button', { name: l.review }).click();
        expect(await panel.locator('.stop-confirmation li').allInnerTexts()).toEqual([
          expect.stringContaining('dpo@brand.fr'),
        ]);
        await panel.getByRole('button', { name: l.confirm }).click();
        await panel.locator('.stop-countdown').waitFor({ timeout: 20_000 });
        expect(await panel.locator('.stop-countdown').innerText()).toMatch(l.countdown);
        await saveScreenshot(page, `61-objection-sent-${l.language}`);

        // The cases list: status, countdown, the request with its outcome.
        await page.locator('.sidebar').getByRole('button', { name: l.cases }).click();
        const caseRow = page.locator('.case-row');
        await caseRow.waitFor();
        expect(await caseRow.locator('h2').innerText()).toBe('Brand — alice@exemple.fr');
        expect(await caseRow.locator('.badge').innerText()).toBe(l.waiting);
        expect(await caseRow.locator('.stop-countdown').innerText()).toMatch(l.countdown);
        expect(await caseRow.locator('li').innerText()).toMatch(
          new RegExp(`dpo@brand\\.fr — ${l.sent}$`),
        );
        if (locale === 'fr-FR') await expectFrenchTypography(page);
        await saveScreenshot(page, `62-objection-cases-${l.language}`);

        await sink.waitForMessages(before + 1);
        const arrived = sink.messages[before]!;
        expect(arrived.from).toBe('alice@exemple.fr');
        expect(arrived.to).toEqual(['dpo@brand.fr']);
        const mail = await simpleParser(arrived.raw);
        expect(mail.headers.get('content-language')).toBe(l.language);
        for (const article of l.articles) expect(mail.text).toContain(article);
      },
      TEST_TIMEOUT,
    );
  }
});
