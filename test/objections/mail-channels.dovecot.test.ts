/**
 * Mail channels for real: a mailto unsubscribe, the GDPR letter (French and
 * English) and an ARF abuse report, sent through the account's SMTP server
 * (the loopback sink, with AUTH) from the identity that received the
 * marketing, each copy appended to Sent on Dovecot byte for byte; nothing
 * without a confirmation listing every recipient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { provenMarketing } from './fixtures.js';
import { addAliceWithSmtp, folderSources, mimeParts } from './support.js';

const ready = dovecotReady('objection mail channels');
const ORIGINAL = Buffer.from(provenMarketing(), 'utf8');

describe.skipIf(!ready)('mail channels: mailto, GDPR letter, abuse report', () => {
  let server: DovecotServer;
  let sink: SmtpSink;
  let t: TestCore;
  let messageId: number;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [ORIGINAL]);
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
    t = createTestCore();
    const account = await addAliceWithSmtp(t, server.port, sink.port);
    await t.syncAndDetect(account.id);
    const list = await t.value('messages.list', { accountId: account.id });
    messageId = list.items[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await server?.stop();
  });

  it('offers each channel with its recipient, one-click only when DKIM proves it', async () => {
    const offers = await t.value('objections.channels', { messageId });
    expect(offers).toEqual([
      // The fixture's DKIM-Signature does not verify: one-click falls back to mailto.
      {
        channel: 'one-click',
        available: false,
        to: 'https://unsub.brand.fr/u/42',
        reason: 'dkim-not-verified',
      },
      {
        channel: 'mailto',
        available: true,
        to: 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042',
        reason: null,
      },
      // Found in the body's excerpt ("Données personnelles : écrivez à dpo@brand.fr").
      { channel: 'letter', available: true, to: 'dpo@brand.fr', reason: null },
      { channel: 'abuse-report', available: true, to: 'abuse@hubspot.com', reason: null },
      { channel: 'signal-spam', available: true, to: 'signal-spam', reason: null },
    ]);
  });

  it('sends nothing when the confirmation does not list every recipient', async () => {
    const result = await t.call('objections.send', {
      messageId,
      requests: [
        { channel: 'mailto', to: 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042' },
        { channel: 'abuse-report', to: 'abuse@hubspot.com' },
      ],
      confirmation: [
        { channel: 'mailto', to: 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042' },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(sink.messages).toHaveLength(0);
    expect(await t.value('journal.list', {})).toHaveLength(0);
  });

  it('refuses a letter to a no-reply address unless the user accepts it knowingly', async () => {
    const to = 'noreply@brand.fr';
    const result = await t.call('objections.send', {
      messageId,
      requests: [{ channel: 'letter', to, language: 'fr' }],
      confirmation: [{ channel: 'letter', to }],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CHANNEL_NOT_PROVEN', details: { reason: 'no-reply-address' } },
    });
    expect(sink.messages).toHaveLength(0);
  });

  it('sends mailto, a French letter and an abuse report, each copied to Sent', async () => {
    const preview = await t.value('objections.letter', {
      messageId,
      language: 'fr',
      to: 'dpo@brand.fr',
    });
    const mailto = 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042';
    const requests = [
      { channel: 'mailto' as const, to: mailto },
      {
        channel: 'letter' as const,
        to: 'dpo@brand.fr',
        language: 'fr' as const,
        letter: {
          subject: preview.subject,
          text: preview.text,
          referenceToken: preview.referenceToken,
        },
      },
      { channel: 'abuse-report' as const, to: 'abuse@hubspot.com' },
    ];
    const sent = await t.value('objections.send', {
      messageId,
      requests,
      confirmation: requests.map(({ channel, to }) => ({ channel, to })),
    });
    expect(sent.requests.map((r) => [r.channel, r.state])).toEqual([
      ['mailto', 'done'],
      ['letter', 'done'],
      ['abuse-report', 'done'],
    ]);
    expect(sent).toMatchObject({
      advertiserDomain: 'brand.fr',
      identity: 'alice@exemple.fr',
      status: 'waiting',
    });
    // The earliest deadline: 48 hours after the unsubscribe.
    const mailtoAt = new Date(sent.requests[0]!.sentAt).getTime();
    expect(new Date(sent.deadline!).getTime() - mailtoAt).toBe(48 * 3600 * 1000);

    await sink.waitForMessages(3);
    const [unsub, letter, arf] = sink.messages;
    for (const m of sink.messages) expect(m.from).toBe('alice@exemple.fr');

    expect(unsub!.to).toEqual(['unsubscribe@brand.fr']);
    const unsubMail = await simpleParser(unsub!.raw);
    expect(unsubMail.subject).toBe('unsubscribe 42');
    expect(unsubMail.from?.value[0]?.address).toBe('alice@exemple.fr');

    expect(letter!.to).toEqual(['dpo@brand.fr']);
    const letterMail: ParsedMail = await simpleParser(letter!.raw);
    expect(letterMail.subject).toBe(preview.subject);
    expect(letterMail.subject).toContain(preview.referenceToken);
    expect(letterMail.headers.get('content-language')).toBe('fr');
    const text = letterMail.text ?? '';
    for (const article of [
      'art. 21(2)',
      'art. 17(1)(c)',
      'art. 15(1)',
      'art. 15(1)(g)',
      'art. 14',
      'art. 7(1)',
      'art. 12(3)',
    ])
      expect(text).toContain(article);
    expect(text).toContain('retire');
    expect(text).toContain(preview.referenceToken);
    expect(text).toContain('Madame, Monsieur');
    expect(letterMail.attachments).toHaveLength(1);
    expect(letterMail.attachments[0]!.contentType).toBe('message/rfc822');
    expect(letterMail.attachments[0]!.content.equals(ORIGINAL)).toBe(true);

    expect(arf!.to).toEqual(['abuse@hubspot.com']);
    const arfHead = arf!.raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(arfHead).toMatch(/Content-Type: multipart\/report; report-type=feedback-report;/);
    const parts = mimeParts(arf!.raw);
    expect(parts.map((p) => /Content-Type: ([^;\r\n]+)/.exec(p.headers)![1])).toEqual([
      'text/plain',
      'message/feedback-report',
      'message/rfc822',
    ]);
    expect(parts[0]!.body.toString()).toContain('144550957');
    const report = parts[1]!.body.toString();
    expect(report).toMatch(/^Feedback-Type: abuse$/m);
    expect(report).toMatch(/^Version: 1$/m);
    expect(report).toMatch(/^User-Agent: /m);
    expect(report).toMatch(/^Original-Rcpt-To: alice@exemple.fr$/m);
    expect(parts[2]!.body.equals(ORIGINAL)).toBe(true);

    // The copies in Sent are the very bytes the SMTP server received.
    const copies = await folderSources(server.port, 'Sent');
    expect(copies.map((c) => c.toString('latin1'))).toEqual(
      sink.messages.map((m) => m.raw.toString('latin1')),
    );
  });

  it('writes the English letter in English, with the same articles', async () => {
    const preview = await t.value('objections.letter', {
      messageId,
      language: 'en',
      to: 'privacy@brand.fr',
    });
    const request = { channel: 'letter' as const, to: 'privacy@brand.fr', language: 'en' as const };
    await t.value('objections.send', {
      messageId,
      requests: [request],
      confirmation: [{ channel: request.channel, to: request.to }],
    });
    await sink.waitForMessages(4);
    const mail = await simpleParser(sink.messages[3]!.raw);
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.subject).toMatch(
      /^Objection, erasure and access \(GDPR Art\. 21, 17 and 15\) — ref\. IG-/,
    );
    for (const article of [
      'Art. 21(2)',
      'Art. 17(1)(c)',
      'Art. 15(1)(g)',
      'Art. 14',
      'Art. 7(1)',
      'Art. 12(3)',
    ])
      expect(mail.text).toContain(article);
    expect(mail.text).toContain('Dear Sir or Madam');
    expect(preview.text).toContain('Dear Sir or Madam');
  });

  it('records the two-month extension a company announces, and closes the case', async () => {
    const [c] = await t.value('objections.cases', {});
    const letter = c!.requests.find((r) => r.channel === 'letter')!;
    const extended = await t.value('objections.extend', { caseId: c!.id });
    // One month after the letter, then two more (end of day, in this machine's time zone).
    const sent = new Date(letter.sentAt);
    const expected = new Date(extended.extendedDeadline!);
    const months =
      (expected.getFullYear() - sent.getFullYear()) * 12 + expected.getMonth() - sent.getMonth();
    expect(months).toBe(3);
    expect(extended.status).toBe('waiting');
    // No reminder while the company is still within its time.
    expect(await t.call('objections.reminder', { caseId: c!.id, language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await t.value('objections.close', { caseId: c!.id })).status).toBe('closed');
  });

  it('does not send the same request twice by itself', async () => {
    const mailto = {
      channel: 'mailto' as const,
      to: 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042',
    };
    const again = await t.call('objections.send', {
      messageId,
      requests: [mailto],
      confirmation: [mailto],
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(sink.messages).toHaveLength(4);
  });
});
