/**
 * The triage on a store with more groups than its first page (generated, as
 * the bench's): the header counts every group and message from the start,
 * and the last group is reached from the keyboard, its page loaded as it
 * comes into view. Chromium over the serve mode.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTriageStore } from '../../bench/triage-store.sql.js';
import { DATABASE_FILE } from '../../electron/data-dir.js';
import { openDatabase } from '../../electron/store/db.js';
import { createTriageReader } from '../../electron/triage/index.js';
import type { TriageGroup } from '../../shared/api/triage.js';
import {
  chromiumUnavailableReason,
  launchChromium,
  openAppPage,
  startServeProcess,
  type ServeProcess,
} from '../support/browser.js';

const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) console.warn(`[e2e] triage pages skipped: ${chromiumMissing}`);

describe.skipIf(Boolean(chromiumMissing))('Triage beyond its first page (serve mode)', () => {
  let serve: ServeProcess | undefined;
  afterAll(async () => {
    await serve?.stop();
  });

  it('counts every group at once and reaches the last one by keyboard', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-e2e-pages-'));
    const file = path.join(dataDir, DATABASE_FILE);
    writeTriageStore(file, { messages: 2000, accounts: 1, advertisers: 400 });
    const db = openDatabase(file);
    const groups: TriageGroup[] = createTriageReader(db).groups('advertiser', 'bench-0');
    db.close();
    expect(groups.length).toBeGreaterThan(250);
    const last = groups.at(-1)!;

    serve = await startServeProcess({ dataDir, timeoutMs: 60_000 });
    const browser = await launchChromium();
    try {
      const { page, pageErrors } = await openAppPage(browser, serve.url, 'en-US');
      const asked: unknown[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/triage.groupPage')) asked.push(r.postDataJSON());
      });
      await page.getByRole('button', { name: 'Triage', exact: true }).click();
      const list = page.getByRole('list', { name: 'Unsolicited mail by advertiser' });
      await list.locator('.triage-row-group').first().waitFor({ timeout: 30_000 });
      // The first screen needed the first page only.
      expect(asked).toEqual([expect.objectContaining({ offset: 0, limit: 100 })]);
      expect(await page.locator('.triage-header > p.muted').innerText()).toBe(
        `2,000 unsolicited messages in ${groups.length} groups`,
      );
      // Every group has its row (loaded or on its way): the list is as long as the whole.
      expect(await list.locator('.triage-row').first().getAttribute('aria-setsize')).toBe(
        String(groups.length),
      );

      await list.locator('.triage-row').first().focus();
      await page.keyboard.press('End');
      const lastRow = list.locator(`.triage-row[aria-posinset="${groups.length}"]`);
      await expect
        .poll(
          () =>
            lastRow
              .locator('.triage-label')
              .innerText()
              .catch(() => ''),
          {
            timeout: 15_000,
          },
        )
        .toBe(`${last.label} — ${last.key}`);
      expect(await lastRow.locator('.triage-count').innerText()).toBe(
        last.count === 1 ? '1 message' : `${last.count} messages`,
      );
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
