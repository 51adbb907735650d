/**
 * Corrections, as the app makes them (a sender decision, and the per-user
 * token model trained on the corrected message read as classification reads
 * it): five corrections of one sender fix that sender's later mail, and no
 * other sender's verdict moves except through what the token model learned.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classifyMessage,
  createMemoryContext,
  TokenModel,
  tokensForCorrection,
  type Classification,
  type DetectContext,
  type MessageInput,
} from '../../electron/detect/index.js';
import type { MemoryContextOptions } from '../../electron/detect/memory.js';
import type { Decision } from '../../electron/detect/types.js';
import { CORPUS_DIR } from '../fixtures/corpus/generate.js';
import { loadCorpus, type CorpusEntry } from './corpus.js';

const SENDER = 'lettre@jardins-marie.example';
const FRIEND = 'lucie.arnaud@laposte.net';

/** A shop's newsletter from its own server, without List-Unsubscribe: easily read as personal. */
function newsletter(n: number, subject: string, text: string): MessageInput {
  const rawHeaders = [
    'Received: from smtp.jardins-marie.example (smtp.jardins-marie.example [203.0.113.7])',
    `\tby mx.orange.fr with ESMTP id j${n}; Thu, ${n} Oct 2026 08:00:00 +0200`,
    `From: Marie, des Jardins de Marie <${SENDER}>`,
    'To: cmartin@orange.fr',
    `Subject: ${subject}`,
    `Date: Thu, ${n} Oct 2026 08:00:00 +0200`,
    `Message-ID: <lettre-${n}@jardins-marie.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '',
  ].join('\r\n');
  return { rawHeaders, body: { text } };
}

const SENDER_MAIL = [
  newsletter(
    1,
    'Les semis d’octobre',
    'Bonjour Camille,\nCe mois-ci, semez les fèves et les pois.\nMarie',
  ),
  newsletter(
    2,
    'Nos bulbes sont arrivés',
    'Bonjour Camille,\nTulipes et narcisses sont en boutique.\nMarie',
  ),
  newsletter(
    3,
    'Atelier compost samedi',
    'Bonjour Camille,\nVenez samedi à l’atelier compost, 10 h.\nMarie',
  ),
  newsletter(
    4,
    'La taille des rosiers',
    'Bonjour Camille,\nQuelques conseils pour tailler vos rosiers.\nMarie',
  ),
  newsletter(
    5,
    'Un nouveau terreau',
    'Bonjour Camille,\nNotre terreau maison est enfin prêt.\nMarie',
  ),
];
/** Arrives after the corrections, with a subject and text none of them had. */
const LATER = newsletter(
  9,
  'Préparer le jardin pour l’hiver',
  'Bonjour Camille,\nPaillez vos massifs avant les gelées.\nMarie',
);

function friendMail(n: number): MessageInput {
  const rawHeaders = [
    `From: Lucie Arnaud <${FRIEND}>`,
    'To: camille.martin@gmail.com',
    `Subject: Rando dimanche ${n}`,
    `Message-ID: <lucie-${n}@laposte.net>`,
    '',
    '',
  ].join('\r\n');
  return { rawHeaders, body: { text: 'On part à 9 h du parking, tu viens ?\nLucie' } };
}

const baseOptions = JSON.parse(
  readFileSync(path.join(CORPUS_DIR, 'context.json'), 'utf8'),
) as MemoryContextOptions;

/** The context after these corrections, each trained as the app trains it (corrections.ts). */
function correctedContext(
  corrections: ReadonlyArray<[MessageInput, string, Decision]>,
  keepDecisions: (sender: string) => boolean = () => true,
): DetectContext {
  const tokenModel = new TokenModel();
  const decisions: Record<string, Decision> = {};
  for (const [input, sender, decision] of corrections) {
    const context = createMemoryContext({ ...baseOptions, decisions, tokenModel });
    tokenModel.train(tokensForCorrection(input, context), decision);
    if (keepDecisions(sender)) decisions[sender] = decision;
  }
  return createMemoryContext({ ...baseOptions, decisions, tokenModel });
}

const CORRECTIONS: Array<[MessageInput, string, Decision]> = [
  // An earlier correction of another sender: the token model knows both classes.
  [friendMail(1), FRIEND, 'wanted'],
  [friendMail(2), FRIEND, 'wanted'],
  ...SENDER_MAIL.map((input): [MessageInput, string, Decision] => [input, SENDER, 'unwanted']),
];

/** What a user sees of a verdict. */
const seen = (c: Classification) => ({
  verdict: c.verdict,
  score: c.score,
  unsolicited: c.unsolicited,
  signals: c.signals.map((s) => s.code),
  identityLeaked: c.identityLeaked,
});

describe('five corrections of one sender', () => {
  let others: CorpusEntry[];
  const corrected = correctedContext(CORRECTIONS);

  beforeAll(async () => {
    // The generated corpus's senders: none of them is the corrected one.
    others = await loadCorpus();
    expect(others.length).toBeGreaterThan(200);
  });

  it('fix that sender’s later mail', () => {
    const result = classifyMessage(LATER, corrected);
    expect(['newsletter', 'cold_prospecting']).toContain(result.verdict);
    expect(result.unsolicited).toBe(true);
    expect(result.signals.map((s) => s.code)).toContain('unwanted_sender');
    // And each corrected message follows its correction too.
    for (const input of SENDER_MAIL)
      expect(classifyMessage(input, corrected).unsolicited).toBe(true);
  });

  it('move no other sender’s verdict beyond what the token model learned', () => {
    // The same token model without the decision on the corrected sender.
    const tokensOnly = correctedContext(CORRECTIONS, (sender) => sender !== SENDER);
    const untouched = createMemoryContext(baseOptions);
    let movedByTokens = 0;
    for (const entry of others) {
      const after = seen(classifyMessage(entry.input, corrected));
      expect(after, entry.file).toEqual(seen(classifyMessage(entry.input, tokensOnly)));
      const odds = corrected.tokenModel!.logOdds(tokensForCorrection(entry.input, corrected));
      const before = seen(classifyMessage(entry.input, untouched));
      // The token model only counts from |log-odds| 1: below, nothing may move at all.
      if (Math.abs(odds) < 1) expect(after, entry.file).toEqual(before);
      else if (after.verdict !== before.verdict || after.unsolicited !== before.unsolicited)
        movedByTokens++;
    }
    console.log(
      `other senders' verdicts the token model changed: ${movedByTokens} of ${others.length}`,
    );
  });

  it('are undone by the opposite decision for that sender alone', () => {
    const undone = correctedContext([...CORRECTIONS, [LATER, SENDER, 'wanted']]);
    const result = classifyMessage(LATER, undone);
    expect(result.unsolicited).toBe(false);
    expect(result.signals.map((s) => s.code)).toContain('wanted_sender');
  });
});
