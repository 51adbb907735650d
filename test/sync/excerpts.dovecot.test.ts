/**
 * Body excerpts: fetched for cold-prospecting candidates only (no
 * List-Unsubscribe, a sender the user never wrote to), text and HTML parts
 * decoded, attachments never downloaded.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady, addAlice } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { summarizeHeaders } from '../../electron/mail-format/index.js';
import type { SyncReport } from '../../shared/types.js';

const ready = dovecotReady('excerpts against Dovecot');

const CRLF = '\r\n';
const coldPitch =
  `From: Julien Prospect <julien@growth-agence.io>${CRLF}To: alice@exemple.fr${CRLF}Subject: Petite question${CRLF}` +
  `Date: Tue, 3 Nov 2026 09:00:00 +0100${CRLF}Message-ID: <cold-1@growth-agence.io>${CRLF}MIME-Version: 1.0${CRLF}` +
  `Content-Type: multipart/mixed; boundary="outer"${CRLF}${CRLF}--outer${CRLF}Content-Type: multipart/alternative; boundary="alt"${CRLF}${CRLF}` +
  `--alt${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}` +
  `Bonjour, je me permets de vous contacter : auriez-vous 15 minutes pour une d=C3=A9mo ?${CRLF}` +
  `--alt${CRLF}Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}` +
  `${Buffer.from('<p>Bonjour, une démo ?</p><img src="https://trk.lemlist.com/px/abc.gif" width="1" height="1">').toString('base64')}${CRLF}` +
  `--alt--${CRLF}--outer${CRLF}Content-Type: text/plain; name="tarifs.txt"${CRLF}Content-Disposition: attachment; filename="tarifs.txt"${CRLF}${CRLF}` +
  `ATTACHMENT-BODY-${'x'.repeat(200_000)}${CRLF}--outer--${CRLF}`;

describe.skipIf(!ready)('body excerpts for cold-prospecting candidates', () => {
  let server: DovecotServer;
  let t: TestCore;
  let report: SyncReport;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'Sent',
      [testMessage(1, { from: 'alice@exemple.fr', to: 'client@bureau-client.fr' })],
      { seen: true },
    );
    await server.addMessages('alice', 'INBOX', [
      coldPitch,
      testMessage(2, { extra: `List-Unsubscribe: <mailto:unsub@news.exemple.fr>${CRLF}` }),
      testMessage(3, { from: 'Client <client@bureau-client.fr>' }),
    ]);
    t = createTestCore();
    const account = await addAlice(t, server.port);
    report = await t.value('sync.run', { accountId: account.id });
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('stores decoded text and HTML for the cold pitch only, without the attachment', () => {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    const rows = db
      .prepare(
        `SELECT h.raw AS headers, e.text, e.html FROM message_excerpts e JOIN message_headers h ON h.message_id = e.message_id`,
      )
      .all() as Array<{ headers: Buffer; text: string; html: string }>;
    db.close();
    expect(rows.map((r) => summarizeHeaders(r.headers).from?.address)).toEqual([
      'julien@growth-agence.io',
    ]);
    expect(rows[0]!.text).toContain('15 minutes pour une démo ?');
    expect(rows[0]!.html).toContain('trk.lemlist.com/px/abc.gif');
    expect(rows[0]!.text).not.toContain('ATTACHMENT-BODY');
    // The report tells the header scan apart from the excerpt pass that follows it.
    expect(report.excerpts).toBe(1);
    expect(report.headersMs).toBeLessThanOrEqual(report.durationMs);
  });
});
