/** The per-user correction model: trained only on marks, serialisable, score-shifting. */
import { describe, expect, it } from 'vitest';
import {
  classifyMessage,
  createMemoryContext,
  TokenModel,
  tokensForCorrection,
} from '../../electron/detect/index.js';

function message(
  from: string,
  subject: string,
  text: string,
): { rawHeaders: string; body: { text: string } } {
  return {
    rawHeaders: `From: ${from}\nTo: camille.martin@gmail.com\nSubject: ${subject}\n\n`,
    body: { text },
  };
}

/** What a correction reads a message with: the user's context, as classification does. */
const base = createMemoryContext({ identities: ['camille.martin@gmail.com'] });

const UNWANTED = [
  message(
    'Immo <contact@immo-invest.fr>',
    'Investissez dans la pierre',
    'Défiscalisation Pinel, rendement locatif, investissez maintenant',
  ),
  message(
    'Immo <contact@immo-invest.fr>',
    'Dernières opportunités Pinel',
    'Rendement locatif garanti, défiscalisation',
  ),
  message(
    'Patrimoine <info@patrimoine-conseil.fr>',
    'Réduisez vos impôts',
    'Défiscalisation et investissement locatif Pinel',
  ),
];
const WANTED = [
  message(
    'Club <club@tennis-club-lyon.fr>',
    'Planning des matchs',
    'Planning des matchs du club ce week-end, terrains 3 et 4',
  ),
  message(
    'Club <club@tennis-club-lyon.fr>',
    'Tournoi interne',
    'Inscriptions au tournoi interne du club',
  ),
];

describe('token model', () => {
  it('stays silent until it has corrections of both kinds', () => {
    const model = new TokenModel();
    model.train(tokensForCorrection(UNWANTED[0]!, base), 'unwanted');
    expect(model.logOdds(tokensForCorrection(UNWANTED[1]!, base))).toBe(0);
  });

  it('learns from marks, round-trips through JSON and shifts similar mail', () => {
    const model = new TokenModel();
    for (const m of UNWANTED) model.train(tokensForCorrection(m, base), 'unwanted');
    for (const m of WANTED) model.train(tokensForCorrection(m, base), 'wanted');
    const restored = TokenModel.fromJSON(JSON.stringify(model.toJSON()));
    expect(restored.trainedOn).toBe(5);
    const similar = message(
      'Conseil <hello@pierre-rendement.fr>',
      'Défiscalisation Pinel 2026',
      'Investissement locatif et défiscalisation, rendement garanti',
    );
    expect(restored.logOdds(tokensForCorrection(similar, base))).toBeGreaterThan(1);
    const without = classifyMessage(
      similar,
      createMemoryContext({ identities: ['camille.martin@gmail.com'] }),
    );
    const withModel = classifyMessage(
      similar,
      createMemoryContext({ identities: ['camille.martin@gmail.com'], tokenModel: restored }),
    );
    expect(withModel.signals.map((s) => s.code)).toContain('token_unwanted');
    expect(
      withModel.unsolicited ||
        withModel.verdict !== without.verdict ||
        withModel.score !== without.score,
    ).toBe(true);
  });

  it('can take back a correction', () => {
    const model = new TokenModel();
    const tokens = tokensForCorrection(UNWANTED[0]!, base);
    model.train(tokens, 'unwanted');
    model.train(tokens, 'unwanted', -1);
    expect(model.trainedOn).toBe(0);
    expect(model.toJSON().unwanted.tokens).toEqual({});
  });

  it('never overrides a relationship', () => {
    const model = new TokenModel();
    for (const m of UNWANTED) model.train(tokensForCorrection(m, base), 'unwanted');
    for (const m of WANTED) model.train(tokensForCorrection(m, base), 'wanted');
    const ctx = createMemoryContext({
      identities: ['camille.martin@gmail.com'],
      tokenModel: model,
      writtenTo: ['contact@immo-invest.fr'],
    });
    expect(classifyMessage(UNWANTED[0]!, ctx).unsolicited).toBe(false);
  });
});

describe('what a correction learns', () => {
  it('is every token the model scores the same message on, body excerpt included', () => {
    const scored: string[][] = [];
    // A scorer that records what classification asks it about.
    const recorder = {
      trainedOn: 10,
      canScore: true,
      logOdds(tokens: readonly string[]) {
        scored.push([...tokens]);
        return 0;
      },
    };
    const context = createMemoryContext({
      identities: ['camille.martin@gmail.com'],
      tokenModel: recorder,
    });
    const withRelays = {
      rawHeaders: [
        'Received: from mail.sender.example (mail.sender.example [203.0.113.9]) by mx.perso.example',
        'From: Immo <contact@immo-invest.fr>',
        'To: camille.martin@gmail.com',
        'Subject: Investissez dans la pierre',
        'List-Unsubscribe: <https://immo-invest.fr/u/1>',
        '',
        '',
      ].join('\r\n'),
      body: { text: 'Défiscalisation Pinel, rendement locatif, investissez maintenant' },
    };
    for (const input of [...UNWANTED, withRelays]) {
      scored.length = 0;
      classifyMessage(input, { ...context, receivingDomains: ['perso.example'] });
      expect(scored).toHaveLength(1);
      const learned = tokensForCorrection(input, {
        ...context,
        receivingDomains: ['perso.example'],
      });
      expect(learned).toEqual(scored[0]);
      // The body's words are among them: a correction made from headers alone misses most.
      expect(learned).toContain('locatif');
    }
  });
});

describe('token model vocabulary', () => {
  it('scores the same as a freshly loaded model after each new correction', () => {
    const model = new TokenModel();
    const all = [
      ...UNWANTED.map((m) => [m, 'unwanted'] as const),
      ...WANTED.map((m) => [m, 'wanted'] as const),
    ];
    const probe = tokensForCorrection(UNWANTED[0]!, base);
    for (const [m, label] of all) {
      model.train(tokensForCorrection(m, base), label);
      // The vocabulary size is kept between messages: it must follow every change.
      const fresh = TokenModel.fromJSON(JSON.stringify(model.toJSON()));
      expect(model.logOdds(probe)).toBeCloseTo(fresh.logOdds(probe), 12);
    }
    model.train(tokensForCorrection(WANTED[0]!, base), 'wanted', -1);
    const fresh = TokenModel.fromJSON(JSON.stringify(model.toJSON()));
    expect(model.logOdds(probe)).toBeCloseTo(fresh.logOdds(probe), 12);
  });
});
