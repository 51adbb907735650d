/**
 * Move, delete and report from the triage (issue 16), in Chromium over the serve mode, on a
 * real Dovecot: an advertiser's group is moved to Archives through the folder picker and the
 * move undone from its notice (the server has the mail back in INBOX), then deleted with the
 * Delete key (the server has it in the Trash), and another group reported to Signal Spam (a
 * loopback endpoint) after the dialog that says how many messages go where, first asking for
 * the missing account. French; typography and axe-core checked on the dialogs; screenshots kept.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callServeApi,
  chromiumUnavailableReason,
  saveScreenshot,
  startServeProcess,
  type ServeProcess,
} from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { connectUser } from '../support/dovecot-account.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { provenMarketing } from '../objections/fixtures.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
const skip = Boolean(chromiumMissing ?? dovecotMissing);
if (skip) console.warn(`[e2e] triage bulk actions skipped: ${chromiumMissing ?? dovecotMissing}`);

const TEST_TIMEOUT = 180_000;
const NBSP = '\u00A0';
const LIST = 'Courrier non sollicité par annonceur';
const BRAND = ['<promo-1@brand.fr>', '<promo-2@brand.fr>'];
const app = useAppSessions(skip);

const maisonMarketing = () =>
  provenMarketing({ messageId: '<promo-1@maison.fr>', subject: 'Soldes d’hiver' })
    .replaceAll('brand.fr', 'maison.fr')
    .replace('From: Brand <', 'From: Maison <');

describe.skipIf(skip)('Triage move, delete and report (serve mode, Dovecot)', () => {
  let dovecot: DovecotServer;
  let signalSpam: Server;
  let signalSpamUrl: string;
  const reports: string[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addMessages('alice', 'INBOX', [
      provenMarketing({ messageId: BRAND[0], subject: 'Soldes' }),
      provenMarketing({ messageId: BRAND[1], subject: 'Dernière chance' }),
      maisonMarketing(),
    ]);
    await dovecot.addMessages(
      'bob',
      'INBOX',
      BRAND.map((messageId) => provenMarketing({ messageId, to: 'bob@exemple.fr' })),
    );
    signalSpam = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        reports.push(body);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => signalSpam.listen(0, '127.0.0.1', resolve));
    signalSpamUrl = `http://127.0.0.1:${(signalSpam.address() as AddressInfo).port}/api/signaler`;
  });
  afterAll(async () => {
    await new Promise((r) => signalSpam?.close(r));
    await dovecot?.stop();
  });

  it(
    'moves a group and undoes it, deletes it, reports another (fr-FR)',
    async () => {
      const serve = await startServeProcess({
        env: { INBOX_GUARD_SIGNAL_SPAM_URL: signalSpamUrl },
      });
      app.cleanups.push(() => serve.stop());
      const { page } = await app.openPage(serve.url, 'fr-FR');
      await synced(serve, dovecot.port, 'alice');
      await page.locator('.sidebar').getByRole('button', { name: 'Tri', exact: true }).click();
      const brand = groupRow(page, 'brand.fr');
      await brand.waitFor({ timeout: 30_000 });

      // Move: the picker lists the account's folders; Archives is chosen by keyboard-reachable radio.
      await brand.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Déplacer vers un dossier…' }).click();
      const picker = page.getByRole('dialog', { name: 'Déplacer 2 messages' });
      await picker.waitFor();
      await picker.getByRole('radio', { name: 'Boîte de réception' }).waitFor();
      await picker.getByRole('radio', { name: 'Archives' }).check();
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'move picker (fr)');
      await saveScreenshot(page, '80-triage-move-picker-fr');
      await picker.getByRole('button', { name: 'Déplacer', exact: true }).click();
      const moved = page.getByRole('status').filter({ hasText: `Déplacés${NBSP}: 2 messages.` });
      await moved.waitFor({ timeout: 20_000 });
      await saveScreenshot(page, '81-triage-moved-toast-fr');
      expect(await serverIds('Archive')).toEqual(BRAND);

      // Undo from the notice: back in INBOX on the server.
      await moved.getByRole('button', { name: 'Annuler' }).click();
      await page.getByRole('status').filter({ hasText: 'Annulé' }).waitFor({ timeout: 20_000 });
      expect(await serverIds('Archive')).toEqual([]);
      expect(await serverIds('INBOX')).toEqual(expect.arrayContaining(BRAND));

      // Delete with the Delete key: to the Trash, and the group leaves the triage.
      await brand.getByRole('checkbox').check();
      await brand.focus();
      await page.keyboard.press('Delete');
      await page
        .getByRole('status')
        .filter({ hasText: `Supprimés${NBSP}: 2 messages mis à la corbeille.` })
        .waitFor({ timeout: 20_000 });
      expect(await serverIds('Trash')).toEqual(BRAND);
      await expect.poll(() => brand.count(), { timeout: 10_000 }).toBe(0);

      // Report: without a Signal Spam account the dialog says where to enter it.
      const maison = groupRow(page, 'maison.fr');
      await maison.getByRole('checkbox').check();
      const reportButton = page.getByRole('button', { name: 'Signaler à Signal Spam' });
      await reportButton.click();
      const ask = page.getByRole('dialog', { name: 'Signaler 1 message à Signal Spam' });
      await ask.getByText(/Saisissez-le dans les Réglages/).waitFor();
      await ask.getByRole('button', { name: 'Annuler' }).click();
      const saved = await callServeApi(serve, 'objections.setSignalSpamAccount', {
        user: 'camille',
        password: 'bon-mot-de-passe',
      });
      expect(saved.ok).toBe(true);
      await reportButton.click();
      await ask.getByText(/enverra ce message en entier/).waitFor();
      await expectFrenchTypography(page);
      await expectNoSeriousAxeViolations(page, 'report consent (fr)');
      await saveScreenshot(page, '82-triage-report-consent-fr');
      expect(reports).toEqual([]);
      await ask.getByRole('button', { name: 'Signaler 1 message' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Signalé à Signal Spam${NBSP}: 1 message.` })
        .waitFor({ timeout: 20_000 });
      expect(reports).toHaveLength(1);
      const sent = Buffer.from(new URLSearchParams(reports[0]).get('message')!, 'base64');
      expect(sent.toString('utf8')).toContain('Message-ID: <promo-1@maison.fr>');
    },
    TEST_TIMEOUT,
  );

  it(
    'moves a group with the keyboard alone, in English (en-US)',
    async () => {
      const { serve, page } = await app.openApp('en-US');
      await synced(serve, dovecot.port, 'bob', 2);
      await page.locator('.sidebar').getByRole('button', { name: 'Triage', exact: true }).click();
      const brand = page
        .getByRole('list', { name: 'Unsolicited mail by advertiser' })
        .locator('.triage-row-group', { hasText: 'brand.fr' });
      await brand.waitFor({ timeout: 30_000 });
      await brand.focus();
      await page.keyboard.press(' ');
      await page.keyboard.press('m');
      const picker = page.getByRole('dialog', { name: 'Move 2 messages' });
      await picker.getByRole('radio', { name: 'Inbox' }).waitFor();
      // Back from Cancel into the folders, then the arrow keys choose one.
      await page.keyboard.press('Shift+Tab');
      const archive = picker.getByRole('radio', { name: 'Archive' });
      for (let i = 0; i < 6 && !(await archive.isChecked()); i++)
        await page.keyboard.press('ArrowUp');
      expect(await archive.isChecked()).toBe(true);
      await expectNoSeriousAxeViolations(page, 'move picker (en)');
      await saveScreenshot(page, '83-triage-move-picker-en');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: 'Moved: 2 messages.' })
        .waitFor({ timeout: 20_000 });
      expect(await serverIds('Archive', 'bob')).toEqual(BRAND);
    },
    TEST_TIMEOUT,
  );

  /** The Message-IDs in a folder on the server, read by another client. */
  async function serverIds(folder: string, user: 'alice' | 'bob' = 'alice'): Promise<string[]> {
    const client = await connectUser(dovecot.port, user);
    try {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      if (box.exists === 0) return [];
      const ids: string[] = [];
      for await (const m of client.fetch('1:*', { envelope: true }))
        ids.push(m.envelope?.messageId ?? '');
      return ids.sort();
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
});

function groupRow(page: Page, label: string) {
  return page
    .getByRole('list', { name: LIST })
    .locator('.triage-row-group', { has: page.locator('.triage-label', { hasText: label }) });
}

/** A user's mailbox on the test Dovecot, added and synced through the API, its triage filled. */
async function synced(serve: ServeProcess, imapPort: number, user: 'alice' | 'bob', messages = 3) {
  const added = await callServeApi(serve, 'accounts.add', {
    email: `${user}@exemple.fr`,
    provider: 'custom',
    password: `${user}-secret-pw`,
    imap: { host: '127.0.0.1', port: imapPort, security: 'plain', user },
  });
  if (!added.ok) throw new Error(`accounts.add: ${added.error.code} ${added.error.message}`);
  const accountId = (added.value as { id: string }).id;
  const synced = await callServeApi(serve, 'sync.run', { accountId });
  if (!synced.ok) throw new Error(`sync.run: ${synced.error.code} ${synced.error.message}`);
  await expect
    .poll(
      async () => {
        const page = await callServeApi(serve, 'triage.groupPage', { accountId, by: 'verdict' });
        return page.ok ? (page.value as { messages: number }).messages : -1;
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(messages);
}
