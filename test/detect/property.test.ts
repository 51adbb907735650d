/**
 * Hostile input: arbitrary bytes, truncated messages, header floods, broken
 * encodings and 1 MB headers. Classification never throws and never hangs.
 * classifyMessage has no catch-all: an exception anywhere in it (parsing,
 * features, routing) fails these tests instead of becoming a verdict.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classifyMessage,
  createMemoryContext,
  SIGNAL_CODES,
  VERDICTS,
  wordedSignal,
  type Classification,
  type MessageInput,
} from '../../electron/detect/index.js';
import { loadCorpus, type CorpusEntry } from './corpus.js';

const context = createMemoryContext({
  identities: ['camille.martin@gmail.com', 'c.martin@acme-industrie.fr'],
  ownDomains: ['acme-industrie.fr'],
});
let corpus: CorpusEntry[] = [];

beforeAll(async () => {
  corpus = await loadCorpus();
}, 120_000);

function expectValid(result: Classification): void {
  expect(VERDICTS).toContain(result.verdict);
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  expect(Array.isArray(result.signals)).toBe(true);
  for (const s of result.signals) {
    expect(SIGNAL_CODES).toContain(s.code);
    // Put into words when shown: every parameter its sentences use is there.
    const words = wordedSignal(s);
    expect(`${words.en} ${words.fr}`).not.toMatch(/undefined/);
  }
}

/** Classifies, failing the test with the exception if classification throws. */
function classify(input: MessageInput): Classification {
  let result: Classification | undefined;
  expect(() => (result = classifyMessage(input, context))).not.toThrow();
  return result!;
}

function timed(rawHeaders: string, body?: { text?: string; html?: string }): Classification {
  const start = performance.now();
  const result = classify({ rawHeaders, body });
  expect(performance.now() - start).toBeLessThan(1000);
  return result;
}

const latin1 = fc
  .uint8Array({ maxLength: 4000 })
  .map((bytes) => Buffer.from(bytes).toString('latin1'));
const headerName = fc.constantFrom(
  'From',
  'To',
  'Subject',
  'Received',
  'Authentication-Results',
  'DKIM-Signature',
  'List-Unsubscribe',
  'Feedback-ID',
  'X-SG-EID',
  'Return-Path',
  'Message-ID',
  'In-Reply-To',
  'List-Id',
  'Delivered-To',
  'Content-Type',
);
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  latin1.map((s) => s.slice(0, 300)),
  fc.constantFrom(
    '=?utf-8?Q?=E9=?=',
    '=?x-unknown?B?////?=',
    '=?utf-8?B?' + 'A'.repeat(3000) + '?=',
    '<<<<@@@>>>',
    '"unterminated <a@b',
    '(((((((',
    'a@b@c@d',
    '=?',
    '\u0000\u0001',
    'from by from by from by',
  ),
);
const field = fc.tuple(headerName, hostile).map(([name, value]) => `${name}: ${value}`);

describe('hostile input', () => {
  it('survives arbitrary bytes', () => {
    fc.assert(
      fc.property(latin1, (raw) => expectValid(timed(raw))),
      { numRuns: 300 },
    );
  });

  it('survives random header blocks with hostile values and bodies', () => {
    fc.assert(
      fc.property(
        fc.array(field, { maxLength: 60 }),
        fc.option(fc.string({ maxLength: 2000 })),
        (fields, body) => {
          expectValid(
            timed(
              fields.join('\r\n') + '\r\n\r\n',
              body === null ? undefined : { text: body, html: body },
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives truncated corpus messages', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (index, cut) => {
          const raw = corpus[index]!.input.rawHeaders;
          expectValid(timed(raw.slice(0, Math.floor(raw.length * cut))));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays fast on 1 MB headers and header floods (no catastrophic backtracking)', () => {
    const floods = [
      'Received: ' + 'from by '.repeat(130_000),
      'Subject: ' + '=?utf-8?Q?'.repeat(100_000),
      'Authentication-Results: ' + 'mx.google.com; dkim=pass header.d='.repeat(30_000),
      'DKIM-Signature: ' + 'd=a; '.repeat(200_000),
      Array.from({ length: 50_000 }, (_, i) => `X-Flood-${i}: ${'a'.repeat(15)}`).join('\r\n'),
      'To: ' + '"a" <b@c>, '.repeat(90_000),
      'From: ' + '('.repeat(1_000_000),
      'Feedback-ID: ' + ':'.repeat(1_000_000),
    ];
    for (const flood of floods) {
      const start = performance.now();
      expectValid(
        classify({
          rawHeaders: flood + '\r\n\r\n',
          body: { text: 'x'.repeat(70_000), html: '<a href="http://'.repeat(5000) },
        }),
      );
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });

  it('survives non-string input where a string is expected', () => {
    const bad = [undefined, null, 42, {}, []] as unknown[];
    for (const value of bad) {
      expectValid(classify({ rawHeaders: value as string, body: value as { text?: string } }));
    }
  });
});
