/**
 * Serve mode's last resort: an exception or a promise rejection no handler
 * caught (a bug) is logged, and the server keeps answering.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { startServeProcess } from './serve-process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-last-resort-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('logs a stray exception and rejection and keeps serving', async () => {
  const serve = await startServeProcess(dataDir, {
    preload: [path.join(import.meta.dirname, 'stray-errors.preload.ts')],
  });
  try {
    serve.child.kill('SIGUSR2');
    const log = path.join(dataDir, 'logs', 'inbox-guard.log');
    await vi.waitFor(
      () => {
        const text = readFileSync(log, 'utf8');
        expect(text).toMatch(/ ERROR uncaught exception .*stray exception made by the test/);
        expect(text).toMatch(
          / ERROR unhandled promise rejection .*stray rejection made by the test/,
        );
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(await serve.call('app.info')).toMatchObject({ ok: true });
  } finally {
    expect(await serve.stop()).toBe(0);
  }
});
