/**
 * The "Why" panel names the model's strongest features in words; a word that
 * says nothing alone ("the", "your", "de") gives its place to the next one.
 * Read on the shared corpus's real mail, where such words once made about one
 * word feature in two ("the words “your”").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';
import { isShownWords } from '../../electron/detect/model/shown-words.js';
import { corpusExists, DEFAULT_CORPUS } from '../../train/corpus.js';

describe('the words the "Why" panel shows', () => {
  it('leave out words that say nothing alone, numbers and bits of addresses', () => {
    for (const silent of ['the', 'Your', 'de', 'vous', 'com', '2021', 'don', 'of the'])
      expect(isShownWords(silent), silent).toBe(false);
    for (const shown of ['offre', 'unsubscribe', 'your account', 'mot de passe', 'bitcoin'])
      expect(isShownWords(shown), shown).toBe(true);
  });

  it.skipIf(!corpusExists())(
    'name three features of real mail, none of them a word that says nothing alone',
    async () => {
      const dir = path.join(DEFAULT_CORPUS, 'messages');
      let explained = 0;
      let threeShown = 0;
      const silent: string[] = [];
      for (const file of readdirSync(dir).sort()) {
        const input = await messageInputOf(readFileSync(path.join(dir, file)));
        const learned = classifyMessage(input, createMemoryContext()).signals.find(
          (s) => s.code === 'learned_model',
        );
        if (!learned) continue;
        explained++;
        const features = String(learned.params!.features).split('|').filter(Boolean);
        if (features.length === 3) threeShown++;
        for (const f of features)
          if (f.startsWith('w:') && !isShownWords(f.slice(2))) silent.push(`${file}: ${f}`);
      }
      expect(explained).toBeGreaterThan(300);
      expect(silent).toEqual([]);
      // The next features take their place: nearly every explanation still names three.
      expect(threeShown / explained).toBeGreaterThan(0.98);
    },
  );
});
