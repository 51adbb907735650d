/**
 * A mail server's own reports (bounces, delivery notices) are transactional
 * mail, whatever the mail they return says: a bounce quotes the promotion or
 * the scam it could not deliver, and must not be filed or reported as one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'messages');

const codes = (signals: ReadonlyArray<{ code: string }>) => signals.map((s) => s.code);

describe('a mail server’s report', () => {
  // Real mail (shared corpus 0414): a French town hall's Exchange server returns a car-parts
  // newsletter ("Non remis : Votre deuxième paire de chaussures à 5 euros"), multipart/report.
  const bounce = readFileSync(path.join(CORPUS, '0414.eml'));

  it('is transactional even when it quotes a promotion, with or without its body', async () => {
    const input = await messageInputOf(bounce);
    const read = classifyMessage(input, createMemoryContext());
    expect(read.verdict).toBe('transactional');
    expect(codes(read.signals)).toContain('delivery_report');
    // The town hall's server sells nothing, and its report makes it no shop the user buys from.
    expect(read.advertiser).toBeNull();
    const headersAlone = classifyMessage(
      { rawHeaders: input.rawHeaders },
      createMemoryContext(),
      null,
    );
    expect(headersAlone.verdict).toBe('transactional');
  });

  it('is told apart by its content type, not by the words it quotes', async () => {
    const input = await messageInputOf(bounce);
    const asMixed = input.rawHeaders.replace(
      /multipart\/report; report-type=delivery-status;/,
      'multipart/mixed;',
    );
    expect(asMixed).not.toBe(input.rawHeaders);
    const read = classifyMessage({ ...input, rawHeaders: asMixed }, createMemoryContext(), null);
    expect(codes(read.signals)).not.toContain('delivery_report');
  });
});

describe('mail from a mail system’s own address', () => {
  const notice = (from: string) => ({
    rawHeaders: [
      'Received: from mx1.exemple-hebergeur.fr (mx1.exemple-hebergeur.fr [192.0.2.25])',
      '\tby mx.atelier-durand.fr with ESMTPS id 7c1d; Tue, 13 Oct 2026 09:12:40 +0200',
      `From: ${from}`,
      'To: contact@atelier-durand.fr',
      'Subject: Message retardé : votre courriel n’a pas encore pu être remis',
      'Date: Tue, 13 Oct 2026 09:12:31 +0200',
      'Message-ID: <20261013071231.1f2e@mx1.exemple-hebergeur.fr>',
      '',
      '',
    ].join('\r\n'),
    body: {
      text: 'Ceci est un message automatique. Votre courriel à claire@exemple.org est en attente depuis 4 heures ; nous réessaierons pendant 5 jours.',
    },
  });

  it('is read as a mail system’s notice (MAILER-DAEMON, postmaster), from no one else', () => {
    for (const from of [
      'Mail Delivery System <MAILER-DAEMON@mx1.exemple-hebergeur.fr>',
      '<postmaster@exemple-hebergeur.fr>',
    ]) {
      const read = classifyMessage(notice(from), createMemoryContext(), null);
      expect(read.verdict, from).toBe('transactional');
      expect(codes(read.signals), from).toContain('mail_system_sender');
      expect(read.advertiser, from).toBeNull();
    }
    const person = classifyMessage(
      notice('Claire Morel <claire@exemple-hebergeur.fr>'),
      createMemoryContext(),
      null,
    );
    expect(codes(person.signals)).not.toContain('mail_system_sender');
  });
});
