/**
 * Common French words weigh what their English equivalents weigh: the
 * labelled French mail is nearly all spam, and a French list post's
 * "bonjour", "merci", "fichier" must not learn "spam" from it. The "Why"
 * panel still shows the word the message wrote.
 */
import { describe, expect, it } from 'vitest';
import { modelInputFor } from '../../electron/detect/classify.js';
import { createMemoryContext } from '../../electron/detect/index.js';
import { modelFeatures } from '../../electron/detect/model/features.js';
import { featureToken } from '../../electron/detect/model/scorer.js';

const HEADERS = ['From: Julien <julien@example.org>', 'To: paul@example.org', 'Subject: hi'].join(
  '\r\n',
);

function read(text: string) {
  return modelFeatures(
    modelInputFor({ rawHeaders: HEADERS, body: { text } }, createMemoryContext()),
  );
}

function indices(text: string): number[] {
  return [...read(text).indices].sort((a, b) => a - b);
}

describe('French words read as their English equivalents', () => {
  it('gives a French sentence the features of its English words', () => {
    expect(indices('merci pour le fichier, le problème est réglé')).toEqual(
      indices('thanks pour le file, le problem est réglé'),
    );
    expect(indices('gratuit')).toEqual(indices('free'));
    expect(indices('bonjour')).not.toEqual(indices('gratuit'));
  });

  it('keeps French function words and two-sense words as they are', () => {
    expect(indices('vous')).not.toEqual(indices('you'));
    expect(indices('commande')).not.toEqual(indices('order'));
  });

  it('shows the word the message wrote, not its English equivalent', () => {
    const vector = read('merci beaucoup');
    const words = Array.from({ length: vector.size }, (_, p) => featureToken(vector, p)).filter(
      (t) => t.startsWith('w:'),
    );
    expect(words).toContain('w:merci');
    expect(words).not.toContain('w:thanks');
  });
});
