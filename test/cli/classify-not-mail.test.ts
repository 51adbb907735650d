/**
 * Issue 10, faults 7 and 9: `inbox-guard classify` gives no verdict to what is
 * not mail (the importer's own check), says why on stderr, reports per-file
 * errors as `{file, error}` objects with --json, exits non-zero when something
 * was not classified, and goes on past a file it cannot read.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { testMessage } from '../support/mail.js';
import { commandAsUnprivileged, ROOT } from '../importer/run-import-child.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-cli-not-mail-'));
  chmodSync(dir, 0o755); // readable by the unprivileged child, except the one 000 file
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function classify(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['classify', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

describe('inbox-guard classify on what is not mail', () => {
  it('gives no verdict to a 0-byte file: an error line and exit 2', async () => {
    const file = path.join(dir, 'empty.eml');
    writeFileSync(file, '');
    const { code, out, err } = await classify([file]);
    expect(out).toEqual([]);
    expect(err).toEqual([`inbox-guard classify: ${file}: empty file`]);
    expect(code).toBe(2);
  });

  it('gives no verdict to a binary file', async () => {
    const file = path.join(dir, 'photo.jpg');
    writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]));
    const { code, out, err } = await classify([file]);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^inbox-guard classify: ${file}: .*not an email message`));
    expect(code).toBe(2);
  });

  it('with --json, prints an {file, error} object for each file that is not mail', async () => {
    writeFileSync(path.join(dir, 'a.eml'), testMessage(1));
    writeFileSync(path.join(dir, 'b.eml'), '');
    writeFileSync(path.join(dir, 'c.eml'), 'port: 8080\nhost: localhost\n\n');
    const { code, out, err } = await classify([dir, '--json']);
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ file: path.join(dir, 'a.eml'), verdict: expect.any(String) }),
      { file: path.join(dir, 'b.eml'), error: 'empty file' },
      { file: path.join(dir, 'c.eml'), error: expect.stringMatching(/not an email message/) },
    ]);
    expect(err).toHaveLength(2);
    expect(code).toBe(2);
  });
});

describe('inbox-guard classify on a file it cannot read', () => {
  it('reports it and classifies the files after it (as a user who cannot read it)', async () => {
    const folder = path.join(dir, 'mail');
    mkdirSync(folder);
    for (const n of [1, 2, 3]) writeFileSync(path.join(folder, `${n}.eml`), testMessage(n));
    chmodSync(path.join(folder, '2.eml'), 0o000);
    const [command, args] = commandAsUnprivileged([
      'bin/inbox-guard.cjs',
      'classify',
      folder,
      '--json',
    ]);
    const failure = await promisify(execFile)(command, args, { cwd: ROOT }).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(2);
    const lines = failure!.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ file: path.join(folder, '1.eml'), verdict: expect.any(String) }),
      { file: path.join(folder, '2.eml'), error: expect.stringMatching(/permission denied/) },
      expect.objectContaining({ file: path.join(folder, '3.eml'), verdict: expect.any(String) }),
    ]);
    expect(failure!.stderr).toMatch(/2\.eml: .*permission denied/);
  }, 30_000);
});
