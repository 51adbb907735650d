/**
 * Issue 10, fault 7: a file that cannot be read is skipped with its reason;
 * the import goes on and keeps what it read, and an import that found nothing
 * leaves no account behind. Runs as `nobody` (CI runs as root, who reads all).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testMessage } from '../support/mail.js';
import { childDataDir, importInChild } from './run-import-child.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-unreadable-'));
  chmodSync(dir, 0o755); // readable by the unprivileged child, except the one 000 file
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('an unreadable file', () => {
  it('is skipped with its reason while the rest of the folder is imported', async () => {
    const folder = path.join(dir, 'mail');
    mkdirSync(folder);
    for (const n of [1, 2, 3]) writeFileSync(path.join(folder, `${n}.eml`), testMessage(n));
    chmodSync(path.join(folder, '2.eml'), 0o000);
    const child = await importInChild(childDataDir(dir), folder, { unprivileged: true });
    expect(child.result).toMatchObject({
      ok: true,
      value: {
        imported: 2,
        skipped: [
          {
            source: path.join(folder, '2.eml'),
            reason: expect.stringMatching(/permission denied/),
          },
        ],
      },
    });
  }, 30_000);

  it('given alone, fails the import with its reason and leaves no account', async () => {
    const file = path.join(dir, 'export.mbox');
    writeFileSync(file, `From a@b Mon Nov  2 10:00:00 2026\n${testMessage(1)}`);
    chmodSync(file, 0o000);
    const child = await importInChild(childDataDir(dir), file, { unprivileged: true });
    expect(child.result).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/permission denied/) },
    });
    expect(child.accounts).toEqual({ ok: true, value: [] });
  }, 30_000);
});
