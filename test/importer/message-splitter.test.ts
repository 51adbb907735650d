/**
 * The streaming mbox reader gives the same messages however the file arrives
 * in chunks: a chunk boundary inside a "From " line, between the CR and LF of
 * a CRLF, or after an old-Mac lone CR must change nothing (issue 10, fault 6).
 */
import { describe, expect, it } from 'vitest';
import { LineEndNormalizer } from '../../electron/importer/line-ends.js';
import { MessageSplitter } from '../../electron/importer/message-splitter.js';

function split(
  file: Buffer,
  chunkSize: number,
  o: { mbox: boolean; keepBytes: number },
): Array<{ index: number; head: string; size: number }> {
  const lineEnds = new LineEndNormalizer();
  const splitter = new MessageSplitter({ ...o, reuseHeads: true });
  const out: Array<{ index: number; head: string; size: number }> = [];
  // Heads are views into a reused buffer: read each before the next push, as the importer does.
  const keep = (done: ReturnType<MessageSplitter['push']>) =>
    out.push(
      ...done.map((m) => ({ index: m.index, head: m.head.toString('latin1'), size: m.size })),
    );
  for (let at = 0; at < file.length; at += chunkSize)
    keep(splitter.push(lineEnds.push(file.subarray(at, at + chunkSize))));
  keep(splitter.push(lineEnds.end()));
  keep(splitter.end());
  return out;
}

const LF_MBOX = [
  'From a@b.fr Mon Nov  2 10:00:00 2026',
  'From: a@b.fr',
  'Subject: un',
  '',
  'corps',
  '>From the start',
  '',
  '',
  'From b@b.fr Mon Nov  2 11:00:00 2026',
  'From: b@b.fr',
  'Subject: deux',
  '',
  'x'.repeat(150),
  '',
].join('\n');

const EXPECTED = [
  { index: 1, head: 'From: a@b.fr\nSubject: un\n\ncorps\nFrom the start\n\n', size: 48 },
  { index: 2, head: `From: b@b.fr\nSubject: deux\n\n${'x'.repeat(150)}\n`, size: 179 },
];

describe('MessageSplitter with LineEndNormalizer', () => {
  it('splits an LF mbox the same way for every chunk size', () => {
    const file = Buffer.from(LF_MBOX, 'latin1');
    for (let size = 1; size <= file.length; size++)
      expect(split(file, size, { mbox: true, keepBytes: Infinity }), `chunks of ${size}`).toEqual(
        EXPECTED,
      );
  });

  it('reads CRLF and CR-only mboxes for every chunk size, CR-only lines ending in CRLF', () => {
    const crlf = Buffer.from(LF_MBOX.replace(/\n/g, '\r\n'), 'latin1');
    const crOnly = Buffer.from(LF_MBOX.replace(/\n/g, '\r'), 'latin1');
    const asCrlf = EXPECTED.map((m) => {
      const head = m.head.replace(/\n/g, '\r\n');
      return { ...m, head, size: head.length };
    });
    for (let size = 1; size <= crlf.length; size++) {
      expect(split(crlf, size, { mbox: true, keepBytes: Infinity }), `CRLF, ${size}`).toEqual(
        asCrlf,
      );
      expect(split(crOnly, size, { mbox: true, keepBytes: Infinity }), `CR, ${size}`).toEqual(
        asCrlf,
      );
    }
  });

  it('keeps only the first bytes of each message and counts the rest', () => {
    const file = Buffer.from(LF_MBOX, 'latin1');
    for (let size = 1; size <= file.length; size += 7)
      expect(split(file, size, { mbox: true, keepBytes: 20 }), `chunks of ${size}`).toEqual(
        EXPECTED.map((m) => ({ ...m, head: m.head.slice(0, 20) })),
      );
  });

  it('leaves a single message untouched, "From " lines and blank lines included', () => {
    const file = Buffer.from('Subject: a\n\nFrom here on\n\n\n>From x\n', 'latin1');
    for (let size = 1; size <= file.length; size++)
      expect(split(file, size, { mbox: false, keepBytes: Infinity })).toEqual([
        { index: 1, head: file.toString('latin1'), size: file.length },
      ]);
  });
});
