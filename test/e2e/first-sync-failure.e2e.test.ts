/**
 * The first sync of a new mailbox loses its server part-way, in Chromium
 * (serve mode) against a real Dovecot: the first-run page says the
 * connection dropped and when it tries again, then resumes by itself; a
 * failure a person must fix (the password changed on the server) stops it
 * with a sentence to act on and "Try again". Each time the sync resumes where
 * it stopped and ends with exactly the server's messages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumUnavailableReason, saveScreenshot } from '../support/browser.js';
import { useAppSessions } from '../support/app-session.js';
import { dovecotUnavailableReason, startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { EN, fillAddAccountForm } from './account-form.js';
import { startSlowProxy } from '../servers/slow-proxy.js';

const missing = chromiumUnavailableReason() ?? dovecotUnavailableReason();
if (missing) console.warn(`[e2e] first sync failures skipped: ${missing}`);
const app = useAppSessions(Boolean(missing));

const COUNT = 3000;
/** Slow enough for the sync to be under way when the server goes. */
const SLOW_RATE = 100_000;
const carol = { user: 'carol', password: 'carol-secret-pw', email: 'carol@example.org' };

describe.skipIf(Boolean(missing))('a first sync that loses its server (Chromium, Dovecot)', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({ users: [carol] });
    await server.addMessages(carol.user, 'INBOX', range(COUNT).map(message));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says it will try again, resumes by itself, stops on a refused password, and resumes from "Try again"', async () => {
    const proxy = await startSlowProxy({ host: server.host, port: server.port }, SLOW_RATE);
    app.cleanups.push(() => proxy.close());
    const { page } = await app.openApp('en-US');
    await fillAddAccountForm(
      page,
      EN,
      { port: proxy.port, security: 'None (this computer only)', password: carol.password },
      carol,
    );
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const firstSync = page.locator('.first-sync');
    await firstSync
      .getByRole('heading', { name: `Reading ${carol.email} for the first time` })
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => readSoFar(page), { timeout: 30_000 }).toBeGreaterThan(0);

    // The server goes away: the page says so, names it, and counts down to the next attempt.
    await proxy.refuse();
    const retry = page.getByTestId('first-sync-retry');
    await retry.waitFor({ timeout: 20_000 });
    // The first attempt after the drop finds the connection cut, the next ones find no server.
    const at = `127\\.0\\.0\\.1:${proxy.port}`;
    expect(await retry.innerText()).toMatch(
      new RegExp(
        `^Connection lost\\n(The connection to ${at} was cut|Cannot reach ${at})\\..*` +
          `Trying again (in \\d+ seconds?|now) \\(attempt [2-8] of 8\\)`,
        's',
      ),
    );
    await page.locator('.sync-line', { hasText: 'Connection lost, trying again…' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'first sync retrying');
    await saveScreenshot(page, '17b-first-sync-retrying-en');
    const readBeforeDrop = await readSoFar(page);

    // Back: the sync goes on by itself from where it was, and the notice goes.
    await proxy.accept();
    await retry.waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => readSoFar(page), { timeout: 30_000 }).toBeGreaterThan(readBeforeDrop);

    // The password changes on the server and the connection drops: no retry can help.
    await server.setPassword(carol.user, 'changed-on-the-server');
    proxy.cut();
    const refused = firstSync.locator('[data-error-code="AUTH_FAILED"]');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.locator('.error-sentence').innerText()).toContain(
      `User name or password refused by 127.0.0.1:${proxy.port}.`,
    );
    await firstSync
      .getByText('What was read is kept: the next sync resumes where this one stopped.')
      .waitFor();
    await expectNoSeriousAxeViolations(page, 'first sync failed');
    await saveScreenshot(page, '17c-first-sync-failed-en');

    // Fixed on the server: "Try again" resumes, at full speed, and lands on the triage.
    await server.setPassword(carol.user, carol.password);
    proxy.setRate(null);
    await firstSync.getByRole('button', { name: 'Try again' }).click();
    await page
      .getByRole('heading', { name: 'Triage of unsolicited mail' })
      .waitFor({ timeout: 60_000 });
    // Exactly the server's messages: none lost to the drops, none stored twice.
    const inbox = page.locator('.folder-list').getByRole('button', { name: /^Inbox/ });
    await expect
      .poll(() => inbox.locator('.folder-count').innerText(), { timeout: 20_000 })
      .toBe(COUNT.toLocaleString('en-US'));
  }, 180_000);
});

/** "Messages read" on the first-run page, as a number (0 before the first count). */
async function readSoFar(page: Page): Promise<number> {
  const cell = page.getByTestId('first-sync-read');
  if ((await cell.count()) === 0) return 0;
  const text = await cell.innerText();
  return Number(/^([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function message(n: number): string {
  return [
    `From: Sender ${n % 40} <sender${n % 40}@shop-${n % 40}.example>`,
    `To: ${carol.email}`,
    `Subject: Offer number ${n}`,
    `Date: ${new Date(Date.UTC(2026, 10, 1) - n * 3_600_000).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <carol-${n}@e2e.example>`,
    'X-Padding: ' + 'p'.repeat(300),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is message ${n}.`,
    '',
  ].join('\r\n');
}
