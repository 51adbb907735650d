/** What the user reads: every signal in both languages, French with its typography. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signal, SIGNAL_CODES } from '../../electron/detect/signals.js';

// Every parameter any sentence uses, each given a sample value.
const source = readFileSync(new URL('../../electron/detect/signals.ts', import.meta.url), 'utf8');
const params = Object.fromEntries(
  [...new Set([...source.matchAll(/\bp\.(\w+)/g)].map((m) => m[1]!))].map((name) => [name, 'x']),
);

describe('signal wording', () => {
  it('puts every signal into words in English and French', () => {
    for (const code of SIGNAL_CODES) {
      const s = signal(code as Parameters<typeof signal>[0], params);
      expect(s.en, code).not.toBe(code);
      expect(s.fr, code).not.toBe(code);
      expect(s.en, code).not.toMatch(/undefined/);
      expect(s.fr, code).not.toMatch(/undefined/);
    }
  });

  it('writes French with typographic apostrophes, as the CLI prints it', () => {
    for (const code of SIGNAL_CODES) {
      const { fr } = signal(code as Parameters<typeof signal>[0], params);
      expect(fr, code).not.toMatch(/\p{L}'\p{L}/u);
    }
  });

  it('calls a leaked address marketing, not only prospecting (newsletters leak addresses too)', () => {
    const leaked = signal('leaked_identity', { address: 'moi@exemple.fr' });
    expect(leaked.fr).toContain('publicité non sollicitée');
    expect(leaked.en).toContain('unsolicited marketing');
  });
});
