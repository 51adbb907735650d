/**
 * Our labels for SpamAssassin public-corpus messages (train/extra-labels.tsv),
 * which training reads beside ../shared/corpus: each row a known label, a
 * message of the package named by id, Message-ID and SHA-256, and the
 * evidence for its label; no message twice, none that the shared corpus
 * already holds (a copy would sit on both sides of a fold, or count twice);
 * and training reads the shared messages first, these after, each checked
 * against the bytes it was labelled on.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_LABELS,
  corpusExists,
  DEFAULT_CORPUS,
  loadExtra,
  loadTrainingCorpus,
  ofShared,
  readExtraRows,
  spamAssassinData,
} from '../../train/corpus.js';

const LABELS = CORPUS_LABELS;

const rows = readExtraRows();
const sha = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/** The Message-ID header of a raw message, as written. */
function messageId(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  return /^message-id:\s*(<[^>\r\n]*>)/im.exec(header)?.[1] ?? '-';
}

function packageData(): string | null {
  try {
    return spamAssassinData();
  } catch (error) {
    console.log(`extra-labels: message checks skipped: ${(error as Error).message}`);
    return null;
  }
}
const data = packageData();

describe('the labelled SpamAssassin messages', () => {
  it('name each message by package id, Message-ID and SHA-256, with a known label and its evidence', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.id).toMatch(/^(easy-ham-[12]|hard-ham-1|spam-[12])\/\d{5}\.[0-9a-f]{32}$/);
      expect(LABELS, row.id).toContain(row.label);
      expect(row.router, row.id).not.toBe('');
      expect(row.lang, row.id).toMatch(/^[a-z]{2}$/);
      expect(row.messageId, row.id).toMatch(/^(<[^>\t\r\n]*>|-)$/);
      expect(row.sha256, row.id).toMatch(/^[0-9a-f]{64}$/);
      expect(row.evidence, row.id).toMatch(/note: \S/);
    }
  });

  it('hold every label', () => {
    for (const label of LABELS)
      expect(
        rows.some((r) => r.label === label),
        label,
      ).toBe(true);
  });

  it('repeat no message: no id, Message-ID or bytes twice', () => {
    const once = (values: string[]) => {
      const seen = new Set<string>();
      for (const value of values) {
        expect(seen.has(value), value).toBe(false);
        seen.add(value);
      }
    };
    once(rows.map((r) => r.id));
    once(rows.map((r) => r.messageId).filter((id) => id !== '-'));
    once(rows.map((r) => r.sha256));
  });

  it.skipIf(!corpusExists())('hold no message of the shared corpus', () => {
    const labels = readFileSync(path.join(DEFAULT_CORPUS, 'labels.tsv'), 'utf8').split('\n');
    const ids = new Set<string>();
    const hashes = new Set<string>();
    const sources = new Set<string>();
    for (const line of labels.slice(1).filter(Boolean)) {
      const [file, , , , source] = line.split('\t') as [string, ...string[]];
      const raw = readFileSync(path.join(DEFAULT_CORPUS, 'messages', file));
      ids.add(messageId(raw));
      hashes.add(sha(raw));
      const inPackage = /^stdlib-js\/datasets-spam-assassin@[0-9a-f]+:data\/(.*)\.txt$/.exec(
        source ?? '',
      );
      if (inPackage) sources.add(inPackage[1]!);
    }
    expect(sources.size).toBeGreaterThan(0);
    for (const row of rows) {
      expect(sources.has(row.id), row.id).toBe(false);
      expect(hashes.has(row.sha256), row.id).toBe(false);
      if (row.messageId !== '-') expect(ids.has(row.messageId), row.id).toBe(false);
    }
  });

  it.skipIf(data === null)('are the package messages they name, byte for byte', () => {
    for (const row of rows) {
      const raw = readFileSync(path.join(data!, `${row.id}.txt`));
      expect(sha(raw), row.id).toBe(row.sha256);
      expect(messageId(raw), row.id).toBe(row.messageId);
    }
  });

  it.skipIf(data === null)('refuse a message whose bytes are not the ones labelled', async () => {
    const [first] = rows;
    const changed = path.join(tmpdir(), `extra-labels-${process.pid}.tsv`);
    writeFileSync(
      changed,
      'id\tlabel\trouter\tlang\tmessage_id\tsha256\tevidence\n' +
        [first!.id, first!.label, first!.router, first!.lang, first!.messageId, '0'.repeat(64)]
          .concat(first!.evidence)
          .join('\t') +
        '\n',
    );
    try {
      await expect(loadExtra(changed)).rejects.toThrow(/not the message that was labelled/);
    } finally {
      rmSync(changed, { force: true });
    }
  });

  it.skipIf(data === null || !corpusExists())(
    'are read after the shared corpus for training, the shared one read as before',
    async () => {
      const both = await loadTrainingCorpus();
      const sharedFiles = readFileSync(path.join(DEFAULT_CORPUS, 'labels.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split('\t')[0]!)
        .sort();
      const n = sharedFiles.length;
      expect(both.messages).toHaveLength(n + rows.length);
      expect(both.messages.slice(0, n).map((m) => [m.origin, m.file])).toEqual(
        sharedFiles.map((file) => ['shared', file]),
      );
      expect(both.messages.slice(n).map((m) => [m.origin, m.file])).toEqual(
        rows.map((r) => ['extra', r.id]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
      );
      expect(ofShared(both, both.messages).map((m) => m.file)).toEqual(sharedFiles);
    },
    120_000,
  );
});
