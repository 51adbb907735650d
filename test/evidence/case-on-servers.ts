/**
 * A complaint case built on the test servers, as a user lives it: marketing
 * from Boutique Soleil arrives (DKIM-signed with keys made for the run), the
 * user's objection letter leaves by SMTP (nodemailer to the sink; the letter's
 * bytes and the server's reply journaled as the objections capability will),
 * the one-month deadline passes, and two more offers arrive after it.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice } from '../support/dovecot-account.js';
import { createTestSigner, testResolver, type TestResolver } from './dkim-keys.js';

export const ADVERTISER = 'boutique-soleil.fr';
export const OBJECTED_AT = '2026-10-01T09:00:00.000Z';
export const DEADLINE = '2026-11-01T09:00:00.000Z';

/** Offers by date: two before the objection, two after the deadline (the violations). */
export const OFFERS = [
  { n: 1, date: 'Tue, 15 Sep 2026 10:00:00 +0200', subject: 'Soldes d’automne : -30 % sur tout' },
  { n: 2, date: 'Sun, 20 Sep 2026 10:00:00 +0200', subject: 'Dernier jour « Été indien »' },
  {
    n: 3,
    date: 'Tue, 10 Nov 2026 10:00:00 +0100',
    subject: 'Nouveautés d’hiver rien que pour vous',
  },
  { n: 4, date: 'Fri, 20 Nov 2026 10:00:00 +0100', subject: 'Black Friday : jusqu’à -50 %' },
];

function offer(o: (typeof OFFERS)[number]): string {
  return (
    `Return-Path: <bounce-${o.n}@news.${ADVERTISER}>\r\n` +
    `Received: from mta.${ADVERTISER} (mta.${ADVERTISER} [192.0.2.${o.n}])\r\n\tby mx.exemple.fr with ESMTPS; ${o.date}\r\n` +
    `Authentication-Results: mx.exemple.fr; spf=pass smtp.mailfrom=news.${ADVERTISER}; dkim=pass header.d=${ADVERTISER}; dmarc=pass header.from=${ADVERTISER}\r\n` +
    `From: Boutique Soleil <offres@${ADVERTISER}>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: =?UTF-8?B?${Buffer.from(o.subject).toString('base64')}?=\r\nDate: ${o.date}\r\n` +
    `Message-ID: <offre-${o.n}@news.${ADVERTISER}>\r\n` +
    `List-Unsubscribe: <https://news.${ADVERTISER}/desabonnement?u=${o.n}>, <mailto:desabonnement@${ADVERTISER}>\r\n` +
    `List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nPrecedence: bulk\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n` +
    `Bonjour,\r\n\r\nProfitez de nos offres exclusives : livraison offerte dès 30 € d’achat.\r\n` +
    `Voir les promotions sur https://news.${ADVERTISER}/promo\r\n\r\n` +
    `Pour vous désinscrire de notre newsletter, cliquez ici.\r\n`
  );
}

/** Plain spam from a sender the user never objected to: a case for Signal Spam. */
export const SPAMMER = 'promo-flash.com';
function spam(n: number): string {
  return (
    `Return-Path: <x${n}@${SPAMMER}>\r\nFrom: Promo Flash <offres@${SPAMMER}>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: Gagnez un iPhone ${n}\r\nDate: Mon, 0${n} Nov 2026 08:00:00 +0100\r\n` +
    `Message-ID: <flash-${n}@${SPAMMER}>\r\nList-Unsubscribe: <mailto:stop@${SPAMMER}>\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
    `Offre exceptionnelle ! Promotion limitée, achetez maintenant, -70 % sur tout.\r\nSe désabonner : répondez STOP.\r\n`
  );
}

export interface ServerCase {
  server: DovecotServer;
  sink: SmtpSink;
  t: TestCore;
  dns: TestResolver;
  accountId: string;
  signerRecord: string;
  /** The letter as the sink received it, and the sink's reply to nodemailer. */
  letter: { raw: Buffer; response: string };
  close(): Promise<void>;
}

export async function buildServerCase(): Promise<ServerCase> {
  const signer = createTestSigner(ADVERTISER, 'soleil2026');
  const dns = testResolver([signer]);
  const server = await startDovecot();
  const sink = await startSmtpSink();
  const t = createTestCore({ dkimResolver: dns.resolve });
  try {
    await server.addMessages(
      'alice',
      'INBOX',
      await Promise.all(OFFERS.map((o) => signer.sign(offer(o)))),
    );
    await server.addMessages('alice', 'INBOX', [spam(1), spam(2)]);
    const accountId = (await addAlice(t, server.port)).id;
    const letter = await sendLetter(sink);
    journalTheLetter(t.dataDir, accountId, letter);
    await t.value('sync.run', { accountId });
    await markSpammerUnwanted(t, accountId);
    return {
      server,
      sink,
      t,
      dns,
      accountId,
      signerRecord: signer.record,
      letter,
      async close() {
        await t.close();
        await sink.stop();
        await server.stop();
      },
    };
  } catch (err) {
    await t.close();
    await sink.stop();
    await server.stop();
    throw err;
  }
}

/**
 * The user marks the spammer's domain unwanted, as from the "Why" panel: the case rests on the
 * user's own decision, not on what detection makes of two short messages written for the test.
 */
async function markSpammerUnwanted(t: TestCore, accountId: string): Promise<void> {
  const found = await t.value('messages.list', { accountId, search: SPAMMER });
  const first = found.items.find((m) => m.from?.address.endsWith(`@${SPAMMER}`));
  if (!first) throw new Error(`no message from ${SPAMMER} was stored`);
  await t.value('messages.correct', { id: first.id, decision: 'unwanted', scope: 'domain' });
}

/** The objection letter, sent for real to the SMTP sink. */
async function sendLetter(sink: SmtpSink): Promise<{ raw: Buffer; response: string }> {
  const transport = nodemailer.createTransport({
    host: sink.host,
    port: sink.port,
    secure: false,
    ignoreTLS: true,
  });
  const info = await transport.sendMail({
    from: 'Alice Martin <alice@exemple.fr>',
    to: `dpo@${ADVERTISER}`,
    subject: 'Opposition au traitement de mes données (RGPD art. 21) – réf. IG-2026-001',
    date: new Date(OBJECTED_AT),
    messageId: '<ig-2026-001@exemple.fr>',
    text:
      'Madame, Monsieur,\n\nJe m’oppose au traitement de mes données à des fins de prospection ' +
      '(RGPD art. 21(2)) et demande leur effacement (art. 17(1)(c)).\n\nAlice Martin\n',
  });
  transport.close();
  await sink.waitForMessages(1);
  return { raw: sink.messages[0]!.raw, response: info.response };
}

/**
 * What the objections capability records when it sends (journal intent before, outcome after;
 * the `objections` date detection reads), written here dated as the letter is.
 */
function journalTheLetter(
  dataDir: string,
  accountId: string,
  letter: { raw: Buffer; response: string },
) {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'));
  try {
    db.prepare(
      `INSERT INTO journal (account_id, kind, intent, state, outcome, created_at, finished_at)
       VALUES (?, 'objection.letter', ?, 'done', ?, ?, ?)`,
    ).run(
      accountId,
      JSON.stringify({
        advertiserDomain: ADVERTISER,
        channel: 'email',
        to: `dpo@${ADVERTISER}`,
        raw: letter.raw.toString('base64'),
      }),
      JSON.stringify({ response: letter.response }),
      OBJECTED_AT,
      OBJECTED_AT,
    );
    db.prepare(`INSERT INTO objections (advertiser_domain, objected_at) VALUES (?, ?)`).run(
      ADVERTISER,
      OBJECTED_AT,
    );
  } finally {
    db.close();
  }
}
