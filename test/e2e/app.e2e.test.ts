/**
 * The app end to end: the built UI in Debian's Chromium, the real serve mode
 * as a child process, and a real Dovecot. Each test gets its own serve
 * process and data folder. Screenshots of every screen go to
 * test-artifacts/screenshots/ (git-ignored) for a person to look at.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callServeApi,
  chromiumUnavailableReason,
  launchChromium,
  openAppPage,
  RENDERER_INDEX,
  saveScreenshot,
  startServeProcess,
} from '../support/browser.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';

const chromiumMissing = chromiumUnavailableReason();
const dovecotMissing = dovecotUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] skipped: ${chromiumMissing}`);
else if (dovecotMissing) console.warn(`[e2e] Dovecot tests skipped: ${dovecotMissing}`);

const TEST_TIMEOUT = 90_000;

let browser: Browser;
/** Everything a test opened, closed after it whatever happened. */
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  if (chromiumMissing) return;
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(
      `The UI is not built (${RENDERER_INDEX} is missing). Run "npm run build:renderer" first; "npm test" does it before vitest.`,
    );
  }
  browser = await launchChromium();
});

afterEach(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((err: unknown) => errors.push(err));
  }
  if (errors.length) throw errors[0];
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh serve process and a page on it, in the given language. */
async function openApp(locale: 'fr-FR' | 'en-US') {
  const serve = await startServeProcess();
  cleanups.push(() => serve.stop());
  const { context, page, pageErrors } = await openAppPage(browser, serve.url, locale);
  cleanups.push(async () => {
    await context.close();
    // After the page is gone, so the error list is final.
    expect(pageErrors, 'errors in the page (script errors, CSP violations)').toEqual([]);
  });
  return { serve, page };
}

/**
 * French typography: no ordinary space where a no-break space belongs. Only
 * the UI's own words are checked: mail content is marked translate="no".
 */
async function expectFrenchTypography(page: Page) {
  // A string, not a function: the tests are type-checked without the DOM library.
  const text = await page.evaluate<string>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('[translate="no"], script, style')) {
        parts.push(node.textContent ?? '');
      }
    }
    return parts.join('\\n');
  })()`);
  const badSpaces = text.match(/.{0,20}(?: [:;?!»]|« ).{0,20}/g) ?? [];
  expect(badSpaces, 'ordinary spaces before : ; ? ! » or after «').toEqual([]);
}

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
      await expect.poll(async () => rows.count(), { timeout: 5_000 }).toBeLessThan(inboxCount);
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
        browser,
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
    });
    afterAll(async () => {
      await server?.stop();
    });

    /** The add-account form, reached from the welcome screen, filled for alice. */
    async function fillAccountForm(
      page: Page,
      labels: FormLabels,
      settings: { port: number; security: string; password: string },
    ) {
      await page.getByRole('button', { name: labels.addMailbox }).click();
      await page.getByRole('heading', { name: labels.formTitle }).waitFor();
      await page.getByLabel(labels.email).fill('alice@example.org');
      // example.org is no known provider: the form guesses "custom" by itself.
      expect(await page.getByLabel(labels.provider).inputValue()).toBe('custom');
      const imap = page.getByRole('group', { name: labels.imapSection });
      await imap.getByLabel(labels.host).fill('127.0.0.1');
      await imap.getByLabel(labels.security).selectOption({ label: settings.security });
      await imap.getByLabel(labels.port).fill(String(settings.port));
      await imap.getByLabel(labels.user).fill(alice.user);
      await imap.getByLabel(labels.password).fill(settings.password);
    }

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
        await page.getByText(/Le serveur compte 3 messages dans ce dossier/).waitFor();
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

interface FormLabels {
  addMailbox: string;
  formTitle: string;
  email: string;
  provider: string;
  imapSection: string;
  host: string;
  port: string;
  security: string;
  user: string;
  password: string;
}

const FR: FormLabels = {
  addMailbox: 'Ajouter une boîte mail',
  formTitle: 'Ajouter une boîte mail',
  email: 'Adresse e-mail',
  provider: 'Fournisseur',
  imapSection: 'Réception (IMAP)',
  host: 'Serveur',
  port: 'Port',
  security: 'Sécurité',
  user: 'Identifiant',
  password: 'Mot de passe',
};

const EN: FormLabels = {
  addMailbox: 'Add a mailbox',
  formTitle: 'Add a mailbox',
  email: 'Email address',
  provider: 'Provider',
  imapSection: 'Incoming (IMAP)',
  host: 'Server',
  port: 'Port',
  security: 'Security',
  user: 'User name',
  password: 'Password',
};

/** Waits for each folder to show in the sidebar with exactly this message count. */
async function expectFolderCounts(page: Page, counts: Record<string, number>) {
  for (const [name, count] of Object.entries(counts)) {
    const folder = folderButton(page, new RegExp(`^${name}`));
    await folder.waitFor({ timeout: 20_000 });
    expect(await folder.locator('.folder-count').innerText()).toBe(String(count));
  }
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
