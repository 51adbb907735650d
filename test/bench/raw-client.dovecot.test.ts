/**
 * The bench's baseline client against the real Dovecot: it counts every
 * message of the folders it reads, and its excerpt FETCH (raw_fetch_excerpts)
 * receives the bounded starts of the text and HTML parts a first sync reads,
 * never the whole message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCERPT_FETCH, rawFetch, SCAN_FETCH } from '../../bench/raw-client.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { dovecotReady } from '../support/dovecot-account.js';

const ready = dovecotReady('bench raw client against Dovecot');

/** A newsletter's shape: a 10 KB text part and a 40 KB HTML part. */
function alternative(n: number): string {
  const line = (s: string) => `${s}\r\n`;
  const text = line('Bonjour, voici nos offres de la semaine.').repeat(250);
  const html = line('<p>Découvrez nos offres de la semaine, jusqu’à -50 %.</p>').repeat(700);
  return (
    `From: Boutique <news@boutique.example>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: Offres ${n}\r\nMessage-ID: <offre-${n}@boutique.example>\r\n` +
    `Date: Mon, 7 Dec 2026 10:00:0${n} +0100\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/alternative; boundary="b"\r\n\r\n` +
    `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}` +
    `--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}--b--\r\n`
  );
}

describe.skipIf(!ready)("the bench's raw client", () => {
  let server: DovecotServer;
  const messages = [1, 2, 3].map(alternative);

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', messages);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const fetchAll = (fetch: string) => {
    const user = server.users.find((u) => u.user === 'alice')!;
    return rawFetch({
      host: server.host,
      port: server.port,
      user: user.user,
      password: user.password,
      folders: ['INBOX'],
      fetch,
    });
  };

  it('reads the excerpts a first sync reads: 4 KB of text and 16 KB of HTML a message, not more', async () => {
    const headers = await fetchAll(SCAN_FETCH);
    const excerpts = await fetchAll(EXCERPT_FETCH);
    expect(headers.messages).toBe(3);
    expect(excerpts.messages).toBe(3);
    const perMessage = (excerpts.bytes - headers.bytes) / 3;
    // 4,096 + 16,384 bytes of parts, plus the structure and the items' names.
    expect(perMessage).toBeGreaterThan(4096 + 16384);
    expect(perMessage).toBeLessThan(4096 + 16384 + 1024);
    expect(Buffer.byteLength(messages[0]!)).toBeGreaterThan(40_000);
  });
});
