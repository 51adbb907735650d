/**
 * The desktop app itself, through Playwright's Electron driver: the hardened
 * window opens on the same UI, and the preload exposes exactly the API
 * object. The Electron binary is downloaded on first use from outside the
 * package registries, which our build machines cannot reach: where it is
 * absent this test says so and skips. It never triggers the download.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The binary's path, read the way electron's index.js does, without its download fallback. */
function electronBinary(): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built =
  existsSync(path.join(root, 'dist', 'electron', 'main.js')) &&
  existsSync(path.join(root, 'dist', 'renderer', 'index.html'));
const reason = !binary
  ? 'the Electron binary is not installed (it downloads from outside the npm registry, unreachable here)'
  : !built
    ? 'the app is not built (run npm run build)'
    : null;
if (reason) console.warn(`[skip] desktop app through Electron: ${reason}`);

describe.skipIf(reason !== null)('desktop app (Electron)', () => {
  it('opens one hardened window with the API bridge and no Node in the page', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({
      executablePath: binary!,
      args: [root, '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'ig-electron-'))],
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.title()).toBe('Inbox Guard');
      expect(
        await page.evaluate(() =>
          Object.keys((globalThis as unknown as { inboxGuard: object }).inboxGuard).sort(),
        ),
      ).toEqual(['call', 'onEvent']);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      const info = await page.evaluate(() =>
        (
          globalThis as unknown as { inboxGuard: { call(n: string, i: unknown): Promise<unknown> } }
        ).inboxGuard.call('app.info', {}),
      );
      expect(info).toMatchObject({ ok: true, value: { secretsBackend: 'safeStorage' } });
    } finally {
      await app.close();
    }
  });
});
