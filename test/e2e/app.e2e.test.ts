/**
 * The app end to end: the built UI in Debian's Chromium, the real serve mode
 * as a child process, and a real Dovecot. Each test gets its own serve
 * process and data folder. Screenshots of every screen go to
 * test-artifacts/screenshots/ (git-ignored) for a person to look at.
 */
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callServeApi,
  chromiumUnavailableReason,
  openAppPage,
  saveScreenshot,
} from '../support/browser.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { startSlowProxy } from '../servers/slow-proxy.js';
import {
  EN,
  fillAddAccountForm,
  FR,
  type AccountFormSettings,
  type FormLabels,
} from './account-form.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] skipped: ${chromiumMissing}`);
else if (dovecotMissing) console.warn(`[e2e] Dovecot tests skipped: ${dovecotMissing}`);

const TEST_TIMEOUT = 90_000;

const app = useAppSessions(Boolean(chromiumMissing));
const { cleanups, openApp } = app;

function folderButton(page: Page, name: string | RegExp) {
  return page.locator('.folder-list').getByRole('button', { name });
}

describe.skipIf(Boolean(chromiumMissing))('Inbox Guard in Chromium (serve mode)', () => {
  it(
    'welcomes a newcomer, opens the demo mailbox, and shows a message’s headers',
    async () => {
      const { serve, page } = await openApp('fr-FR');

      await page.getByRole('heading', { name: 'Bienvenue dans Inbox Guard' }).waitFor();
      expect(await page.title()).toBe('Inbox Guard');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      // The token leaves the visible address as soon as the page has read it.
      expect(page.url()).not.toContain('token');
      expect(serve.url).toContain('#token=');
      await page.getByText('Tout reste sur cet ordinateur').waitFor();
      await expectFrenchTypography(page);
      await saveScreenshot(page, '01-welcome-fr');

      await page.getByRole('button', { name: /Ouvrir la boîte de démonstration/ }).click();
      const inbox = folderButton(page, /Boîte de réception/);
      await inbox.waitFor();
      // The demo's name is the UI's, so it follows the language.
      expect(await page.locator('.account-name-text').innerText()).toBe('Démo — Camille Martin');
      for (const name of ['Envoyés', 'Indésirables', 'Archives']) {
        await folderButton(page, new RegExp(name)).waitFor();
      }
      const inboxCount = Number((await inbox.locator('.folder-count').innerText()).trim());
      expect(inboxCount).toBeGreaterThan(10);

      const rows = page
        .getByRole('listbox', { name: /Messages de Boîte de réception/ })
        .getByRole('option');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(Math.min(inboxCount, 100));
      expect(await page.locator('.pager-range').innerText()).toBe(
        `1–${Math.min(inboxCount, 100)} sur ${inboxCount}`,
      );
      // Marketing through a platform carries List-Unsubscribe: the list shows it.
      expect(await page.locator('.message-row .badge').count()).toBeGreaterThan(0);
      await saveScreenshot(page, '02-demo-inbox-fr');

      await rows.first().click();
      const headers = page.locator('.header-table');
      await headers.waitFor();
      for (const field of ['From', 'Subject', 'Date']) {
        await headers.getByRole('rowheader', { name: field, exact: true }).first().waitFor();
      }
      const subject = await page.locator('#message-subject').innerText();
      expect(subject.length).toBeGreaterThan(0);
      expect(await page.getByRole('term').filter({ hasText: /^De$/ }).count()).toBe(1);
      await expectFrenchTypography(page);
      await saveScreenshot(page, '03-demo-message-fr');

      // Keyboard: the arrow keys move through the list.
      await rows.first().focus();
      await page.keyboard.press('ArrowDown');
      expect(await rows.nth(1).getAttribute('aria-selected')).toBe('true');

      // Search narrows the list, through the core.
      await page.getByRole('searchbox', { name: 'Rechercher dans ce dossier' }).fill('Garnier');
      await expect
        .poll(async () => page.locator('.pager-range').innerText(), { timeout: 5_000 })
        .toMatch(/^1–\d+ sur \d+$/);
      // The list empties while the core answers: wait for the narrowed list itself.
      await expect
        .poll(async () => rows.count().then((n) => n > 0 && n < inboxCount), { timeout: 5_000 })
        .toBe(true);
      const filtered = await page.locator('.message-row .subject').allInnerTexts();
      expect(filtered.length).toBeGreaterThan(0);
      await saveScreenshot(page, '04-demo-search-fr');

      // Other folders, with their translated names.
      await folderButton(page, /Envoyés/).click();
      await page.getByRole('heading', { name: 'Envoyés', level: 1 }).waitFor();
      await page
        .getByRole('listbox', { name: 'Messages de Envoyés' })
        .getByRole('option')
        .first()
        .waitFor();

      // A reload keeps working: the token was kept for this tab.
      await page.reload();
      await folderButton(page, /Boîte de réception/).waitFor();

      // English, from the switch; the choice sticks across a reload.
      await page.getByRole('button', { name: 'English' }).click();
      await folderButton(page, /^Inbox/).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('.account-name-text').innerText()).toBe('Demo — Camille Martin');
      await page
        .getByRole('listbox', { name: 'Messages in Inbox' })
        .getByRole('option')
        .first()
        .click();
      await page
        .getByRole('term')
        .filter({ hasText: /^From$/ })
        .waitFor();
      await saveScreenshot(page, '05-demo-message-en');
      await page.reload();
      await folderButton(page, /^Inbox/).waitFor();

      // The choice is kept by the core: a window with nothing stored (another
      // port, another browser) opens in English too, whatever its own language.
      const { context, page: other } = await openAppPage(app.browser, serve.url, 'fr-FR');
      cleanups.push(() => context.close());
      await folderButton(other, /^Inbox/).waitFor();
      expect(await other.locator('html').getAttribute('lang')).toBe('en');
    },
    TEST_TIMEOUT,
  );

  it(
    'says what to do when opened without the session token',
    async () => {
      const { serve, page } = await openApp('fr-FR');
      await page.getByRole('heading', { name: 'Bienvenue dans Inbox Guard' }).waitFor();
      // A new window without the token in its address (and nothing in its session).
      const { context, page: bare } = await openAppPage(
        app.browser,
        new URL(serve.url).origin + '/',
        'fr-FR',
      );
      cleanups.push(() => context.close());
      const refusal = bare.locator('[data-error-code="UNAUTHORIZED"] .error-sentence');
      await refusal.waitFor();
      expect(await refusal.innerText()).toBe(
        'Cette page n’a pas la clé d’accès à Inbox Guard. Ouvrez l’adresse complète affichée par «\u00A0npm run serve\u00A0»\u00A0: elle contient la clé.',
      );
      await expectFrenchTypography(bare);
      await saveScreenshot(bare, '16-no-token-fr');
    },
    TEST_TIMEOUT,
  );

  describe.skipIf(Boolean(dovecotMissing))('with a real IMAP server (Dovecot)', () => {
    let server: DovecotServer;
    const alice = { user: 'alice', password: 'alice-secret-pw' };
    const bob = { user: 'bob', password: 'bob-secret-pw', email: 'bob@example.org' };

    beforeAll(async () => {
      server = await startDovecot();
      await server.addMessages(alice.user, 'INBOX', [
        fixture(1, 'Bienvenue'),
        fixture(2, 'Votre devis'),
        fixture(3, 'Relance : votre devis'),
      ]);
      await server.addMessages(alice.user, 'Sent', [fixture(4, 'Re: devis'), fixture(5, 'Merci')], {
        seen: true,
      });
      // Bob's mailbox is big enough to page through, and to see a sync under way.
      await server.addMessages(bob.user, 'INBOX', range(INBOX_SIZE).map(mailboxMessage));
      await server.addMessages(
        bob.user,
        'Archive',
        range(ARCHIVE_SIZE).map((n) => mailboxMessage(INBOX_SIZE + n)),
        { seen: true },
      );
    });
    afterAll(async () => {
      await server?.stop();
    });

    /** The add-account form, filled for alice (or `who`). */
    const fillAccountForm = (
      page: Page,
      labels: FormLabels,
      settings: AccountFormSettings,
      who: { email: string; user: string } = { email: 'alice@example.org', user: alice.user },
    ) => fillAddAccountForm(page, labels, settings, who);

    it(
      'adds an account through the form (plain, loopback) and shows its folders with counts',
      async () => {
        const { serve, page } = await openApp('fr-FR');
        await page.getByRole('button', { name: FR.addMailbox }).click();
        await page.getByRole('heading', { name: FR.formTitle }).waitFor();
        await saveScreenshot(page, '06-add-account-empty-fr');

        // A known address fills the provider's servers and shows its hint.
        await page.getByLabel(FR.email).fill('camille.martin@gmail.com');
        expect(await page.getByLabel(FR.provider).inputValue()).toBe('gmail');
        const imap = page.getByRole('group', { name: FR.imapSection });
        expect(await imap.getByLabel(FR.host).inputValue()).toBe('imap.gmail.com');
        expect(await imap.getByLabel(FR.port).inputValue()).toBe('993');
        expect(await imap.getByLabel(FR.user).inputValue()).toBe('camille.martin@gmail.com');
        await page.getByText('Ce fournisseur demande un mot de passe d’application').waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '06b-add-account-gmail-fr');
        await page.getByRole('button', { name: 'Annuler' }).click();

        await fillAccountForm(page, FR, {
          port: server.port,
          security: 'Aucune (cet ordinateur uniquement)',
          password: alice.password,
        });
        // The SMTP part is there, folded away until needed.
        await page.getByText('Envoi (SMTP), pour les lettres d’opposition à venir').click();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '07-add-account-filled-fr');

        await page.getByRole('button', { name: 'Tester la connexion' }).click();
        const success = page.getByRole('status').filter({ hasText: 'Connexion réussie' });
        await success.waitFor();
        expect(await success.innerText()).toMatch(
          /^Connexion réussie\u00A0: \d+ dossiers trouvés\.$/,
        );
        await saveScreenshot(page, '08-add-account-tested-fr');

        await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
        await expectFolderCounts(page, { 'Boîte de réception': 3, Envoyés: 2 });
        // The first sync starts by itself and lands on the triage once its mail is sorted.
        await page
          .getByRole('heading', { name: 'Tri du courrier non sollicité' })
          .waitFor({ timeout: 20_000 });
        await folderButton(page, /^Boîte de réception/).click();
        await expect
          .poll(async () => page.locator('.message-row').count(), { timeout: 20_000 })
          .toBe(3);
        await page.locator('.sync-line', { hasText: 'Synchronisé à l’instant' }).waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '09-account-folders-fr');

        // A change made elsewhere reaches the page through the event stream.
        const listed = await callServeApi(serve, 'accounts.list');
        const [account] = listed.ok ? (listed.value as Array<{ id: string }>) : [];
        expect(account).toBeDefined();
        expect(await callServeApi(serve, 'accounts.remove', { id: account!.id })).toMatchObject({
          ok: true,
        });
        await page.getByRole('heading', { name: 'Bienvenue dans Inbox Guard' }).waitFor();
      },
      TEST_TIMEOUT,
    );

    it(
      'refuses the self-signed certificate, shows its fingerprint, and adds the account once trusted',
      async () => {
        const { page } = await openApp('fr-FR');
        await fillAccountForm(page, FR, {
          port: server.tlsPort,
          security: 'TLS',
          password: alice.password,
        });
        await page.getByRole('button', { name: 'Ajouter', exact: true }).click();

        const refusal = page.locator('[data-error-code="TLS_CERT_UNTRUSTED"]');
        await refusal.waitFor();
        expect(await refusal.locator('.error-sentence').innerText()).toContain(
          `Le certificat de sécurité présenté par 127.0.0.1:${server.tlsPort} n’est pas reconnu.`,
        );
        const fingerprint = page.getByTestId('certificate-fingerprint');
        expect(await fingerprint.textContent()).toBe(server.fingerprint256);
        await page
          .getByRole('heading', { name: 'Certificat présenté par le serveur' })
          .scrollIntoViewIfNeeded();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '10-tls-certificate-refused-fr');

        await page
          .getByRole('button', { name: 'Faire confiance à ce certificat pour ce compte' })
          .click();
        await expectFolderCounts(page, { 'Boîte de réception': 3, Envoyés: 2 });

        // The account's settings show the pinned certificate; removal asks first.
        await page.getByRole('button', { name: 'Réglages de alice@example.org' }).click();
        await page.getByRole('heading', { name: 'Réglages de alice@example.org' }).waitFor();
        await page.locator('.pinned .fingerprint', { hasText: server.fingerprint256 }).waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '11-account-settings-fr');

        // Renaming keeps the saved password and the pinned certificate.
        await page.getByLabel('Nom dans Inbox Guard').fill('Travail');
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
        await page.getByRole('heading', { name: 'Réglages de Travail' }).waitFor();
        await page.locator('.account-name', { hasText: 'Travail' }).waitFor();

        await page.getByRole('button', { name: 'Supprimer ce compte' }).click();
        const dialog = page.getByRole('dialog', { name: 'Supprimer « Travail » ?' });
        await dialog.waitFor();
        await saveScreenshot(page, '12-remove-confirm-fr');
        await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
        await page.getByRole('heading', { name: 'Bienvenue dans Inbox Guard' }).waitFor();
      },
      TEST_TIMEOUT,
    );

    it(
      'syncs a new account by itself, pages and searches thousands of messages, and shows new mail live',
      async () => {
        // Slowed down, the first sync lasts long enough to be seen (and cancelled).
        const proxy = await startSlowProxy({ host: server.host, port: server.port }, SLOW_RATE);
        cleanups.push(() => proxy.close());
        const { page } = await openApp('fr-FR');
        await fillAccountForm(
          page,
          FR,
          {
            port: proxy.port,
            security: 'Aucune (cet ordinateur uniquement)',
            password: bob.password,
          },
          bob,
        );
        await page.getByRole('button', { name: 'Ajouter', exact: true }).click();

        // The first sync starts by itself; the scan shows its folder and its count.
        const sidebar = page.locator('.sidebar');
        const scan = page.getByTestId('sync-progress');
        await scan
          .filter({ hasText: `Synchronisation de ${bob.email}\u00A0: Archives` })
          .filter({ hasText: /[1-9][\d\u202F]* sur 3\u202F000/ })
          .waitFor({ timeout: 30_000 });
        const busyButton = sidebar.getByRole('button', { name: 'Synchronisation…' });
        expect(await busyButton.isDisabled()).toBe(true);
        await sidebar.locator('.sync-line', { hasText: 'Synchronisation…' }).waitFor();
        expect(await scan.count()).toBe(1);
        // The first-run page: the folder under way, what was read of the 3 250 (the Inbox's 250
        // and more), the rate and the time left, and a cancel button.
        const firstSync = page.locator('.first-sync');
        await firstSync
          .getByRole('heading', { name: `Première lecture de ${bob.email}` })
          .waitFor();
        await firstSync.getByText(/^Archives\u00A0: [1-9][\d\u202F]* sur 3\u202F000$/).waitFor();
        const readSoFar = async () => {
          const text = await page.getByTestId('first-sync-read').innerText();
          const match = /^([\d\u202F]+) sur 3\u202F250$/.exec(text);
          return match ? Number(match[1]!.replace(/\u202F/g, '')) : text;
        };
        await expect.poll(readSoFar).toBeGreaterThan(INBOX_SIZE);
        await firstSync.getByText(/^[\d\u202F]+ messages par seconde$/).waitFor();
        await firstSync.getByText(/^\d+\s(secondes?|minutes?)$/).waitFor();
        await expectFrenchTypography(page);
        await expectNoSeriousAxeViolations(page, 'first sync');
        await saveScreenshot(page, '17-first-sync-progress-fr');

        // Cancel: the sync stops where it is, what it read stays and is sorted, then the triage.
        await firstSync.getByRole('button', { name: 'Annuler la synchronisation' }).click();
        await page
          .getByRole('heading', { name: 'Tri du courrier non sollicité' })
          .waitFor({ timeout: 20_000 });
        const syncButton = sidebar.getByRole('button', { name: 'Synchroniser', exact: true });
        await syncButton.waitFor({ timeout: 20_000 });
        await expect.poll(() => syncButton.isEnabled(), { timeout: 20_000 }).toBe(true);
        expect(await scan.count()).toBe(0);
        await folderButton(page, /^Archives/).click();
        const pager = page.locator('.pager-range');
        const partial = await storedTotal(page);
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(ARCHIVE_SIZE);
        await saveScreenshot(page, '18-sync-cancelled-fr');

        // Sync again, at full speed: it resumes and finishes.
        proxy.setRate(null);
        await syncButton.click();
        await expect
          .poll(() => pager.innerText(), { timeout: 30_000 })
          .toBe(`1–100 sur ${frNumber(ARCHIVE_SIZE)}`);
        await sidebar.locator('.sync-line', { hasText: 'Synchronisé à l’instant' }).waitFor();
        await expectFolderCounts(page, {
          'Boîte de réception': frNumber(INBOX_SIZE),
          Archives: frNumber(ARCHIVE_SIZE),
        });

        // Thousands of messages: paging and search stay quick.
        await page.getByRole('button', { name: 'Page suivante' }).click();
        await expect.poll(() => pager.innerText()).toBe(`101–200 sur ${frNumber(ARCHIVE_SIZE)}`);
        const search = page.getByRole('searchbox', { name: 'Rechercher dans ce dossier' });
        const searchStarted = Date.now();
        await search.fill('Pipewise');
        const archiveMatches = countFrom(INBOX_SIZE, ARCHIVE_SIZE, 'Pipewise');
        await expect
          .poll(() => pager.innerText(), { timeout: 5_000 })
          .toBe(`1–100 sur ${frNumber(archiveMatches)}`);
        expect(Date.now() - searchStarted).toBeLessThan(3_000);
        await saveScreenshot(page, '19-archive-search-fr');

        // The Inbox: 250 messages over three pages.
        await folderButton(page, /^Boîte de réception/).click();
        const rows = page
          .getByRole('listbox', { name: 'Messages de Boîte de réception' })
          .getByRole('option');
        await expect.poll(() => pager.innerText()).toBe(`1–100 sur ${INBOX_SIZE}`);
        expect(await rows.count()).toBe(100);
        const firstOfPage1 = await rows.first().locator('.subject').innerText();
        await page.getByRole('button', { name: 'Page suivante' }).click();
        await expect.poll(() => pager.innerText()).toBe(`101–200 sur ${INBOX_SIZE}`);
        expect(await rows.first().locator('.subject').innerText()).not.toBe(firstOfPage1);
        await saveScreenshot(page, '20-inbox-page-2-fr');
        await page.getByRole('button', { name: 'Page suivante' }).click();
        await expect.poll(() => pager.innerText()).toBe(`201–250 sur ${INBOX_SIZE}`);
        expect(await rows.count()).toBe(50);
        expect(await page.getByRole('button', { name: 'Page suivante' }).isDisabled()).toBe(true);

        // Search goes back to the first page and asks the core.
        await search.fill('Garnier');
        const inboxMatches = countFrom(0, INBOX_SIZE, 'Garnier');
        await expect
          .poll(() => pager.innerText(), { timeout: 5_000 })
          .toBe(`1–${inboxMatches} sur ${inboxMatches}`);
        expect(await rows.count()).toBe(inboxMatches);
        const senders = await page.locator('.message-row .sender').allInnerTexts();
        expect(new Set(senders)).toEqual(new Set(['Léonie Garnier']));
        await saveScreenshot(page, '21-inbox-search-fr');
        await search.fill('');
        await expect.poll(() => pager.innerText()).toBe(`1–100 sur ${INBOX_SIZE}`);

        // Live: the connection is up, and a message delivered meanwhile shows by itself.
        const dot = sidebar.locator('.connection-dot');
        await expect
          .poll(() => dot.getAttribute('data-connection'), { timeout: 15_000 })
          .toBe('online');
        expect(await dot.getAttribute('title')).toBe('En ligne\u00A0: nouveaux messages en direct');
        const other = new ImapFlow({
          host: server.host,
          port: server.port,
          secure: false,
          doSTARTTLS: false,
          auth: { user: bob.user, pass: bob.password },
          logger: false,
        });
        await other.connect();
        await other.append('INBOX', liveMessage('Arrivé en direct'));
        await other.logout();
        const appendedAt = Date.now();
        await rows.filter({ hasText: 'Arrivé en direct' }).waitFor({ timeout: 5_000 });
        expect(Date.now() - appendedAt).toBeLessThan(5_000);
        expect(await rows.first().locator('.subject').innerText()).toBe('Arrivé en direct');
        await expect.poll(() => pager.innerText()).toBe(`1–100 sur ${INBOX_SIZE + 1}`);
        await expectFolderCounts(page, { 'Boîte de réception': frNumber(INBOX_SIZE + 1) });
        await rows.first().click();
        await page.locator('#message-subject', { hasText: 'Arrivé en direct' }).waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '22-live-message-fr');

        // The account's settings: live updates, the connection, a test with the saved password.
        await page.getByRole('button', { name: `Réglages de ${bob.email}` }).click();
        const live = page.getByRole('switch', { name: 'Nouveaux messages en direct' });
        expect(await live.isChecked()).toBe(true);
        await page
          .locator('.connection-state', { hasText: 'En ligne\u00A0: nouveaux messages en direct' })
          .waitFor();
        await page.locator('.sync-now-row', { hasText: 'Synchronisé à l’instant' }).waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '23-sync-settings-fr');
        // No password typed: the test uses the saved one (accounts.check).
        await page.getByRole('button', { name: 'Tester la connexion' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /^Connexion réussie\u00A0: \d+ dossiers trouvés\.$/ })
          .waitFor();
        await saveScreenshot(page, '23b-settings-tested-fr');
        // Other settings cannot be tested with the saved password: the form says what to do.
        const port = page.getByRole('group', { name: 'Réception (IMAP)' }).getByLabel('Port');
        await port.fill('1');
        expect(await page.getByRole('button', { name: 'Tester la connexion' }).isDisabled()).toBe(
          true,
        );
        await page
          .getByText('Pour tester ces nouveaux réglages, saisissez le mot de passe')
          .waitFor();
        await port.fill(String(proxy.port));
        expect(await page.getByRole('button', { name: 'Tester la connexion' }).isEnabled()).toBe(
          true,
        );

        // Live off, and on again.
        await live.uncheck();
        await expect.poll(() => dot.getAttribute('data-connection')).toBe('offline');
        await live.check();
        await expect
          .poll(() => dot.getAttribute('data-connection'), { timeout: 15_000 })
          .toBe('online');

        // The same page in English.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: `Settings of ${bob.email}` }).waitFor();
        await page.getByRole('switch', { name: 'New messages live' }).waitFor();
        await sidebar.locator('.sync-line', { hasText: /^Synced / }).waitFor();
        await saveScreenshot(page, '24-sync-settings-en');
        await page.getByRole('button', { name: 'Français' }).click();
        await page.getByRole('heading', { name: `Réglages de ${bob.email}` }).waitFor();

        // The server goes away: a toast says so, naming it, and the dot turns red.
        await proxy.refuse();
        const toast = page.locator('.toast', {
          hasText: `Connexion en direct de ${bob.email} interrompue`,
        });
        await toast.waitFor({ timeout: 15_000 });
        await sidebar.locator('.sync-line', { hasText: 'Connexion au serveur perdue' }).waitFor();
        expect(await toast.innerText()).toContain(`Impossible de joindre 127.0.0.1:${proxy.port}`);
        await expect.poll(() => dot.getAttribute('data-connection')).toBe('error');
        expect(await dot.getAttribute('title')).toMatch(
          new RegExp(
            `^Erreur de connexion\u00A0: Impossible de joindre 127\\.0\\.0\\.1:${proxy.port}`,
          ),
        );
        await expectFrenchTypography(page);
        await saveScreenshot(page, '25-connection-lost-fr');
      },
      SYNC_TEST_TIMEOUT,
    );

    it(
      'says so when the password is wrong (in English)',
      async () => {
        const { page } = await openApp('en-US');
        await page.getByRole('heading', { name: 'Welcome to Inbox Guard' }).waitFor();
        await saveScreenshot(page, '13-welcome-en');
        await fillAccountForm(page, EN, {
          port: server.port,
          security: 'None (this computer only)',
          password: 'not-the-password',
        });
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        const refusal = page.locator('[data-error-code="AUTH_FAILED"]');
        await refusal.waitFor();
        expect(await refusal.locator('.error-sentence').innerText()).toBe(
          `User name or password refused by 127.0.0.1:${server.port}. Check both; Gmail, Outlook, Yahoo and iCloud require an app password rather than your usual one.`,
        );
        await saveScreenshot(page, '14-wrong-password-en');

        // The same in French, from the switch.
        await page.getByRole('button', { name: 'Français' }).click();
        await page
          .locator('[data-error-code="AUTH_FAILED"] .error-sentence', {
            hasText: `Identifiant ou mot de passe refusé par 127.0.0.1:${server.port}.`,
          })
          .waitFor();
        await expectFrenchTypography(page);
        await saveScreenshot(page, '15-wrong-password-fr');
      },
      TEST_TIMEOUT,
    );
  });
});

/** Waits for each folder to show in the sidebar with exactly this message count. */
async function expectFolderCounts(page: Page, counts: Record<string, number | string>) {
  for (const [name, count] of Object.entries(counts)) {
    const folder = folderButton(page, new RegExp(`^${name}`));
    await folder.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => folder.locator('.folder-count').innerText(), { timeout: 10_000 })
      .toBe(String(count));
  }
}

/** The total the pager shows ("1–100 sur 1 234" gives 1234), once the list has answered. */
async function storedTotal(page: Page): Promise<number> {
  const pager = page.locator('.pager-range');
  await pager.waitFor();
  const match = /sur ([\d\u202F]+)$/.exec(await pager.innerText());
  return Number((match?.[1] ?? '').replace(/\u202F/g, ''));
}

/** Numbers as the French UI writes them (3 000, with a narrow no-break space). */
function frNumber(n: number): string {
  return new Intl.NumberFormat('fr-FR').format(n);
}

const INBOX_SIZE = 250;
const ARCHIVE_SIZE = 3000;
/** Server-to-client bytes per second through the slow proxy during the first sync. */
const SLOW_RATE = 150_000;
const SYNC_TEST_TIMEOUT = 180_000;

const SENDERS = [
  ['Léonie Garnier', 'leonie@garnier-menuiserie.fr'],
  ['Projetrack', 'hello@projetrack.io'],
  ['Maison Lumière', 'news@maison-lumiere.fr'],
  ['Plandoria', 'events@plandoria.com'],
  ['Nicolas Perrin', 'nicolas.perrin@atelier-perrin.fr'],
  ['Pipewise', 'sales@pipewise.co'],
  ['Cyclo Mistral', 'promo@cyclo-mistral.fr'],
  ['Banque Rivage', 'alertes@banque-rivage.fr'],
] as const;
/** What each sender writes about, in the same order. */
const SUBJECTS = [
  'Votre devis n°{n}',
  'Quick question about your projects',
  'Soldes d’hiver : jusqu’à -40 % sur les luminaires',
  'Webinar BIM du jeudi : dernières places',
  'Plans du rez-de-chaussée, version {n}',
  'Relance : notre échange de la semaine dernière',
  'Nouvelle collection vélo, livraison offerte',
  'Votre relevé de compte est disponible',
];
/** The newest message of bob's mailbox is a day old: one delivered now tops the list. */
const MAILBOX_NEWEST = Date.now() - 24 * 3_600_000;
/** Marketing through a platform carries List-Unsubscribe. */
const MARKETING = new Set([2, 3, 5, 6]);

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Message n of bob's mailbox: one of eight senders in turn, each three hours older. */
function mailboxMessage(n: number): string {
  const k = n % SENDERS.length;
  const [name, address] = SENDERS[k]!;
  const date = new Date(MAILBOX_NEWEST - n * 3 * 3_600_000);
  return [
    `From: ${name} <${address}>`,
    'To: bob@example.org',
    `Subject: ${SUBJECTS[k]!.replace('{n}', String(1000 + n))}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <bob-${n}@e2e.example>`,
    ...(MARKETING.has(k)
      ? [`List-Unsubscribe: <mailto:unsubscribe+${n}@${address.split('@')[1]}>`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Bonjour, ceci est le message ${n}.`,
    '',
  ].join('\r\n');
}

/** How many of messages first..first+count-1 come from a sender whose name holds `name`. */
function countFrom(first: number, count: number, name: string): number {
  return range(count).filter((i) => SENDERS[(first + i) % SENDERS.length]![0].includes(name))
    .length;
}

/** A message delivered now, so it tops the list. */
function liveMessage(subject: string): string {
  return [
    'From: Sophie Laurent <sophie@agence-laurent.fr>',
    'To: bob@example.org',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'Message-ID: <live-1@e2e.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Bonjour Bob, je vous écris en direct.',
    '',
  ].join('\r\n');
}

function fixture(n: number, subject: string): string {
  return [
    `From: Client ${n} <client${n}@example.net>`,
    'To: alice@example.org',
    `Subject: ${subject}`,
    `Date: Tue, 4 Nov 2025 10:0${n}:00 +0100`,
    `Message-ID: <e2e-${n}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Message ${n}.`,
    '',
  ].join('\r\n');
}
