/**
 * Issue 10, fault 6: imports stream. A 200 MB mbox stays under 300 MB of peak
 * memory (measured in a process of its own), a 100 MB line with no line feed
 * is read in one pass, and an mbox with old-Mac CR-only line ends is read.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testMessage } from '../support/mail.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { childDataDir, importInChild } from './run-import-child.js';

const MB = 1024 * 1024;
const FROM_LINE = 'From sender@exemple.fr Mon Nov  2 10:00:00 2026\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-large-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file piece by piece, so the test itself never holds it. */
function writeStreamed(file: string, pieces: (write: (s: string | Buffer) => void) => void): void {
  const fd = openSync(file, 'w');
  try {
    pieces((s) => writeSync(fd, typeof s === 'string' ? Buffer.from(s) : s));
  } finally {
    closeSync(fd);
  }
}

/** About 10 KB of plain text: each one keeps its excerpt. */
function plainMessage(n: number): string {
  const line = `Ligne ${n} d'un message ordinaire, assez longue pour remplir le corps du texte.\n`;
  return testMessage(n).replace(/\r\n/g, '\n') + line.repeat(128);
}

/** One message carrying `size` bytes of base64 attachment, in 76-character lines. */
function writeHugeMessage(write: (s: string | Buffer) => void, size: number): void {
  write(
    'From: Archive <archive@exemple.fr>\nTo: alice@exemple.fr\nSubject: Huge attachment\n' +
      'Date: Mon, 2 Nov 2026 11:00:00 +0100\nMessage-ID: <huge@exemple.fr>\nMIME-Version: 1.0\n' +
      'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\n' +
      'Le fichier est joint.\n\n--b1\nContent-Type: application/octet-stream\n' +
      'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="big.bin"\n\n',
  );
  const block = Buffer.from(`${'QUJD'.repeat(19)}\n`.repeat(13_797)); // ~1 MB of base64 lines
  for (let written = 0; written < size; written += block.length) write(block);
  write('--b1--\n');
}

describe('large files, in a process of their own', () => {
  it('imports a 200 MB mbox whole with a peak memory under 300 MB', async () => {
    const file = path.join(dir, 'big.mbox');
    const count = 10_000;
    writeStreamed(file, (write) => {
      for (let n = 1; n <= count; n++) write(`${FROM_LINE}${plainMessage(n)}\n`);
      write(FROM_LINE);
      writeHugeMessage(write, 100 * MB);
    });
    const child = await importInChild(childDataDir(dir), file);
    expect(child.result).toMatchObject({ ok: true, value: { imported: count + 1, skipped: [] } });
    expect(child.peakRss).toBeLessThan(300 * MB);
  }, 90_000);

  it('reads a message with a 100 MB line without a line feed, in bounded memory', async () => {
    const file = path.join(dir, 'long-line.mbox');
    const lineBytes = 100 * MB;
    const header = 'From: a@exemple.fr\nSubject: Long line\nMessage-ID: <long@exemple.fr>\n\n';
    writeStreamed(file, (write) => {
      write(FROM_LINE + header);
      const block = Buffer.alloc(MB, 'a');
      for (let i = 0; i < lineBytes / MB; i++) write(block);
    });
    const child = await importInChild(childDataDir(dir), file);
    expect(child.result).toMatchObject({ ok: true, value: { imported: 1, skipped: [] } });
    expect(child.peakRss).toBeLessThan(300 * MB);
  }, 90_000);
});

describe('long lines and old line ends', () => {
  let t: TestCore;
  beforeAll(() => {
    t = createTestCore();
  });
  afterAll(() => t.close());

  it('refuses a 100 MB file made of one line, with its reason', async () => {
    const file = path.join(dir, 'one-line.eml');
    writeStreamed(file, (write) => {
      const block = Buffer.alloc(MB, 'x');
      for (let i = 0; i < 100; i++) write(block);
    });
    const result = await t.call('import.local', { path: file });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/not an email message/) },
    });
  }, 60_000);

  it('reads an mbox with CR-only line ends (old Mac), message by message', async () => {
    const file = path.join(dir, 'eudora.mbox');
    const messages = [1, 2, 3].map((n) => `${FROM_LINE}${testMessage(n).replace(/\r\n/g, '\n')}`);
    writeFileSync(file, messages.join('\n').replace(/\n/g, '\r'), 'latin1');
    const report = await t.value('import.local', { path: file });
    expect(report).toMatchObject({ imported: 3, skipped: [] });
    const list = await t.value('messages.list', { accountId: report.accountId });
    expect(list.items.map((m) => [m.subject, m.from?.address])).toEqual([
      ['Message 3', 'sender3@exemple.fr'],
      ['Message 2', 'sender2@exemple.fr'],
      ['Message 1', 'sender1@exemple.fr'],
    ]);
  });
});
