/**
 * What the learned model reads, and how its verdict meets the rules. The
 * corpus's personal mail comes from an export without transport headers: a
 * real message with its whole trail must read exactly as that export does,
 * or the model would learn "no Received headers, hence personal".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { modelInputFor } from '../../electron/detect/classify.js';
import {
  classifyMessage,
  createMemoryContext,
  type MessageInput,
  type Signal,
} from '../../electron/detect/index.js';
import { modelFeatures } from '../../electron/detect/model/features.js';
import { MODEL_TEXT_CHARS } from '../../electron/detect/model/text.js';
import { NAMED } from '../../electron/detect/model/vocabulary.js';
import { storedSignal, wordedSignal } from '../../electron/detect/signals.js';

const TRAIL = [
  'Delivered-To: paul@exemple.fr',
  'Received: by 2002:a05:6a10:7a0c with SMTP id x; Tue, 3 Mar 2026 09:12:01 -0800 (PST)',
  'ARC-Seal: i=1; a=rsa-sha256; t=1772557921; cv=none; d=google.com; s=arc-20240605; b=abc',
  'Return-Path: <marie.durand@gmail.com>',
  'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id y for <paul@exemple.fr>; Tue, 3 Mar 2026 09:12:01 -0800 (PST)',
  'Received-SPF: pass (google.com: domain of marie.durand@gmail.com designates 209.85.220.41 as permitted sender)',
  'Authentication-Results: mx.google.com; dkim=pass header.i=@gmail.com header.s=20230601; spf=pass smtp.mailfrom=marie.durand@gmail.com; dmarc=pass (p=NONE) header.from=gmail.com',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; h=to:subject:message-id:date:from:mime-version; bh=x; b=y',
  'X-Received: by 2002:a17:907:1c0a with SMTP id z; Tue, 03 Mar 2026 09:12:00 -0800 (PST)',
];
const MESSAGE = [
  'MIME-Version: 1.0',
  'From: Marie Durand <marie.durand@gmail.com>',
  'Date: Tue, 3 Mar 2026 18:11:49 +0100',
  'Message-ID: <CAF3x9q+abc@mail.gmail.com>',
  'Subject: Dimanche ?',
  'To: Paul <paul@exemple.fr>',
  'Content-Type: text/plain; charset="UTF-8"',
];
const BODY = {
  text: 'Salut Paul,\n\ntu viens dimanche ? On fait un barbecue chez mes parents.\n\nMarie',
};

function features(input: MessageInput): number[] {
  return [...modelFeatures(modelInputFor(input, createMemoryContext())).indices].sort(
    (a, b) => a - b,
  );
}

describe('the learned model’s features', () => {
  it('read a message with its transport trail as the corpus export without it', () => {
    const withTrail = { rawHeaders: [...TRAIL, ...MESSAGE].join('\r\n'), body: BODY };
    // The Enron export's shape: no trail, no display name, a JavaMail id, its own X- headers.
    const exported = [
      'Message-ID: <8165111.1075852727151.JavaMail.evans@thyme>',
      'Date: Mon, 24 Sep 2001 07:03:50 -0700 (PDT)',
      'From: marie.durand@gmail.com',
      'To: paul@exemple.fr',
      'Subject: Dimanche ?',
      'Mime-Version: 1.0',
      'Content-Type: text/plain; charset=us-ascii',
      'X-From: Marie Durand <marie.durand@gmail.com>',
      'X-Folder: \\PAUL (Non-Privileged)\\Inbox',
      'X-FileName: PAUL (Non-Privileged).pst',
    ].join('\n');
    expect(features({ rawHeaders: exported, body: BODY })).toEqual(features(withTrail));
  });

  it('read the words of the first 4 KB of the text and none after', () => {
    const head = 'Bonjour, voici le compte rendu. '.repeat(200).slice(0, MODEL_TEXT_CHARS);
    const short = { rawHeaders: MESSAGE.join('\n'), body: { text: head } };
    // (The wording lists the rules share read their own window: these words are in none.)
    const long = { rawHeaders: MESSAGE.join('\n'), body: { text: head + ' zèbre xylophone' } };
    expect(features(long)).toEqual(features(short));
  });

  it('fold accents and case, and read no words out of addresses and links', () => {
    const plain = { rawHeaders: MESSAGE.join('\n'), body: { text: 'Reponse a votre demande.' } };
    const accented = {
      rawHeaders: MESSAGE.join('\n'),
      body: {
        text: 'RÉPONSE à votre demande. jean.dupont@societe.fr https://www.societe.fr/offre',
      },
    };
    const withLink = features(accented);
    const linkFeatures = features({
      rawHeaders: MESSAGE.join('\n'),
      body: { text: 'Reponse a votre demande. https://www.societe.fr/offre' },
    });
    // The link adds link features (a link, another domain) but no words: same as the address.
    expect(withLink).toEqual(linkFeatures);
    expect(features(plain).every((j) => withLink.includes(j))).toBe(true);
  });

  it('read what a link asks for (its path words and subdomain), not what an image is called', () => {
    const linked = (url: string) =>
      features({ rawHeaders: MESSAGE.join('\n'), body: { text: `Bonjour, voir ${url} merci.` } });
    const login = linked('https://secure.banque-exemple.fr/login/verify-account?id=42');
    const sameWords = linked('https://secure.autre-banque.fr/Login/Verify_Account?id=7');
    const article = linked('https://www.banque-exemple.fr/actualites/article-12');
    expect(login).toEqual(sameWords);
    expect(login).not.toEqual(article);
    const image = (name: string) =>
      features({
        rawHeaders: MESSAGE.join('\n'),
        body: { html: `<p>Bonjour</p><img src="https://cdn.exemple.fr/${name}.png">` },
      });
    expect(image('login/verify')).toEqual(image('banner/top'));
  });

  it('read no failed authentication on a list post: the list’s footer broke the signature', () => {
    const failed =
      'Authentication-Results: mx.exemple.fr; dkim=fail header.d=orange.fr; spf=pass ' +
      'smtp.mailfrom=lists.exemple.org; dmarc=fail header.from=orange.fr';
    const author = [
      failed,
      'From: Hélène <helene@orange.fr>',
      'To: patrimoine@lists.exemple.org',
      'Subject: Appel à contributions',
      'Message-ID: <a1@orange.fr>',
    ];
    const list = [
      'List-Id: <patrimoine.lists.exemple.org>',
      'List-Post: <mailto:patrimoine@lists.exemple.org>',
    ];
    const body = {
      text: 'Bonjour à toutes et à tous, les propositions sont à envoyer avant le 30.',
    };
    const direct = features({ rawHeaders: author.join('\n'), body });
    const posted = features({ rawHeaders: [...author, ...list].join('\n'), body });
    const unsigned = features({ rawHeaders: [...author.slice(1), ...list].join('\n'), body });
    expect(direct).toContain(NAMED.dkim_failed);
    expect(direct).toContain(NAMED.dmarc_failed);
    expect(posted).not.toContain(NAMED.dkim_failed);
    expect(posted).not.toContain(NAMED.dmarc_failed);
    expect(posted).toEqual(unsigned);
  });
});

const PROMO = [
  ...TRAIL.slice(0, 1),
  'From: Offres Exclusives <offres@promo-flash.xyz>',
  'Reply-To: gagnant2026@gmail.com',
  'To: undisclosed-recipients:;',
  'Subject: FÉLICITATIONS !!! Vous avez gagné 5000 € - réclamez MAINTENANT',
  'Message-ID: <a1b2c3@promo-flash.xyz>',
  'Content-Type: text/html; charset="UTF-8"',
].join('\n');
const PROMO_BODY = {
  html: '<p>Cher client, vous avez été sélectionné ! Cliquez ici pour réclamer votre gain de 5000 € en bitcoin avant 24 heures : <a href="https://bit.ly/x1">réclamer</a> <a href="http://185.2.3.4/claim">ici</a></p><img src="https://track.promo-flash.xyz/open.gif?u=1" width="1" height="1">',
};

describe('the learned model beside the rules', () => {
  it('names the features that weighed most, in English and French, as the store rebuilds them', () => {
    const result = classifyMessage({ rawHeaders: PROMO, body: PROMO_BODY }, createMemoryContext());
    expect(result.unsolicited).toBe(true);
    const learned = result.signals.find((s) => s.code === 'learned_model');
    const words = wordedSignal(learned!);
    expect(words.en).toMatch(/^learned model, \d+ % sure: \S/);
    expect(words.fr).toMatch(/^modèle appris, sûr à \d+ % : \S/);
    expect(result.score).toBe(Number(learned!.params!.percent) / 100);
    // What is in the message, not the rules' own reading (a feature the model weighs).
    expect(learned!.params!.features).not.toMatch(/n:rules_/);
    // The store keeps the code and its parameters; the sentences come back the same.
    const stored = storedSignal(JSON.parse(JSON.stringify(learned)) as Signal);
    expect(stored.en).toBe(words.en);
    expect(stored.fr).toBe(words.fr);
  });

  it('never calls mail from someone the user wrote to unsolicited, whatever the model says', () => {
    const context = createMemoryContext({ writtenTo: ['offres@promo-flash.xyz'] });
    const result = classifyMessage({ rawHeaders: PROMO, body: PROMO_BODY }, context);
    expect(result.unsolicited).toBe(false);
    expect(['spam', 'cold_prospecting']).not.toContain(result.verdict);
  });

  it('keeps a French newsletter from a verified marketing platform a newsletter', async () => {
    // The corpus's French mail is nearly all spam, its newsletters from before emoji subjects.
    const raw = readFileSync(
      new URL('../../electron/demo/mail/INBOX/01-panier-leonie-hebdo.eml', import.meta.url),
    );
    const result = classifyMessage(await messageInputOf(raw), createMemoryContext());
    expect(result.router?.name).toMatch(/Brevo/);
    expect(result.verdict).toBe('newsletter');
  });

  it('lets the user’s decision on a sender stand over the model', () => {
    const context = createMemoryContext({ decisions: { 'marie.durand@gmail.com': 'unwanted' } });
    const result = classifyMessage(
      { rawHeaders: [...TRAIL, ...MESSAGE].join('\n'), body: BODY },
      context,
    );
    expect(result.unsolicited).toBe(true);
    expect(result.signals.map((s) => s.code)).toContain('unwanted_sender');
  });
});
