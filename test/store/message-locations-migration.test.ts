/**
 * Migration 0008 (messages apart from their locations) on a store that
 * today's sync filled: a real Dovecot mailbox synced, classified, one source
 * fetched and one correction made by the app at schema 7 (the fixture, made
 * at commit 6360c01 — see test/fixtures/stores/README.md). Nothing is lost:
 * same messages, same places, same verdicts, sources and header blocks.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/store/db.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/stores/schema7-after-sync.sqlite');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-mig8-'));
  dirs.push(dir);
  const file = path.join(dir, 'inbox-guard.sqlite');
  copyFileSync(FIXTURE, file);
  return file;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('migration 0008-message-locations on a store filled by the schema-7 sync', () => {
  it('keeps every message, its place, flags, verdict, source and header block', () => {
    const file = copyOfFixture();
    const old = new BetterSqlite3(file, { readonly: true });
    expect(schemaVersion(old)).toBe(7);
    const before = old
      .prepare(
        `SELECT m.id, f.path, m.uid, m.flags, m.subject, m.from_address, h.raw, c.verdict, c.score,
           c.detail, s.sha256 AS source_sha256, length(s.raw) AS source_size
         FROM messages m JOIN folders f ON f.id = m.folder_id JOIN message_headers h ON h.message_id = m.id
         LEFT JOIN classifications c ON c.message_id = m.id LEFT JOIN message_sources s ON s.message_id = m.id
         ORDER BY m.id`,
      )
      .all() as Array<Record<string, unknown> & { raw: Buffer }>;
    const decisions = old.prepare(`SELECT * FROM sender_decisions`).all();
    old.close();
    expect(before.length).toBeGreaterThan(10);
    expect(before.filter((r) => r.verdict !== null)).toHaveLength(before.length);
    expect(before.filter((r) => r.source_sha256 !== null)).toHaveLength(1);

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
      const after = db
        .prepare(
          `SELECT m.id, f.path, l.uid, l.flags, m.subject, m.from_address, h.raw, c.verdict, c.score,
             c.detail, s.sha256 AS source_sha256, length(s.raw) AS source_size
           FROM messages m JOIN message_locations l ON l.message_id = m.id
           JOIN folders f ON f.id = l.folder_id JOIN message_headers h ON h.message_id = m.id
           LEFT JOIN classifications c ON c.message_id = m.id LEFT JOIN message_sources s ON s.message_id = m.id
           ORDER BY m.id`,
        )
        .all() as typeof before;
      expect(after).toEqual(before);
      expect(db.prepare(`SELECT * FROM sender_decisions`).all()).toEqual(decisions);
      // Each message now carries the hash that recognises it in another folder.
      const hashes = db
        .prepare(
          `SELECT hex(m.header_sha256) AS hash, h.raw FROM messages m JOIN message_headers h ON h.message_id = m.id`,
        )
        .all() as Array<{ hash: string; raw: Buffer }>;
      for (const r of hashes) expect(r.hash.toLowerCase()).toBe(sha256(r.raw));
      expect(
        db.prepare(`SELECT COUNT(*) FROM messages WHERE gone_at IS NOT NULL`).pluck().get(),
      ).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('keeps a message, its verdict and source when its last location goes, and forgets the place only', () => {
    const db = openDatabase(copyOfFixture());
    try {
      const {
        message_id: id,
        folder_id: folderId,
        uid,
      } = db
        .prepare(
          `SELECT l.message_id, l.folder_id, l.uid FROM message_locations l
           JOIN message_sources s ON s.message_id = l.message_id`,
        )
        .get() as { message_id: number; folder_id: number; uid: number };
      db.prepare(`DELETE FROM message_locations WHERE folder_id = ? AND uid = ?`).run(
        folderId,
        uid,
      );
      const row = db
        .prepare(
          `SELECT m.gone_at, c.verdict, s.sha256 FROM messages m JOIN classifications c ON c.message_id = m.id
           JOIN message_sources s ON s.message_id = m.id WHERE m.id = ?`,
        )
        .get(id) as { gone_at: string | null; verdict: string; sha256: string };
      expect(row.gone_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(row.verdict).toBeTruthy();
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
  });
});
