/**
 * The preview's body call over a real Dovecot: the HTML as the message has it
 * (cid: logo inlined as a data URI), the attachment listed, plain text kept as
 * text, and the source fetched from the server once (a second call connects
 * to nothing: a recording relay counts the connections).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingRelay, type RecordingRelay } from '../accounts/recording-relay.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import {
  HOSTILE_SUBJECT,
  hostileMessage,
  PLAIN_SUBJECT,
  plainMessage,
} from '../support/hostile-mail.js';

const ready = dovecotReady('message body');
const TRAP = 'http://127.0.0.1:9';

describe.skipIf(!ready)('messages.body (Dovecot)', () => {
  let server: DovecotServer;
  let relay: RecordingRelay;
  let t: TestCore;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [hostileMessage(TRAP), plainMessage()]);
    relay = await startRecordingRelay({ targetHost: '127.0.0.1', targetPort: server.port });
    t = createTestCore();
    const accountId = (await addAlice(t, relay.port)).id;
    await t.syncAndDetect(accountId);
    const listed = await t.value('messages.list', { accountId, limit: 10 });
    for (const m of listed.items) ids.set(m.subject, m.id);
  });
  afterAll(async () => {
    await t?.close();
    await relay?.close();
    await server?.stop();
  });

  it('gives the HTML with its inline logo as data, and lists the real attachment only', async () => {
    const id = ids.get(HOSTILE_SUBJECT)!;
    const body = await t.value('messages.body', { id });
    expect(body.messageId).toBe(id);
    expect(body.html).toContain('<h1 class="promo">Soldes d’hiver</h1>');
    // The related image is inlined; the sanitizer, not the core, removes the rest.
    expect(body.html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Logo de la boutique">/);
    expect(body.html).not.toContain('cid:');
    expect(body.html).toContain(`${TRAP}/banner.jpg`);
    expect(body.attachments).toEqual([
      { filename: 'conditions.pdf', contentType: 'application/pdf', size: 15 },
    ]);
    expect(body.truncated).toBe(false);
  });

  it('keeps plain text as text', async () => {
    const body = await t.value('messages.body', { id: ids.get(PLAIN_SUBJECT)! });
    expect(body.html).toBeNull();
    expect(body.text).toContain('<b>Ceci n’est pas du gras</b>');
    expect(body.attachments).toEqual([]);
  });

  it('fetches a source from the server once, then reads the kept copy', async () => {
    const id = ids.get(HOSTILE_SUBJECT)!;
    const before = relay.accepted;
    const again = await t.value('messages.body', { id });
    expect(again.html).toContain('Voir les soldes');
    expect(relay.accepted).toBe(before);
  });

  it('answers NOT_FOUND for a message the store does not have', async () => {
    const result = await t.core.call('messages.body', { id: 999_999 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });
});
