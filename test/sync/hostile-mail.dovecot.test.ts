/**
 * Malformed and oversized mail never stops a scan: every message is stored
 * (header bytes untouched) or skipped with a recorded reason, and a 50 MB
 * attachment is not downloaded to read its headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady, addAlice } from '../support/dovecot-account.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const ready = dovecotReady('hostile mail against Dovecot');

const CRLF = '\r\n';
const hostile: Array<{ name: string; raw: Buffer }> = [
  {
    name: 'broken MIME',
    raw: Buffer.from(
      `From: Broken <broken@exemple.fr>${CRLF}Subject: MIME cassé${CRLF}Date: Mon, 2 Nov 2026 10:00:00 +0100${CRLF}Message-ID: <broken@exemple.fr>${CRLF}` +
        `Content-Type: multipart/mixed; boundary=${CRLF}${CRLF}--nothing-here${CRLF}Content-Type: text/html; charset=x-unknown${CRLF}${CRLF}<p>oops${CRLF}--unterminated`,
    ),
  },
  {
    name: '8-bit headers without charset',
    raw: Buffer.concat([
      Buffer.from(`From: `),
      Buffer.from('Élodie Dupré', 'utf8'),
      Buffer.from(` <elodie@exemple.fr>${CRLF}Subject: `),
      Buffer.from('Réunion à l’atelier — café', 'utf8'),
      Buffer.from(`${CRLF}X-Latin1: caf`),
      Buffer.from([0xe9]),
      Buffer.from(
        `${CRLF}Date: Mon, 2 Nov 2026 11:00:00 +0100${CRLF}Message-ID: <eightbit@exemple.fr>${CRLF}${CRLF}corps${CRLF}`,
      ),
    ]),
  },
  {
    name: 'encoded words everywhere, some broken',
    raw: Buffer.from(
      `From: =?UTF-8?B?TWFyacOpIEzDqW9u?= <marie@exemple.fr>${CRLF}To: =?ISO-8859-1?Q?Andr=E9?= <alice@exemple.fr>${CRLF}` +
        `Reply-To: =?UTF-8?Q?R=C3=A9ponse?= <reponse@exemple.fr>${CRLF}Subject: =?UTF-8?Q?Offre_sp=C3=A9ciale?= =?UTF-8?B?IOKAlCAtNTAl?= =?bogus?X?zzz?=${CRLF}` +
        `List-Id: =?UTF-8?Q?Liste_=C3=A9t=C3=A9?= <liste.exemple.fr>${CRLF}Date: Mon, 2 Nov 2026 12:00:00 +0100${CRLF}Message-ID: <encoded@exemple.fr>${CRLF}${CRLF}x${CRLF}`,
    ),
  },
  {
    name: '2 MB header block',
    raw: Buffer.from(
      `From: Flood <flood@exemple.fr>${CRLF}Subject: Header flood${CRLF}Date: Mon, 2 Nov 2026 13:00:00 +0100${CRLF}Message-ID: <flood@exemple.fr>${CRLF}` +
        Array.from({ length: 20_000 }, (_, i) => `X-Flood-${i}: ${'a'.repeat(90)}${CRLF}`).join(
          '',
        ) +
        CRLF +
        `body${CRLF}`,
    ),
  },
  {
    name: 'no body, no blank line',
    raw: Buffer.from(
      `From: Headers Only <only@exemple.fr>${CRLF}Subject: Just headers${CRLF}Message-ID: <only@exemple.fr>${CRLF}`,
    ),
  },
  {
    name: '50 MB attachment',
    raw: Buffer.concat([
      Buffer.from(
        `From: Big <big@exemple.fr>${CRLF}Subject: Pièce jointe énorme${CRLF}Date: Mon, 2 Nov 2026 14:00:00 +0100${CRLF}Message-ID: <big@exemple.fr>${CRLF}` +
          `MIME-Version: 1.0${CRLF}Content-Type: multipart/mixed; boundary="b1"${CRLF}${CRLF}--b1${CRLF}Content-Type: text/plain${CRLF}${CRLF}voir PJ${CRLF}` +
          `--b1${CRLF}Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename="gros.bin"${CRLF}${CRLF}`,
      ),
      Buffer.alloc(
        50 * 1024 * 1024,
        Buffer.from(
          `QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=${CRLF}`,
        ),
      ),
      Buffer.from(`${CRLF}--b1--${CRLF}`),
    ]),
  },
];

describe.skipIf(!ready)('hostile mail during a scan', () => {
  let server: DovecotServer;
  let proxy: TcpProxy;
  let t: TestCore;
  let accountId: string;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      hostile.map((h) => h.raw),
    );
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: server.port });
    t = createTestCore();
    const account = await addAlice(t, proxy.port);
    accountId = account.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('stores every message or records why not, and keeps going', async () => {
    const before = proxy.bytesToClient;
    const report = await t.value('sync.run', { accountId });
    const scanned = proxy.bytesToClient - before;
    expect(report.added + report.problems).toBe(hostile.length);
    expect(report.added).toBe(hostile.length);
    // Headers only: the 50 MB attachment never crossed the wire.
    expect(scanned).toBeLessThan(5 * 1024 * 1024);

    const { items } = await t.value('messages.list', { accountId, limit: 50 });
    const bySubject = new Map(items.map((m) => [m.subject, m]));
    expect(bySubject.get('Réunion à l’atelier — café')?.from).toEqual({
      name: 'Élodie Dupré',
      address: 'elodie@exemple.fr',
    });
    expect(bySubject.get('MIME cassé')).toBeDefined();
    expect(bySubject.get('Pièce jointe énorme')?.size).toBeGreaterThan(50 * 1024 * 1024);
    expect([...bySubject.keys()].find((s) => s.startsWith('Offre spéciale — -50%'))).toBeDefined();
    expect(items.find((m) => m.from?.address === 'marie@exemple.fr')?.from?.name).toBe(
      'Marié Léon',
    );

    // Header blocks are stored byte for byte, 8-bit bytes included.
    const eightBit = items.find((m) => m.from?.address === 'elodie@exemple.fr')!;
    const detail = await t.value('messages.get', { id: eightBit.id });
    const original = hostile[1]!.raw;
    expect(
      Buffer.from(detail.rawHeaders, 'latin1').equals(
        original.subarray(0, original.indexOf('\r\n\r\n') + 4),
      ),
    ).toBe(true);
    const flood = items.find((m) => m.subject === 'Header flood')!;
    expect((await t.value('messages.get', { id: flood.id })).rawHeaders.length).toBeGreaterThan(
      2_000_000,
    );
  });
});
