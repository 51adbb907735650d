/** `inbox-guard run-rules`: its arguments, and refusing a data folder that is not one. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('inbox-guard run-rules', () => {
  it('refuses unknown options and options without their value (exit 1)', async () => {
    for (const args of [
      ['--force'],
      ['--account'],
      ['--data-dir', '--dry-run'],
      ['--batch', '0'],
      ['--batch', 'all'],
    ]) {
      const c = io();
      expect(await main(['run-rules', ...args], c.io)).toBe(1);
      expect(c.err.join('\n')).toMatch(/usage: inbox-guard run-rules/);
    }
  });

  it('does not make a new data folder out of a mistyped one (exit 1, nothing created)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-rules-cli-'));
    try {
      const c = io();
      expect(await main(['run-rules', '--data-dir', path.join(dir, 'typo')], c.io)).toBe(1);
      expect(c.err.join('\n')).toMatch(/no Inbox Guard data in .*typo/);
      expect(
        await main(['run-rules', '--dry-run', '--data-dir', path.join(dir, 'typo')], c.io),
      ).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
