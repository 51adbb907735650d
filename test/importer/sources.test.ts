/** Local imports: .eml files, folders of them, and mbox files, read-only and byte-exact. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMessageSources } from '../../electron/importer/index.js';
import { createTestCore, type TestCore } from '../support/core.js';

const eml = (n: number, extra = '') =>
  `From: Sender ${n} <s${n}@exemple.fr>\r\nTo: camille@exemple.fr\r\nSubject: Message ${n}\r\nDate: Mon, 2 Nov 2026 10:0${n}:00 +0100\r\nMessage-ID: <m${n}@exemple.fr>\r\n${extra}\r\nBonjour ${n}\r\n`;

async function collect(p: string) {
  const out = [];
  for await (const m of readMessageSources(p)) out.push(m);
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ig-import-'));
});

describe('readMessageSources', () => {
  it('splits an mbox on From_ lines and undoes >From escaping, byte for byte', async () => {
    const file = path.join(dir, 'export.mbox');
    const body2 = 'From: a@b.fr\nSubject: deux\n\nligne\n>From the start\n>>From twice\n';
    writeFileSync(
      file,
      `From a@b.fr Mon Nov  2 10:00:00 2026\nFrom: a@b.fr\nSubject: un\n\ncorps\n\nFrom b@b.fr Mon Nov  2 11:00:00 2026\n${body2}`,
    );
    const messages = await collect(file);
    expect(messages.map((m) => m.source)).toEqual([`${file}#1`, `${file}#2`]);
    expect(messages[0]!.raw.toString()).toBe('From: a@b.fr\nSubject: un\n\ncorps\n');
    expect(messages[1]!.raw.toString()).toBe(
      body2.replace('>From the', 'From the').replace('>>From', '>From'),
    );
  });

  it('reads a folder of .eml files with sub-folders as mail folders', async () => {
    mkdirSync(path.join(dir, 'Sent'));
    writeFileSync(path.join(dir, 'a.eml'), eml(1));
    writeFileSync(path.join(dir, 'Sent', 'b.eml'), eml(2));
    writeFileSync(path.join(dir, 'notes.txt'), 'not mail');
    const messages = await collect(dir);
    expect(messages.map((m) => [path.basename(m.source), m.folder])).toEqual([
      ['a.eml', ''],
      ['b.eml', 'Sent'],
    ]);
  });

  it('gives a clear error for a missing path', async () => {
    await expect(collect(path.join(dir, 'nope.mbox'))).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringMatching(/no such file/),
    });
  });
});

describe('import.local and demo.load through the core', () => {
  let t: TestCore;
  beforeEach(() => {
    t = createTestCore();
  });
  afterEach(() => t.close());

  it('imports an mbox once: a second import adds nothing', async () => {
    const file = path.join(dir, 'takeout.mbox');
    writeFileSync(
      file,
      [1, 2, 3].map((n) => `From x@y Mon Nov  2 10:00:00 2026\r\n${eml(n)}`).join('\r\n'),
    );
    const first = await t.value('import.local', { path: file });
    expect(first.imported).toBe(3);
    const second = await t.value('import.local', { path: file });
    expect(second).toMatchObject({ accountId: first.accountId, imported: 0 });
    const list = await t.value('messages.list', { accountId: first.accountId });
    expect(list.total).toBe(3);
    expect(list.items.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
  });

  it('skips what is not mail with a reason, and keeps the rest', async () => {
    writeFileSync(
      path.join(dir, 'good.eml'),
      eml(1, 'List-Unsubscribe: <mailto:u@exemple.fr>\r\n'),
    );
    writeFileSync(path.join(dir, 'bad.eml'), '\u0000\u0001 binary junk');
    writeFileSync(path.join(dir, 'empty.eml'), '');
    const report = await t.value('import.local', { path: dir });
    expect(report.imported).toBe(1);
    expect(report.skipped.map((s) => [path.basename(s.source), s.reason])).toEqual([
      ['bad.eml', 'no header block: not an email message'],
      ['empty.eml', 'empty file'],
    ]);
    const [message] = (await t.value('messages.list', { accountId: report.accountId })).items;
    expect(message).toMatchObject({
      subject: 'Message 1',
      from: { name: 'Sender 1', address: 's1@exemple.fr' },
      hasListUnsubscribe: true,
    });
    const detail = await t.value('messages.get', { id: message!.id });
    expect(detail.rawHeaders).toBe(
      eml(1, 'List-Unsubscribe: <mailto:u@exemple.fr>\r\n').split('\r\n\r\n')[0] + '\r\n\r\n',
    );
  });

  it('keeps the original header bytes of a non-UTF-8 message and shows it decoded', async () => {
    const latin1 = Buffer.from(
      'From: =?ISO-8859-1?Q?Ren=E9?= <rene@exemple.fr>\r\nSubject: =?ISO-8859-1?Q?=C9t=E9?=\r\nX-Raw: caf\xe9\r\n\r\nx',
      'latin1',
    );
    writeFileSync(path.join(dir, 'latin1.eml'), latin1);
    const report = await t.value('import.local', { path: path.join(dir, 'latin1.eml') });
    const [m] = (await t.value('messages.list', { accountId: report.accountId })).items;
    expect(m).toMatchObject({ subject: 'Été', from: { name: 'René' } });
    const detail = await t.value('messages.get', { id: m!.id });
    expect(
      Buffer.from(detail.rawHeaders, 'latin1').equals(
        latin1.subarray(0, latin1.indexOf('\r\n\r\n') + 4),
      ),
    ).toBe(true);
  });

  it('loads the bundled demo with its folders, idempotently', async () => {
    const demo = await t.value('demo.load', {});
    expect(demo.imported).toBeGreaterThan(20);
    expect(demo.skipped).toEqual([]);
    const folders = await t.value('folders.list', { accountId: demo.accountId });
    expect(folders.find((f) => f.specialUse === 'inbox')?.messages).toBeGreaterThan(10);
    expect(folders.map((f) => f.specialUse)).toEqual(
      expect.arrayContaining(['inbox', 'sent', 'junk']),
    );
    expect((await t.value('demo.load', {})).imported).toBe(0);
    expect(await t.value('app.info', {})).toMatchObject({
      demoLoaded: true,
      accounts: 0,
      secretsBackend: 'keyfile',
    });
  });

  it('leaves the imported files untouched', async () => {
    const file = path.join(dir, 'one.eml');
    writeFileSync(file, eml(4));
    const before = readFileSync(file);
    await t.value('import.local', { path: file });
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
