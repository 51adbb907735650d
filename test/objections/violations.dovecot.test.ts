/**
 * After an objection: replies matched to the case (In-Reply-To, and the
 * reference token alone), and a violation — marketing from the same
 * advertiser to the same identity received after the deadline — flagged on
 * the case with its raw source, SHA-256 and DKIM result, and filed into
 * "Violations" on Dovecot; marketing received before the deadline is not.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { testDkim } from './dkim-keys.js';
import { provenMarketing } from './fixtures.js';
import { ALICE_PASSWORD, addAliceWithSmtp, folderSources } from './support.js';

const ready = dovecotReady('objection replies and violations');
const DAY = 24 * 3600 * 1000;

describe.skipIf(!ready)('replies and violations of a case', () => {
  let server: DovecotServer;
  let sink: SmtpSink;
  let t: TestCore;
  const dkim = testDkim('brand.fr');
  const HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe'];

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [provenMarketing()]);
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
    t = createTestCore({ objections: { dkimResolver: dkim.resolver } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await server?.stop();
  });

  it('matches replies, flags the late marketing with its proof, and files it', async () => {
    const accountId = (await addAliceWithSmtp(t, server.port, sink.port)).id;
    await t.syncAndDetect(accountId);
    const messageId = (await t.value('messages.list', { accountId })).items[0]!.id;
    const preview = await t.value('objections.letter', {
      messageId,
      language: 'fr',
      to: 'dpo@brand.fr',
    });
    const requests = [
      { channel: 'mailto' as const, to: 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042' },
      { channel: 'letter' as const, to: 'dpo@brand.fr', language: 'fr' as const },
    ];
    await t.value('objections.send', {
      messageId,
      requests: [
        requests[0]!,
        {
          ...requests[1]!,
          letter: {
            subject: preview.subject,
            text: preview.text,
            referenceToken: preview.referenceToken,
          },
        },
      ],
      confirmation: requests.map(({ channel, to }) => ({ channel, to })),
    });
    await sink.waitForMessages(2);
    const letterId = /^Message-ID: (<[^>]+>)/im.exec(sink.messages[1]!.raw.toString('latin1'))![1]!;

    const now = Date.now();
    const early = await dkim.sign(
      Buffer.from(
        provenMarketing({ messageId: '<promo-2@brand.fr>', unsigned: true, date: new Date(now) }),
        'utf8',
      ),
      HEADERS,
    );
    const late = await dkim.sign(
      Buffer.from(
        provenMarketing({
          messageId: '<promo-3@brand.fr>',
          unsigned: true,
          subject: 'Toujours là !',
          date: new Date(now + 3 * DAY),
        }),
        'utf8',
      ),
      HEADERS,
    );
    const byReference = reply({
      inReplyTo: letterId,
      subject: 'Re: votre demande',
      id: '<r1@brand.fr>',
    });
    const byToken = reply({
      subject: `Votre demande ${preview.referenceToken}`,
      id: '<r2@brand.fr>',
    });
    // The server's clock two seconds behind ours: its replies look older than the request.
    await append([early, byReference, byToken], new Date(Date.now() - 2000));
    // Received three days after the unsubscribe, past its 48 hours: Dovecot takes a maildir
    // file's time as the message's arrival, and refuses an APPEND date in the future.
    await server.addMessages('alice', 'INBOX', [late]);
    await dateMaildirFile(server.maildir('alice'), late, new Date(now + 3 * DAY));

    await t.syncAndDetect(accountId);
    // The follow-up runs after each sync's detection; ask for it too (idempotent).
    await vi.waitFor(
      async () => {
        await t.value('objections.followUp', { accountId });
        const [c] = await t.value('objections.cases', {});
        expect(c!.violations).toHaveLength(1);
        expect(c!.replies).toHaveLength(2);
      },
      { timeout: 15_000, interval: 300 },
    );

    const [c] = await t.value('objections.cases', {});
    expect(c!.status).toBe('violated');
    expect(c!.replies.map((r) => r.matchedBy).sort()).toEqual(['in-reply-to', 'token']);
    const violation = c!.violations[0]!;
    expect(violation.rawSha256).toBe(createHash('sha256').update(late).digest('hex'));
    expect(violation.dkim).toBe('pass');
    // The key as DNS gave it at the check (mailauth drops the spaces), kept for when it rotates.
    const records = (await dkim.resolver('test._domainkey.brand.fr', 'TXT')) as string[][];
    expect(violation.dkimKeyRecord).toBe(records[0]![0]!.replace(/\s+/g, ''));
    const flagged = await t.value('messages.get', { id: violation.messageId });
    expect(flagged.subject).toBe('Toujours là !');

    // Filed: the late message now sits in Violations, byte for byte; the early one stays.
    expect(await folderSources(server.port, 'Violations')).toEqual([late]);
    const inbox = (await folderSources(server.port, 'INBOX')).map((b) => b.toString('latin1'));
    expect(inbox).toContain(early.toString('latin1'));
    expect(inbox).not.toContain(late.toString('latin1'));
    const kinds = (await t.value('journal.list', { accountId })).map((e) => [e.kind, e.state]);
    expect(kinds).toContainEqual(['move', 'done']);
    expect(kinds).toContainEqual(['folder.create', 'done']);
  });

  async function append(messages: Buffer[], arrival?: Date): Promise<void> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'alice', pass: ALICE_PASSWORD },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for (const raw of messages) await client.append('INBOX', raw, [], arrival);
    } finally {
      await client.logout();
    }
  }
});

async function dateMaildirFile(maildir: string, raw: Buffer, date: Date): Promise<void> {
  const dir = path.join(maildir, 'new');
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if ((await readFile(file)).equals(raw)) return utimes(file, date, date);
  }
  throw new Error('the message is not in new/');
}

function reply(o: { subject: string; id: string; inReplyTo?: string }): Buffer {
  return Buffer.from(
    [
      'From: DPO Brand <dpo@brand.fr>',
      'To: alice@exemple.fr',
      `Subject: ${o.subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${o.id}`,
      ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Nous avons bien reçu votre demande.',
      '',
    ].join('\r\n'),
    'utf8',
  );
}
