/** Migration 0012 on an in-memory database: the case tables, and what they refuse. */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { createCasesStore } from '../../electron/objections/cases.sql.js';

describe('migration 0012-objection-cases', () => {
  it('keeps one case per identity and advertiser, requests tied to the journal', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    const cases = createCasesStore(db);
    const base = {
      accountId: 'a',
      identity: 'alice@exemple.fr',
      advertiserDomain: 'brand.fr',
      advertiserName: null,
      routerId: null,
      routerAccount: null,
      privacyContact: null,
      openedAt: '2026-01-01T00:00:00Z',
    };
    const first = cases.openCase({ ...base, triggerMessageIds: [1] });
    const again = cases.openCase({
      ...base,
      triggerMessageIds: [2],
      privacyContact: 'dpo@brand.fr',
    });
    expect(again).toBe(first);
    expect(cases.getCase(first)).toMatchObject({
      triggerMessageIds: [1, 2],
      privacyContact: 'dpo@brand.fr',
    });
    // A request without its journal entry is refused: the ledger's intent comes first.
    expect(() =>
      cases.insertRequest({
        caseId: first,
        journalId: 999,
        channel: 'mailto',
        recipient: 'u@brand.fr',
        raw: Buffer.from('x'),
        rawSha256: 'x',
        language: null,
        referenceToken: null,
        rfcMessageId: null,
        createdAt: 't',
      }),
    ).toThrow(/FOREIGN KEY/);
    cases.recordObjection('brand.fr', '2026-01-02T00:00:00Z', first);
    expect(db.prepare(`SELECT advertiser_domain, case_id FROM objections`).all()).toEqual([
      { advertiser_domain: 'brand.fr', case_id: first },
    ]);
  });
});
