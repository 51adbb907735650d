/**
 * A verdict the rules are certain of, scored as rules act on it: the model
 * that read the body may raise the rules' score, and the "Why" panel then
 * says where the figure comes from; from headers alone the rules' score
 * stands. A real promotion of the labelled corpus, sent through a marketing
 * platform (one the shipped model learned from: this checks the wiring, not
 * accuracy).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';
import { corpusExists, DEFAULT_CORPUS } from '../../train/corpus.js';

const PROMOTION = path.join(DEFAULT_CORPUS, 'messages', '0211.eml');
const present = corpusExists();
if (!present) console.log(`certain-score: skipped, no labelled corpus at ${DEFAULT_CORPUS}`);

describe.skipIf(!present)('the score of a promotion the rules are certain of', () => {
  it('is raised by the model that read the body, and says so; from headers alone it stays', async () => {
    const input = await messageInputOf(readFileSync(PROMOTION));
    expect(input.body).toBeDefined();
    const rulesAlone = classifyMessage(input, createMemoryContext(), null);
    const withBody = classifyMessage(input, createMemoryContext());
    const headersOnly = classifyMessage({ rawHeaders: input.rawHeaders }, createMemoryContext());
    const rulesOnHeaders = classifyMessage(
      { rawHeaders: input.rawHeaders },
      createMemoryContext(),
      null,
    );
    const codes = (c: typeof withBody) => c.signals.map((s) => s.code);

    expect(rulesAlone.verdict).toBe('newsletter');
    expect(withBody.verdict).toBe('newsletter');
    expect(withBody.score).toBeGreaterThan(rulesAlone.score);
    expect(codes(withBody)).toEqual([...codes(rulesAlone), 'learned_model']);

    expect(headersOnly.verdict).toBe('newsletter');
    expect(headersOnly.score).toBe(rulesOnHeaders.score);
    expect(codes(headersOnly)).not.toContain('learned_model');
  });
});
