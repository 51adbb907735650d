/**
 * The core's side of the file calls, whatever the platform: `import.choose`
 * imports what the system dialog chose (and nothing when it was closed),
 * `messages.exportSource` hands the platform the stored bytes under a safe
 * name, and serve mode, which has no dialog, says so instead of hanging.
 * Electron cannot run here: the desktop platform is stood in for by one that
 * answers as its dialogs would, and records what it was given.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { messageSourceFileName } from '../../electron/platform/file-names.js';
import type { PlatformFiles, ProducedFile } from '../../electron/platform/files.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { writeSmallMbox, type SmallMbox } from '../support/small-mbox.js';

const opened: Array<TestCore | SmallMbox> = [];
afterEach(async () => {
  for (const item of opened.splice(0)) {
    if ('core' in item) await item.close();
    else rmSync(item.dir, { recursive: true, force: true });
  }
});

/** A desktop platform whose open dialog answers `chosen` and whose save dialog picks `saveAs`. */
function desktopAnswering(chosen: string | null, saveAs = '/home/camille/source.eml') {
  const saved: ProducedFile[] = [];
  const files: PlatformFiles = {
    chooseImportSource: () => Promise.resolve(chosen),
    saveFile: (file) => {
      saved.push(file);
      return Promise.resolve({ saved: saveAs });
    },
    showFolder: () => Promise.resolve(),
  };
  return { files, saved };
}

/** A core over a fresh data folder beside a small mbox; `files` picks the platform (default: serve's). */
function setUp(files?: (box: SmallMbox) => PlatformFiles) {
  const box = writeSmallMbox();
  const t = createTestCore(files ? { files: files(box) } : {});
  opened.push(t, box);
  return { box, t };
}

describe('import.choose', () => {
  it('imports the mailbox the dialog chose, with the same report as a typed path', async () => {
    const { box, t } = setUp((mbox) => desktopAnswering(mbox.file).files);
    const { report } = await t.value('import.choose', { kind: 'file' });
    expect(report).toMatchObject({
      imported: 3,
      skipped: [{ source: box.notMailSource, reason: 'no header block: not an email message' }],
    });
    expect(await t.value('accounts.list', {})).toHaveLength(1);
  });

  it('imports nothing when the dialog was closed', async () => {
    const { t } = setUp(() => desktopAnswering(null).files);
    expect(await t.value('import.choose', { kind: 'folder' })).toEqual({ report: null });
    expect(await t.value('accounts.list', {})).toEqual([]);
  });

  it('is refused in serve mode, which has no dialog, with a sentence saying what to do', async () => {
    const { t } = setUp();
    const result = await t.call('import.choose', { kind: 'file' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toMatch(/type the path/);
  });
});

describe('messages.exportSource', () => {
  it('hands the platform the stored source, byte for byte, named by date and sender', async () => {
    const desktop = desktopAnswering(null);
    const { box, t } = setUp(() => desktop.files);
    const { accountId } = await t.value('import.local', { path: box.file });
    const { items } = await t.value('messages.list', { accountId });
    const id = items.find((m) => m.subject === 'Réunion de mardi')!.id;
    expect(await t.value('messages.exportSource', { id })).toEqual({
      saved: '/home/camille/source.eml',
    });
    expect(desktop.saved).toHaveLength(1);
    const file = desktop.saved[0]!;
    expect(file).toMatchObject({ name: box.firstExportName, type: 'message/rfc822' });
    expect('bytes' in file && file.bytes.equals(box.messages[0]!)).toBe(true);
  });

  it('answers NOT_FOUND for a message that is not in the store', async () => {
    const { t } = setUp();
    expect(await t.call('messages.exportSource', { id: 999_999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('file names of exported messages', () => {
  it('keep accents and drop what would make a path or a name Windows refuses', () => {
    const date = '2024-03-05T09:30:00.000Z';
    expect(messageSourceFileName({ date, from: { name: '../../etc/passwd', address: '' } })).toBe(
      '2024-03-05-etc passwd.eml',
    );
    expect(
      messageSourceFileName({ date, from: { name: 'Soldes : -50 % ?*\u0000\u202e', address: '' } }),
    ).toBe('2024-03-05-Soldes -50 %.eml');
    expect(
      messageSourceFileName({ date: null, from: { name: '', address: 'news@exemple.fr' } }),
    ).toBe('undated-news@exemple.fr.eml');
    expect(messageSourceFileName({ date, from: null })).toBe('2024-03-05-unknown-sender.eml');
  });
});
