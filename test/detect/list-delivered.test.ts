/**
 * Content before the delivery path: a promotion posted to a discussion list
 * is judged on what it says, not on the list that carried it; the list is
 * still recorded (so no rule blocks the list for it) and named in "Why".
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';
import { wordedSignal } from '../../electron/detect/signals.js';
import type { LearnedModels } from '../../electron/detect/model/scorer.js';
import { shippedModels } from '../../electron/detect/model/shipped.js';

const LIST_ID = 'freecad-fr.listes.framalibre.org';

function listDelivered(
  from: string,
  subject: string,
  body: string | { text: string; html: string },
) {
  const domain = /@([^>]+)>/.exec(from)![1]!;
  const rawHeaders = [
    'Return-Path: <freecad-fr-bounces@listes.framalibre.org>',
    'Authentication-Results: mx.atelier-durand.fr; dkim=pass header.d=listes.framalibre.org;',
    ` spf=pass smtp.mailfrom=listes.framalibre.org; dmarc=pass header.from=${domain}`,
    'Received: from listes.framalibre.org (listes.framalibre.org [198.51.100.20])',
    '\tby mx.atelier-durand.fr with ESMTPS id 4f1a2; Tue, 13 Oct 2026 09:12:40 +0200',
    `From: ${from}`,
    'To: freecad-fr@listes.framalibre.org',
    `Subject: [freecad-fr] ${subject}`,
    'Date: Tue, 13 Oct 2026 09:12:31 +0200',
    `Message-ID: <20261013071231.5c2e@${domain}>`,
    'Precedence: list',
    `List-Id: Utilisateurs francophones de FreeCAD <${LIST_ID}>`,
    '<mailto:freecad-fr@listes.framalibre.org>',
    'List-Post: <mailto:freecad-fr@listes.framalibre.org>',
    'List-Unsubscribe: <https://listes.framalibre.org/mailman/options/freecad-fr>,',
    ' <mailto:freecad-fr-request@listes.framalibre.org?subject=unsubscribe>',
    'List-Archive: <https://listes.framalibre.org/pipermail/freecad-fr/>',
    'X-Mailman-Version: 2.1.29',
    '',
    '',
  ]
    .filter((line) => line !== '<mailto:freecad-fr@listes.framalibre.org>')
    .join('\r\n');
  return { rawHeaders, body: typeof body === 'string' ? { text: body } : body };
}

const PROMOTION_TEXT = [
  'Nouvelle collection de filaments chez Imprim3D Boutique',
  '',
  'Découvrez nos filaments PLA et PETG recyclés, fabriqués en France : -40 % cette semaine',
  'avec le code SOLDES40, livraison offerte dès 49 €.',
  'Voir la collection : https://www.imprim3d-boutique.example/collection?utm_source=newsletter',
  '',
  'Vous recevez ce message car vous êtes inscrit à notre lettre d’information.',
  'Se désinscrire : https://www.imprim3d-boutique.example/desinscription',
  '_______________________________________________',
  'freecad-fr mailing list',
  'https://listes.framalibre.org/mailman/listinfo/freecad-fr',
].join('\n');
const PROMOTION = listDelivered(
  'Imprim3D Boutique <newsletter@imprim3d-boutique.example>',
  'Nouvelle collection : filaments recyclés, -40 % cette semaine',
  {
    text: PROMOTION_TEXT,
    html:
      '<html><body><img src="https://www.imprim3d-boutique.example/img/banniere.jpg">' +
      `<p>${PROMOTION_TEXT.replace(/\n/g, '<br>')}</p>` +
      '<img src="https://track.imprim3d-boutique.example/open/7f3a.gif" width="1" height="1">' +
      '</body></html>',
  },
);

const DISCUSSION = listDelivered(
  'Nicolas Bertin <nicolas.bertin@example.org>',
  'Re: Export IFC : murs manquants',
  [
    'Le 12/10/2026 à 18:02, Camille a écrit :',
    '> Les murs disparaissent à l’export IFC depuis la 0.21.',
    '',
    'Même chose ici. En cochant « Export 2D objects » dans les préférences BIM,',
    'les murs reviennent. Je regarde ce soir si un rapport de bogue existe déjà.',
    '',
    'Nicolas',
    '_______________________________________________',
    'freecad-fr mailing list',
    'https://listes.framalibre.org/mailman/listinfo/freecad-fr',
  ].join('\n'),
);

const ENGINES: Array<[string, LearnedModels | null]> = [
  ['the rules alone', null],
  ['the rules with the shipped learned model', shippedModels()],
];

describe.each(ENGINES)('a message a discussion list delivered, judged by %s', (_, models) => {
  const context = createMemoryContext({ identities: ['camille.martin@atelier-durand.fr'] });

  it('gives a promotion posted to a list its content’s verdict, naming the list', () => {
    const result = classifyMessage(PROMOTION, context, models);
    expect(result.verdict).toBe('newsletter');
    expect(result.unsolicited).toBe(true);
    expect(result.list).toBe(LIST_ID);
    const through = result.signals.find((s) => s.code === 'received_through_list');
    expect(through && wordedSignal(through).en).toBe(`received through the list ${LIST_ID}`);
    expect(through && wordedSignal(through).fr).toBe(`reçu par la liste de diffusion ${LIST_ID}`);
    // The advertiser is the shop that wrote it, not the list.
    expect(result.advertiser?.domain).toBe('imprim3d-boutique.example');
  });

  it('keeps a member’s reply list discussion, with the list recorded and no extra sentence', () => {
    const result = classifyMessage(DISCUSSION, context, models);
    expect(result.verdict).toBe('list_discussion');
    expect(result.unsolicited).toBe(false);
    expect(result.list).toBe(LIST_ID);
    expect(result.signals.map((s) => s.code)).not.toContain('received_through_list');
  });
});

describe('mail no list delivered', () => {
  it('records no list', () => {
    const direct = {
      rawHeaders: [
        'From: Imprim3D Boutique <promo@imprim3d-boutique.example>',
        'To: camille.martin@atelier-durand.fr',
        'Subject: Soldes : -40 % sur tous les filaments !',
        'Message-ID: <a1@imprim3d-boutique.example>',
        'List-Unsubscribe: <https://imprim3d-boutique.example/desinscription>',
        '',
        '',
      ].join('\r\n'),
      body: PROMOTION.body,
    };
    const result = classifyMessage(direct, createMemoryContext(), null);
    expect(result.list).toBeNull();
    expect(result.signals.map((s) => s.code)).not.toContain('received_through_list');
  });
});
