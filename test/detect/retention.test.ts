/**
 * Detection remembers senders, hosts and field names across messages (memo
 * tables). What it keeps must not hold on to the messages themselves: a string
 * cut from a header block keeps the whole block alive, so a flood of large
 * hostile messages would otherwise stay in memory for as long as the app runs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A header block of about 256 KB whose sender, relay, field names and charset are all new. */
function hostileBlock(i: number): string {
  const filler = `X-Filler-${i}: ${'y'.repeat(998)}\r\n`.repeat(256);
  return [
    `Received: from relay-${i}.sender-${i}.example (relay-${i}.sender-${i}.example [203.0.113.${i % 250}]) by mx-${i}.receiver-${i}.example with ESMTPS id ${i}`,
    `From: =?x-unknown-charset-${i}?Q?Sender_${i}?= <news-${i}@brand-number-${i}.example>`,
    `Subject: =?utf-8?Q?Offre_${i}?=`,
    `X-Unusual-Header-Name-${i}: 1`,
    filler,
  ].join('\r\n');
}

describe('memory kept across messages', () => {
  it('holds on to none of the header blocks it has classified', () => {
    const context = createMemoryContext({ identities: ['camille.martin@gmail.com'] });
    classifyMessage({ rawHeaders: hostileBlock(-1) }, context);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) classifyMessage({ rawHeaders: hostileBlock(i) }, context);
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    // 200 blocks of 256 KB would be 51 MB; what detection remembers of them is a few KB each.
    expect(kept).toBeLessThan(10 * 1024 * 1024);
  });
});
