/**
 * The message preview is safe (issue 16, end-to-end test 4): a message built
 * to leak (remote images, a tracking pixel, <script>, <meta refresh>, <base>,
 * <link>, CSS @import and url(), an SVG with a script, a form, a javascript:
 * link) is opened in Chromium over the real serve mode and a real Dovecot.
 * No request leaves the page for anything but the app's own origin, the trap
 * server it points at hears nothing, no script runs, and the notice counts
 * what was blocked. A link opens only after a confirmation that shows its host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { expectFrenchTypography, useAppSessions } from '../support/app-session.js';
import { callServeApi, chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import {
  HOSTILE_BLOCKED,
  HOSTILE_SUBJECT,
  hostileMessage,
  PLAIN_SUBJECT,
  plainMessage,
} from '../support/hostile-mail.js';

const missing = chromiumUnavailableReason() ?? dovecotUnavailableReason();
if (missing) console.warn(`[e2e] preview skipped: ${missing}`);
const TEST_TIMEOUT = 90_000;
const NBSP = '\u00A0';
const NNBSP = '\u202F';

const app = useAppSessions(Boolean(missing));

describe.skipIf(Boolean(missing))('Message preview safety (serve mode, Dovecot)', () => {
  let server: DovecotServer;
  let trap: Server;
  let trapOrigin: string;
  const trapHits: string[] = [];

  beforeAll(async () => {
    trap = createServer((req, res) => {
      trapHits.push(req.url ?? '');
      res.end('trap');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [hostileMessage(trapOrigin), plainMessage()]);
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => trap?.close(resolve));
  });

  /** The app with alice's account synced, its inbox open. */
  async function openInbox() {
    const { serve, page } = await app.openApp('fr-FR');
    const added = await callServeApi(serve, 'accounts.add', {
      email: 'alice@exemple.fr',
      provider: 'custom',
      password: 'alice-secret-pw',
      imap: { host: '127.0.0.1', port: server.port, security: 'plain', user: 'alice' },
    });
    if (!added.ok) throw new Error(`accounts.add failed: ${added.error.message}`);
    const accountId = (added.value as { id: string }).id;
    // Synced before the page looks: the list then shows the inbox as it is.
    const synced = await callServeApi(serve, 'sync.run', { accountId });
    expect(synced.ok).toBe(true);
    await page.reload();
    const rows = page.locator('.message-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    return { serve, page };
  }

  /** The sanitized document in the frame, read from the page (the frame runs no script). */
  function frameHtml(page: Page): Promise<string> {
    return page.evaluate<string>(
      `document.querySelector('.mail-frame iframe').contentDocument.documentElement.outerHTML`,
    );
  }

  it(
    'blocks every remote item and script, counts them, and asks before opening a link',
    async () => {
      const { serve, page } = await openInbox();
      const appOrigin = new URL(serve.url).origin;
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const titleBefore = await page.title();

      await page.locator('.message-row', { hasText: HOSTILE_SUBJECT }).click();
      const notice = page.locator('.blocked-notice');
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.innerText()).toBe(
        `${HOSTILE_BLOCKED.remote} éléments distants bloqués${NBSP}: rien n’a été chargé, ` +
          `l’expéditeur ne sait pas que vous avez ouvert ce message. ` +
          `Dont ${HOSTILE_BLOCKED.trackers} pixel espion.`,
      );
      const frame = page.locator('.mail-frame iframe');
      expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin');
      // The frame has drawn its content (the logo is inline data) before anything is judged.
      await expect
        .poll(() =>
          page.evaluate<number>(
            `document.querySelector('.mail-frame iframe').contentDocument.images.length`,
          ),
        )
        .toBe(4);
      await page.waitForTimeout(500);

      const html = await frameHtml(page);
      expect(html).toContain('Soldes d’hiver');
      for (const gone of [
        '<script',
        '<meta http-equiv="refresh"',
        '<base',
        '<link',
        '<form',
        '<svg',
        'onerror',
        'javascript:',
        '@import',
      ]) {
        expect(html, gone).not.toContain(gone);
      }
      expect(html).not.toContain(trapOrigin.replace('http://', '') + '/bg.png');
      expect(html).not.toMatch(/url\((?!"?data:)/);
      // Only the inline logo keeps a source; the safe link keeps its real target in view.
      const sources = await page.evaluate<string[]>(
        `[...document.querySelector('.mail-frame iframe').contentDocument.images].map((i) => i.getAttribute('src') ?? '')`,
      );
      expect(sources.filter((s) => s !== '')).toHaveLength(1);
      expect(sources.find((s) => s !== '')).toMatch(/^data:image\/png;base64,/);
      const link = page
        .frameLocator('.mail-frame iframe')
        .getByRole('link', { name: 'Voir les soldes' });
      expect(await link.getAttribute('title')).toBe(`${trapOrigin}/soldes?utm_source=mail`);
      expect(
        await page.frameLocator('.mail-frame iframe').getByText('Cliquez ici').getAttribute('href'),
      ).toBeNull();

      // No script ran: the page title is untouched, the trap heard nothing, no request left.
      expect(await page.title()).toBe(titleBefore);
      expect(trapHits).toEqual([]);
      expect(requests.filter((url) => new URL(url).origin !== appOrigin)).toEqual([]);
      await expectFrenchTypography(page);
      await page.locator('.message-body').scrollIntoViewIfNeeded();
      await saveScreenshot(page, '40-preview-blocked-fr');

      // A link: the confirmation shows the host; cancelling opens nothing.
      await link.click();
      const dialog = page.getByRole('dialog', {
        name: `Ouvrir ce lien dans votre navigateur${NNBSP}?`,
      });
      await dialog.waitFor();
      expect(await dialog.locator('.link-host').innerText()).toBe(new URL(trapOrigin).host);
      await expectFrenchTypography(page);
      await saveScreenshot(page, '41-preview-link-confirm-fr');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(trapHits).toEqual([]);

      // Confirmed, it opens in a new tab (the system browser in the desktop app).
      await link.click();
      const opened = page.context().waitForEvent('page');
      await dialog.getByRole('button', { name: 'Ouvrir le lien' }).click();
      const tab = await opened;
      await tab.waitForLoadState();
      expect(tab.url()).toBe(`${trapOrigin}/soldes?utm_source=mail`);
      // The tab asks for its icon too: nothing else reached the trap.
      expect(trapHits[0]).toBe('/soldes?utm_source=mail');
      expect(new Set(trapHits.slice(1))).toEqual(
        new Set(trapHits.length > 1 ? ['/favicon.ico'] : []),
      );
      await tab.close();
      expect(requests.filter((url) => new URL(url).origin !== appOrigin)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows plain text as text',
    async () => {
      const { page } = await openInbox();
      await page.locator('.message-row', { hasText: PLAIN_SUBJECT }).click();
      const text = page.locator('.message-text');
      await text.waitFor({ timeout: 20_000 });
      expect(await text.innerText()).toContain('<b>Ceci n’est pas du gras</b>');
      expect(await page.locator('.message-body img, .message-body b').count()).toBe(0);
      expect(await page.locator('.mail-frame').count()).toBe(0);
      await saveScreenshot(page, '42-preview-plain-fr');
    },
    TEST_TIMEOUT,
  );
});
