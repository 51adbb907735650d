/**
 * A complaint case built on the test servers, as a user lives it: marketing
 * from Boutique Soleil arrives (DKIM-signed with keys made for the run, each
 * message received on its Date), the user objects to it from the app (the
 * letter leaves through the objections capability, confirmed, to the SMTP
 * sink), the one-month deadline passes, and two more offers arrive after it,
 * which the objections follow-up finds and files into Violations.
 *
 * The letter goes out today; the case is then dated 1 October, as if the
 * user had sent it then (the app cannot send in the past, and the offers'
 * dates are fixed).
 */
import BetterSqlite3 from 'better-sqlite3';
import { readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { monthsLater } from '../../electron/objections/deadlines.js';
import type { RequestProof } from '../../electron/objections/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAliceWithSmtp } from '../objections/support.js';
import { createTestSigner, testResolver, type TestResolver } from './dkim-keys.js';
import { retailNewsletterText } from '../support/retail-newsletter.js';

export const ADVERTISER = 'boutique-soleil.fr';
export const OBJECTED_AT = '2026-10-01T09:00:00.000Z';
/** One month after the letter, to the end of that day where the user lives (Art. 12(3)). */
export const DEADLINE = monthsLater(
  OBJECTED_AT,
  1,
  Intl.DateTimeFormat().resolvedOptions().timeZone,
);

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
    retailNewsletterText(ADVERTISER, 'Boutique Soleil', o.n)
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
  /** The letter as the sink received it, and the SMTP reply the objections ledger kept. */
  letter: { raw: Buffer; response: string };
  /**
   * For another process (the serve mode): keeps every message's DKIM as the app does after a
   * sync (with the test's DNS), closes the core and answers its data folder, left in place.
   */
  handOver(): Promise<string>;
  /** Stops the servers, and the core with its data folder unless it was handed over. */
  close(): Promise<void>;
}

export async function buildServerCase(): Promise<ServerCase> {
  const signer = createTestSigner(ADVERTISER, 'soleil2026');
  // The brand publishes SPF for its bounce domain (the offers' Received headers name
  // 192.0.2.<n>) and DMARC with p=reject: what the bundle's SPF/DMARC column shows.
  const dns = testResolver([signer], {
    [`news.${ADVERTISER}`]: ['v=spf1 ip4:192.0.2.0/24 -all'],
    [`_dmarc.${ADVERTISER}`]: ['v=DMARC1; p=reject'],
  });
  const server = await startDovecot();
  const sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
  // The follow-up checks DKIM with its own resolver: evidence's counts only its own questions.
  const t = createTestCore({
    dkimResolver: dns.resolve,
    objections: { dkimResolver: testResolver([signer]).resolve },
  });
  let handedOver = false;
  try {
    const offers = await Promise.all(OFFERS.map((o) => signer.sign(offer(o))));
    await server.addMessages('alice', 'INBOX', offers);
    for (const [i, o] of OFFERS.entries())
      await receivedOn(server.maildir('alice'), offers[i]!, new Date(o.date));
    await server.addMessages('alice', 'INBOX', [spam(1), spam(2)]);
    const accountId = (await addAliceWithSmtp(t, server.port, sink.port)).id;
    await t.syncAndDetect(accountId);
    await markSpammerUnwanted(t, accountId);
    const raw = await objectToTheSecondOffer(t, sink, accountId);
    const proof = dateTheCase(t.dataDir, OBJECTED_AT);
    if (proof.channel !== 'letter') throw new Error(`unexpected proof ${JSON.stringify(proof)}`);
    const letter = { raw, response: proof.smtpResponse };
    const found = await t.value('objections.followUp', { accountId });
    if (found.violations !== 2) throw new Error(`expected 2 violations, found ${found.violations}`);
    return {
      server,
      sink,
      t,
      dns,
      accountId,
      signerRecord: signer.record,
      letter,
      async handOver() {
        const listed = await t.value('messages.list', { accountId, limit: 100 });
        await t.value('evidence.authenticate', { ids: listed.items.map((m) => m.id) });
        handedOver = true;
        await t.core.close();
        return t.dataDir;
      },
      async close() {
        if (!handedOver) await t.close();
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

/** The GDPR letter, reviewed and confirmed as the user does it, sent for real to the sink. */
async function objectToTheSecondOffer(
  t: TestCore,
  sink: SmtpSink,
  accountId: string,
): Promise<Buffer> {
  const listed = await t.value('messages.list', { accountId, limit: 100 });
  const second = listed.items.find((m) => m.messageId === `<offre-2@news.${ADVERTISER}>`)!;
  const to = `dpo@${ADVERTISER}`;
  const preview = await t.value('objections.letter', { messageId: second.id, language: 'fr', to });
  const sent = await t.value('objections.send', {
    messageId: second.id,
    requests: [
      {
        channel: 'letter',
        to,
        language: 'fr',
        letter: {
          subject: preview.subject,
          text: preview.text,
          referenceToken: preview.referenceToken,
        },
      },
    ],
    confirmation: [{ channel: 'letter', to }],
  });
  await sink.waitForMessages(1);
  const state = sent.requests[0]!.state;
  if (state !== 'done') throw new Error(`the letter was not sent: ${state}`);
  return sink.messages[0]!.raw;
}

/**
 * The case, its request (and its journal entry) and detection's objection date, dated `at`;
 * answers the proof the ledger kept.
 */
function dateTheCase(dataDir: string, at: string): RequestProof {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'));
  try {
    db.transaction(() => {
      db.prepare(`UPDATE objection_cases SET opened_at = ?`).run(at);
      db.prepare(`UPDATE objection_requests SET created_at = ?`).run(at);
      db.prepare(`UPDATE objections SET objected_at = ?`).run(at);
      db.prepare(
        `UPDATE journal SET created_at = ?, finished_at = ?
         WHERE id IN (SELECT journal_id FROM objection_requests)`,
      ).run(at, at);
    })();
    const outcome = db
      .prepare(
        `SELECT outcome FROM journal WHERE id IN (SELECT journal_id FROM objection_requests)`,
      )
      .pluck()
      .get() as string;
    return JSON.parse(outcome) as RequestProof;
  } finally {
    db.close();
  }
}

/** Dovecot takes a maildir file's time as the message's arrival (its INTERNALDATE). */
async function receivedOn(maildir: string, raw: string, date: Date): Promise<void> {
  const dir = path.join(maildir, 'new');
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if ((await readFile(file, 'utf8')) === raw) return utimes(file, date, date);
  }
  throw new Error('the message is not in new/');
}
