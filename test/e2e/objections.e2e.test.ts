/**
 * "Faire cesser" end to end: a prospecting message synced from Dovecot, the
 * channels it allows, the GDPR letter prepared and shown for review, one
 * confirmation listing the recipient, the letter arriving at the SMTP sink
 * from the identity that received the marketing, and the case with its
 * countdown — in French, then in English. Then the follow-up of a letter
 * left unanswered past its month: the reminder written, reviewed, confirmed
 * and received at the sink; two weeks later, the complaint on the Evidence
 * screen.
 */
import BetterSqlite3 from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callServeApi,
  chromiumUnavailableReason,
  saveScreenshot,
  type ServeProcess,
} from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { provenMarketing } from '../objections/fixtures.js';
import type { CaseInfo, LetterPreview } from '../../shared/api/objections.js';
import type { Account, MessageSummary } from '../../shared/types.js';
import type { Rule } from '../../shared/api/rules.js';

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
        // Added through the API, not the form (whose flow starts the first sync): sync it.
        if (!added.ok) return;
        await valueOf(serve, 'sync.run', { accountId: (added.value as Account).id });
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

  it(
    'follows an unanswered letter up with a reminder, then offers the complaint (fr-FR)',
    async () => {
      const before = sink.messages.length;
      const { serve, page } = await app.openApp('fr-FR');
      const letter = await letterSentByApi(serve, dovecot.port, sink.port);
      await sink.waitForMessages(before + 1);
      // The letter went 40 days ago: its month has passed without an answer.
      backdateRequests(serve, 40 * DAY, letter.requests[0]!.id);

      await page.locator('.sidebar').getByRole('button', { name: 'Dossiers' }).click();
      const caseRow = page.locator('.case-row');
      await caseRow.waitFor();
      expect(await caseRow.locator('.badge').innerText()).toBe('délai dépassé');
      const overdue = (await casesOf(serve))[0]!;
      expect(overdue.nextStep?.step).toBe('reminder');
      const next = caseRow.locator('.case-next-step');
      expect(await next.innerText()).toBe(
        `Relance possible depuis le ${frenchDay(overdue.nextStep!.from)} Relancer`,
      );
      await next.getByRole('button', { name: 'Relancer' }).click();

      // The same editor as the first letter: prepared, reviewed, editable.
      const form = page.locator('.reminder-form');
      expect(await form.getByLabel('Destinataire de la lettre').inputValue()).toBe('dpo@brand.fr');
      await form.getByRole('button', { name: 'Rédiger la relance' }).click();
      const text = form.locator('textarea');
      await text.waitFor();
      const written = await text.inputValue();
      const firstToken = letter.requests[0]!.referenceToken!;
      expect(written).toContain(`référence ${firstToken}`);
      expect(written).toContain('art. 12(3)');
      const token = /Merci de rappeler la référence (IG-[A-Z2-9]{8})/.exec(written)![1]!;
      expect(token).not.toBe(firstToken);
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'cases, reminder editor (fr-FR)');
      await saveScreenshot(page, '63-objection-reminder-fr');

      await form.getByRole('button', { name: 'Vérifier avant l’envoi' }).click();
      expect(await form.locator('.stop-confirmation li').allInnerTexts()).toEqual([
        'Relance RGPD → dpo@brand.fr',
      ]);
      expect(sink.messages).toHaveLength(before + 1);
      await form.getByRole('button', { name: 'Confirmer et envoyer' }).click();
      // The form closes once the core answered: sent, or an error the form would show.
      await form.waitFor({ state: 'detached', timeout: 30_000 });
      await sink.waitForMessages(before + 2);
      const arrived = sink.messages[before + 1]!;
      expect(arrived.from).toBe('alice@exemple.fr');
      expect(arrived.to).toEqual(['dpo@brand.fr']);
      const mail = await simpleParser(arrived.raw);
      expect(mail.subject).toMatch(
        new RegExp(`^Relance\u00A0: demande RGPD du .+ — réf\\. ${token}$`),
      );
      expect(mail.headers.get('content-language')).toBe('fr');
      expect(mail.text).toContain(`référence ${firstToken}`);
      expect(mail.text).toContain('est expiré sans réponse de Brand');

      // The case lists the reminder, and the complaint two weeks after it.
      const lines = caseRow.locator('ul li');
      await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(2);
      expect(await lines.nth(1).innerText()).toMatch(/· Relance RGPD → dpo@brand\.fr — envoyé$/);
      const reminded = (await casesOf(serve))[0]!;
      expect(reminded.nextStep?.step).toBe('complaint');
      expect(await next.innerText()).toBe(
        `Plainte possible à partir du ${frenchDay(reminded.nextStep!.from)}, deux semaines après la relance`,
      );
      expect(await next.getByRole('button').count()).toBe(0);
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'cases, after the reminder (fr-FR)');
      await saveScreenshot(page, '64-objection-reminded-fr');

      // Two weeks and a day later, still no answer: the complaint, on the Evidence screen.
      backdateRequests(serve, 15 * DAY, reminded.requests[1]!.id);
      await reopenCases(page);
      await next.getByRole('button', { name: 'Porter plainte' }).click();
      await page.getByRole('heading', { name: 'Dossiers de plainte' }).waitFor();
      expect(await page.getByRole('radio', { name: /Brand/ }).isChecked()).toBe(true);
      await expectFrenchTypography(page);
      await saveScreenshot(page, '65-objection-complaint-fr');
    },
    TEST_TIMEOUT,
  );

  it(
    'saves a rule that unsubscribes only with the consent ticked (fr-FR)',
    async () => {
      const { serve, page } = await app.openApp('fr-FR');
      await aliceAdded(serve, dovecot.port, sink.port);
      await page.locator('.sidebar').getByRole('button', { name: 'Règles' }).click();
      await page.getByRole('button', { name: 'Nouvelle règle' }).click();
      const editor = page.locator('.rule-editor');
      await editor.getByLabel('Nom', { exact: true }).fill('Me désabonner des newsletters');
      await editor.getByLabel('Action 1', { exact: true }).selectOption('unsubscribe');

      // What will be sent, said before the user consents; no consent, no save.
      const consent = editor.locator('.unsubscribe-consent');
      const what = await consent.locator('#unsubscribe-consent-what').innerText();
      for (const words of [
        'plateforme d’envoi prouvée',
        'un clic',
        'mailto',
        'une seule fois par annonceur et par adresse',
        'Jamais de lettre',
        'Signal Spam',
      ])
        expect(what).toContain(words);
      const save = editor.getByRole('button', { name: 'Enregistrer', exact: true });
      expect(await save.isDisabled()).toBe(true);
      const allow = editor.getByRole('checkbox', {
        name: 'J’autorise cette règle à envoyer ces désabonnements en mon nom',
      });
      await allow.check();
      expect(await save.isDisabled()).toBe(false);
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'rules, unsubscribe consent (fr-FR)');
      await saveScreenshot(page, '66-rules-unsubscribe-consent-fr');
      await save.click();
      await editor.waitFor({ state: 'detached' });

      const rules = await valueOf<Rule[]>(serve, 'rules.list', {});
      expect(rules.find((r) => r.name === 'Me désabonner des newsletters')).toMatchObject({
        actions: [{ type: 'unsubscribe' }],
        allowUnsubscribe: true,
        enabled: false,
      });
      // The core refuses the action without the consent, whoever asks.
      const refused = await callServeApi(serve, 'rules.save', {
        rule: {
          name: 'Sans consentement',
          conditions: rules[0]!.conditions,
          actions: [{ type: 'unsubscribe' }],
          allowUnsubscribe: false,
        },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: /send unsubscribes for me/ },
      });
      expect(await valueOf<Rule[]>(serve, 'rules.list', {})).toHaveLength(rules.length);
    },
    TEST_TIMEOUT,
  );
});

const DAY = 86_400_000;

async function valueOf<T>(serve: ServeProcess, name: string, input: unknown): Promise<T> {
  const result = await callServeApi(serve, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Alice's mailbox on the test Dovecot, sending through the SMTP sink. */
async function aliceAdded(
  serve: ServeProcess,
  imapPort: number,
  smtpPort: number,
): Promise<Account> {
  const account = await valueOf<Account>(serve, 'accounts.add', {
    email: 'alice@exemple.fr',
    provider: 'custom',
    password: 'alice-secret-pw',
    imap: { host: '127.0.0.1', port: imapPort, security: 'plain', user: 'alice' },
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'plain', user: 'alice' },
    smtpPassword: 'alice-smtp-pw',
  });
  // Added through the API, not the form (whose flow starts the first sync): sync it.
  await valueOf(serve, 'sync.run', { accountId: account.id });
  return account;
}

/** The first letter, as the Faire cesser panel sends it (tested above), through the API. */
async function letterSentByApi(serve: ServeProcess, imapPort: number, smtpPort: number) {
  const value = <T>(name: string, input: unknown) => valueOf<T>(serve, name, input);
  const account = await aliceAdded(serve, imapPort, smtpPort);
  // Detection names the advertiser a letter goes to: wait for it.
  let listed: MessageSummary[] = [];
  const marketing = () => listed.find((m) => m.verdict === 'newsletter');
  await expect
    .poll(
      async () => {
        listed = (
          await value<{ items: MessageSummary[] }>('messages.list', {
            accountId: account.id,
            limit: 10,
          })
        ).items;
        return marketing() !== undefined;
      },
      { timeout: 45_000 },
    )
    .toBe(true)
    .catch((err: unknown) => {
      const seen = listed.map((m) => `${m.subject}: ${m.verdict}`).join('; ');
      throw new Error(`no newsletter among [${seen}]\n${serve.output().slice(-2000)}`, {
        cause: err,
      });
    });
  const to = 'dpo@brand.fr';
  const preview = await value<LetterPreview>('objections.letter', {
    messageId: marketing()!.id,
    language: 'fr',
    to,
  });
  return value<CaseInfo>('objections.send', {
    messageId: marketing()!.id,
    requests: [
      {
        channel: 'letter',
        to,
        language: 'fr',
        letter: {
          subject: preview.subject,
          text: preview.text,
          referenceToken: preview.referenceToken,
        },
      },
    ],
    confirmation: [{ channel: 'letter', to }],
  });
}

async function casesOf(serve: ServeProcess): Promise<CaseInfo[]> {
  const result = await callServeApi(serve, 'objections.cases', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CaseInfo[];
}

/**
 * Time passing, as the evidence tests make it pass: the request (and its journal entry, and the
 * case when it is the first) dated `ago` earlier, in the running serve process's own database.
 */
function backdateRequests(serve: ServeProcess, ago: number, requestId: number): void {
  const db = new BetterSqlite3(path.join(serve.dataDir, 'inbox-guard.sqlite'));
  try {
    const at = new Date(Date.now() - ago).toISOString();
    db.transaction(() => {
      db.prepare(`UPDATE objection_requests SET created_at = ? WHERE id = ?`).run(at, requestId);
      db.prepare(
        `UPDATE journal SET created_at = ?, finished_at = ?
         WHERE id = (SELECT journal_id FROM objection_requests WHERE id = ?)`,
      ).run(at, at, requestId);
      db.prepare(`UPDATE objection_cases SET opened_at = min(opened_at, ?)`).run(at);
      // Detection's and the evidence's date of the objection: the earliest request's.
      db.prepare(`UPDATE objections SET objected_at = min(objected_at, ?)`).run(at);
    })();
  } finally {
    db.close();
  }
}

/** Leaves the cases screen and comes back: it reads the cases again. */
async function reopenCases(page: Page): Promise<void> {
  const sidebar = page.locator('.sidebar');
  await sidebar.getByRole('button', { name: 'Preuves' }).click();
  await page.getByRole('heading', { name: 'Dossiers de plainte' }).waitFor();
  await sidebar.getByRole('button', { name: 'Dossiers' }).click();
  await page.locator('.case-row').waitFor();
}

/** A day as the page shows it (its browser runs in Paris time). */
const frenchDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );
