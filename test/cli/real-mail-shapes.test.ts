/**
 * Regression: the "looks like mail" check and the line-end reader once
 * refused real received mail that the development corpus holds — header lines
 * ended by CR CR LF (a relay's doubling), and an .eml file that starts with
 * its mbox envelope line ("From sender date") was numbered as an mbox
 * ("file#1"). Both are mail: each gets one verdict under its own name, and the
 * importer takes them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { createTestCore } from '../support/core.js';
import { testMessage } from '../support/mail.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-cli-shapes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeShapes(): { doubled: string; envelope: string } {
  const doubled = path.join(dir, 'crcrlf.eml');
  writeFileSync(doubled, testMessage(1).replace(/\r\n/g, '\r\r\n'));
  const envelope = path.join(dir, 'envelope.eml');
  writeFileSync(
    envelope,
    `From sender2@exemple.fr  Mon Aug 12 10:54:52 2002\n${testMessage(2).replace(/\r\n/g, '\n')}`,
  );
  return { doubled, envelope };
}

describe('real mail shapes', () => {
  it('classifies CR CR LF lines and an .eml with an envelope line, each under its own name', async () => {
    const { doubled, envelope } = writeShapes();
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['classify', dir, '--json'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const results = out.map((l) => JSON.parse(l) as { file: string; verdict?: string });
    expect(results.map((r) => r.file).sort()).toEqual([doubled, envelope].sort());
    for (const r of results) expect(r.verdict).toBeTruthy();
  });

  it('imports both, with their subjects read from the headers', async () => {
    writeShapes();
    const t = createTestCore();
    try {
      const report = await t.value('import.local', { path: dir });
      expect(report).toMatchObject({ imported: 2, skipped: [] });
      const list = await t.value('messages.list', { accountId: report.accountId, limit: 10 });
      expect(list.items.map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 2']);
    } finally {
      await t.close();
    }
  });
});
