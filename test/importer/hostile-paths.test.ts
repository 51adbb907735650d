/**
 * Issue 10, faults 5 and 10c: `import.local` takes only regular files and
 * folders, refuses devices and pipes at once, imports only what looks like
 * mail, follows symlinks and reports them, and leaves no empty account behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testMessage } from '../support/mail.js';
import { createTestCore, type TestCore } from '../support/core.js';

/** A root-only shadow file's shape: `name:value` lines, which once passed for a header block. */
const SHADOW_LIKE = [
  'root:$y$j9T$Fq0bQ5yB0p3m8cXkqv9vM1$yd5mOa7k4bW0l5VqC9w8zDkEx0mZs3b1QeKJ7r1w2m9:19700:0:99999:7:::',
  'daemon:*:19700:0:99999:7:::',
  'bin:*:19700:0:99999:7:::',
  '',
].join('\n');

/** A YAML configuration file (netplan): `key: value` lines and a blank line. */
const YAML_CONFIG = [
  'network:',
  '  version: 2',
  '  renderer: networkd',
  '',
  'ethernets:',
  '  eth0:',
  '    dhcp4: true',
  '',
].join('\n');

let dir: string;
let t: TestCore;
beforeAll(() => {
  t = createTestCore();
});
afterAll(() => t.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-hostile-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a failing import and checks it created no account. */
async function failedImport(inputPath: string) {
  const before = await t.value('accounts.list', {});
  const result = await t.call('import.local', { path: inputPath });
  expect(await t.value('accounts.list', {})).toEqual(before);
  return result;
}

describe('import.local refuses what is not a file or a folder', () => {
  it('refuses /dev/zero at once, naming it a device', async () => {
    expect(await failedImport('/dev/zero')).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/device/) },
    });
  });

  it('refuses a named pipe without opening it (the call returns, with the reason)', async () => {
    const fifo = path.join(dir, 'export.mbox');
    execFileSync('mkfifo', [fifo]);
    expect(await failedImport(fifo)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/named pipe/) },
    });
  });

  it('skips a named pipe inside a folder with its reason and imports the rest', async () => {
    writeFileSync(path.join(dir, 'a.eml'), testMessage(1));
    execFileSync('mkfifo', [path.join(dir, 'b.eml')]);
    const report = await t.value('import.local', { path: dir });
    expect(report.imported).toBe(1);
    expect(report.skipped).toEqual([
      { source: path.join(dir, 'b.eml'), reason: expect.stringMatching(/named pipe/) },
    ]);
  });
});

describe('import.local imports only what looks like mail', () => {
  it.each([
    ['a shadow-like file', 'shadow', SHADOW_LIKE],
    ['a YAML configuration file', 'netplan.yaml', YAML_CONFIG],
  ])('refuses %s, keeps none of its content, and leaves no account', async (_, name, text) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    expect(await failedImport(file)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/not an email message/) },
    });
  });

  it('reports each file of a folder that is not mail, with its reason', async () => {
    writeFileSync(path.join(dir, 'a.eml'), testMessage(1));
    writeFileSync(path.join(dir, 'config.eml'), YAML_CONFIG);
    writeFileSync(path.join(dir, 'notes.txt'), 'not mail');
    const report = await t.value('import.local', { path: dir });
    expect(report.imported).toBe(1);
    expect(report.skipped).toEqual([
      {
        source: path.join(dir, 'config.eml'),
        reason: expect.stringMatching(/not an email message/),
      },
      { source: path.join(dir, 'notes.txt'), reason: expect.stringMatching(/not an \.eml file/) },
    ]);
  });

  it('leaves no empty account when nothing in a folder was mail', async () => {
    writeFileSync(path.join(dir, 'config.eml'), YAML_CONFIG);
    writeFileSync(path.join(dir, 'empty.eml'), '');
    expect(await failedImport(dir)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/empty file/) },
    });
  });
});

describe('import.local follows symlinks and reports them', () => {
  it('imports what a link in a folder points to, and skips broken links with a reason', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'ig-hostile-target-'));
    try {
      writeFileSync(path.join(outside, 'real.eml'), testMessage(2));
      const folder = path.join(dir, 'mail');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'a.eml'), testMessage(1));
      symlinkSync(path.join(outside, 'real.eml'), path.join(folder, 'b.eml'));
      symlinkSync(path.join(outside, 'gone.eml'), path.join(folder, 'c.eml'));
      symlinkSync(folder, path.join(folder, 'loop'));
      const report = await t.value('import.local', { path: folder });
      expect(report.imported).toBe(2);
      expect(report.followedLinks).toEqual([
        { source: path.join(folder, 'b.eml'), target: path.join(outside, 'real.eml') },
      ]);
      expect(report.skipped).toEqual([
        { source: path.join(folder, 'c.eml'), reason: expect.stringMatching(/broken link/) },
        { source: path.join(folder, 'loop'), reason: expect.stringMatching(/already read/) },
      ]);
      const list = await t.value('messages.list', { accountId: report.accountId });
      expect(list.items.map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 2']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('resolves a link given as the path and refuses one that points to a device', async () => {
    writeFileSync(path.join(dir, 'real.eml'), testMessage(3));
    symlinkSync(path.join(dir, 'real.eml'), path.join(dir, 'link.eml'));
    const report = await t.value('import.local', { path: path.join(dir, 'link.eml') });
    expect(report).toMatchObject({
      imported: 1,
      followedLinks: [{ source: path.join(dir, 'link.eml'), target: path.join(dir, 'real.eml') }],
    });
    symlinkSync('/dev/zero', path.join(dir, 'zero.mbox'));
    expect(await failedImport(path.join(dir, 'zero.mbox'))).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/device/) },
    });
  });
});
