/**
 * Every imported message keeps the excerpt detection reads, a newsletter too (its List-
 * Unsubscribe once cost it its body: read from its headers alone, a French travel newsletter of
 * the demo was called spam): the start of its text and of its HTML, bounded as sync bounds them.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCERPT_HTML_BYTES, EXCERPT_TEXT_BYTES } from '../../electron/sync/excerpts.js';
import { createTestCore, type TestCore } from '../support/core.js';

const CRLF = '\r\n';
const newsletter = (n: number, paragraphs: number, lineEnd = CRLF) =>
  [
    `From: Escales <offres@escales.example>`,
    `To: camille@exemple.fr`,
    `Subject: Nos escales d'automne ${n}`,
    `Date: Wed, 14 Oct 2026 08:00:0${n} +0200`,
    `Message-ID: <escales-${n}@escales.example>`,
    `List-Unsubscribe: <https://escales.example/stop?u=${n}>`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/alternative; boundary="alt"`,
    ``,
    `--alt`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    `Sept nuits aux Canaries. `.repeat(paragraphs),
    `--alt`,
    `Content-Type: text/html; charset=utf-8`,
    ``,
    `<p><a href="https://escales.example/canaries">Sept nuits aux Canaries</a></p>`.repeat(
      paragraphs,
    ),
    `--alt--`,
    ``,
  ].join(lineEnd);

describe('the excerpts an import keeps', () => {
  let t: TestCore;
  let dir: string;
  let rows: Array<{ subject: string; text: string | null; html: string | null }>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ig-import-excerpts-'));
    mkdirSync(path.join(dir, 'INBOX'));
    writeFileSync(path.join(dir, 'INBOX', '1.eml'), newsletter(1, 2));
    writeFileSync(path.join(dir, 'INBOX', '2.eml'), newsletter(2, 2000));
    // Lines ending CR CR LF, as some archives publish mail.
    writeFileSync(path.join(dir, 'INBOX', '3.eml'), newsletter(3, 2, '\r\r\n'));
    t = createTestCore();
    await t.value('import.local', { path: dir });
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    rows = db
      .prepare(
        `SELECT m.subject, e.text, e.html FROM messages m
         LEFT JOIN message_excerpts e ON e.message_id = m.id ORDER BY m.subject`,
      )
      .all() as typeof rows;
    db.close();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a newsletter’s text and its HTML, links and all', () => {
    const [short] = rows;
    expect(short!.text).toContain('Sept nuits aux Canaries.');
    expect(short!.html).toContain('<a href="https://escales.example/canaries">');
  });

  it('finds the body of a message whose lines end with CR CR LF', () => {
    const doubled = rows[2]!;
    expect(doubled.subject).toBe("Nos escales d'automne 3");
    expect(doubled.text).toContain('Sept nuits aux Canaries.');
    expect(doubled.html).toContain('<a href="https://escales.example/canaries">');
  });

  it('bounds each part as sync does, however long the body', () => {
    const long = rows[1]!;
    expect(long.text!.length).toBe(EXCERPT_TEXT_BYTES);
    expect(long.html!.length).toBe(EXCERPT_HTML_BYTES);
  });
});
