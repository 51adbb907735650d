/**
 * The sync's answer does not wait for detection, so its status says when
 * detection is still reading what the sync stored: `detecting` turns on
 * before the sync answers and off only once every message has its verdict.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';

const ready = dovecotReady('detection status after a sync');

describe.skipIf(!ready)('sync status: detecting', () => {
  let server: DovecotServer;
  let t: TestCore;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(40));
    t = createTestCore();
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  const unclassified = () => {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      return (
        db
          .prepare(
            `SELECT count(*) AS n FROM messages m
             LEFT JOIN classifications c ON c.message_id = m.id WHERE c.message_id IS NULL`,
          )
          .get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  };

  it('is on when the sync answers, and off once every message has its verdict', async () => {
    const accountId = (await addAlice(t, server.port)).id;
    const seen: Array<{ detecting: boolean; unclassified: number; answered: boolean }> = [];
    // Every status as (syncing, detecting): the first-run screen waits for both to be off.
    const states: string[] = [];
    let answered = false;
    let settled!: () => void;
    const off = new Promise<void>((resolve) => (settled = resolve));
    const stop = t.core.onEvent((event: CoreEvent) => {
      if (event.type !== 'sync.state' || event.status.accountId !== accountId) return;
      const state = `${event.status.syncing ? 'syncing' : ''}/${event.status.detecting ? 'detecting' : ''}`;
      if (states.at(-1) !== state) states.push(state);
      const last = seen.at(-1);
      if (last?.detecting === event.status.detecting) return;
      seen.push({ detecting: event.status.detecting, unclassified: unclassified(), answered });
      if (!event.status.detecting && last?.detecting) settled();
    });
    try {
      const report = await t.value('sync.run', { accountId });
      answered = true;
      expect(report.added).toBe(40);
      await off;
      // Off while syncing, on before the sync answered, off after with nothing left to classify.
      expect(seen.map((s) => [s.detecting, s.answered])).toEqual([
        [false, false],
        [true, false],
        [false, true],
      ]);
      expect(seen.at(-1)!.unclassified).toBe(0);
      // Never idle between the sync and its detection.
      expect(states).toEqual(['syncing/', 'syncing/detecting', '/detecting', '/']);
    } finally {
      stop();
    }
  });
});
