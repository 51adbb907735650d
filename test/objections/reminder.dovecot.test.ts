/**
 * The reminder of a letter left unanswered, through the core: refused while
 * the letter's month runs; once it has passed, sent only as confirmed, from
 * the identity, as a letter request that follows up the first (journaled with
 * its own sentence, its copy in Sent, its own reference token); after it the
 * complaint is what comes next and a second reminder is refused; a reply
 * quoting the reminder's token answers the case.
 */
import BetterSqlite3 from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseInfo } from '../../shared/api/objections.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { provenMarketing } from './fixtures.js';
import { addAliceWithSmtp, folderSources } from './support.js';

const ready = dovecotReady('objection reminders');
const DAY = 86_400_000;
const DPO = 'dpo@brand.fr';

describe.skipIf(!ready)('the reminder of an unanswered letter', () => {
  let server: DovecotServer;
  let sink: SmtpSink;
  let t: TestCore;
  let accountId: string;
  let letterCase: CaseInfo;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [Buffer.from(provenMarketing(), 'utf8')]);
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
    t = createTestCore();
    accountId = (await addAliceWithSmtp(t, server.port, sink.port)).id;
    await t.syncAndDetect(accountId);
    const messageId = (await t.value('messages.list', { accountId })).items[0]!.id;
    const preview = await t.value('objections.letter', { messageId, language: 'fr', to: DPO });
    letterCase = await t.value('objections.send', {
      messageId,
      requests: [
        {
          channel: 'letter',
          to: DPO,
          language: 'fr',
          letter: {
            subject: preview.subject,
            text: preview.text,
            referenceToken: preview.referenceToken,
          },
        },
      ],
      confirmation: [{ channel: 'letter', to: DPO }],
    });
    await sink.waitForMessages(1);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await server?.stop();
  });

  const onlyCase = async () => (await t.value('objections.cases', {}))[0]!;

  it('is refused while the letter’s month runs, and says from when it will be possible', async () => {
    const c = await onlyCase();
    expect(c.status).toBe('waiting');
    expect(c.nextStep).toEqual({
      step: 'reminder',
      from: new Date(new Date(c.deadline!).getTime() + 1).toISOString(),
    });
    const refused = await t.call('objections.reminder', { caseId: c.id, language: 'fr' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('once the month has passed, is sent only as confirmed, following up the letter', async () => {
    backdate(t, letterCase.requests[0]!.id, 40 * DAY);
    const c = await onlyCase();
    expect(c.status).toBe('overdue');
    const preview = await t.value('objections.reminder', { caseId: c.id, language: 'fr' });
    expect(preview).toMatchObject({ to: DPO, noReply: false });
    // To another recipient, the preview says whether it is a no-reply address.
    const elsewhere = await t.value('objections.reminder', {
      caseId: c.id,
      language: 'fr',
      to: 'no-reply@brand.fr',
    });
    expect(elsewhere).toMatchObject({ to: 'no-reply@brand.fr', noReply: true });
    const input = {
      caseId: c.id,
      to: DPO,
      language: 'fr' as const,
      letter: {
        subject: preview.subject,
        text: preview.text,
        referenceToken: preview.referenceToken,
      },
    };
    const unconfirmed = await t.call('objections.sendReminder', {
      ...input,
      confirmation: [{ channel: 'letter', to: 'autre@brand.fr' }],
    });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(sink.messages).toHaveLength(1);

    const sent = await t.value('objections.sendReminder', {
      ...input,
      confirmation: [{ channel: 'letter', to: DPO }],
    });
    const [first, reminder] = sent.requests;
    expect(reminder).toMatchObject({
      channel: 'letter',
      to: DPO,
      state: 'done',
      followUpOf: first!.id,
      referenceToken: preview.referenceToken,
    });
    expect(sent.nextStep).toEqual({
      step: 'complaint',
      from: new Date(new Date(reminder!.sentAt).getTime() + 14 * DAY).toISOString(),
    });

    await sink.waitForMessages(2);
    const arrived = sink.messages[1]!;
    expect(arrived.from).toBe('alice@exemple.fr');
    expect(arrived.to).toEqual([DPO]);
    const mail = await simpleParser(arrived.raw);
    expect(mail.subject).toContain(preview.referenceToken);
    expect(mail.text).toContain(first!.referenceToken!);
    expect(await folderSources(server.port, 'Sent')).toContainEqual(arrived.raw);
    const journal = await t.value('journal.list', { accountId, limit: 10 });
    // Newest first: the reminder, then its copy appended to Sent.
    expect(journal.find((e) => e.kind === 'objection.letter')!.sentence.fr).toBe(
      `Relance d’une lettre RGPD envoyée depuis alice@exemple.fr à ${DPO} : fait.`,
    );
  });

  it('is not sent twice: what follows is the complaint', async () => {
    const c = await onlyCase();
    const again = await t.call('objections.reminder', { caseId: c.id, language: 'fr' });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /what comes next is the complaint/ },
    });
    expect(sink.messages).toHaveLength(2);
  });

  it('is answered by a reply quoting its reference', async () => {
    const token = (await onlyCase()).requests[1]!.referenceToken!;
    await server.addMessages('alice', 'INBOX', [
      Buffer.from(
        [
          'From: DPO Brand <dpo@brand.fr>',
          'To: alice@exemple.fr',
          `Subject: Votre relance ${token}`,
          `Date: ${new Date().toUTCString()}`,
          'Message-ID: <answer-1@brand.fr>',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Vos données ont été effacées.',
          '',
        ].join('\r\n'),
        'utf8',
      ),
    ]);
    await t.syncAndDetect(accountId);
    await t.value('objections.followUp', { accountId });
    const c = await onlyCase();
    expect(c.status).toBe('answered');
    expect(c.replies).toEqual([expect.objectContaining({ matchedBy: 'token' })]);
    expect(c.nextStep).toBeNull();
  });
});

/** Time passing: the request, its journal entry and the case dated `ago` earlier. */
function backdate(t: TestCore, requestId: number, ago: number): void {
  const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
  try {
    const at = new Date(Date.now() - ago).toISOString();
    db.transaction(() => {
      db.prepare(`UPDATE objection_requests SET created_at = ? WHERE id = ?`).run(at, requestId);
      db.prepare(
        `UPDATE journal SET created_at = ?, finished_at = ?
         WHERE id = (SELECT journal_id FROM objection_requests WHERE id = ?)`,
      ).run(at, at, requestId);
      db.prepare(`UPDATE objection_cases SET opened_at = ?`).run(at);
    })();
  } finally {
    db.close();
  }
}
