/**
 * The triage's summary (migration 0017) against the count from scratch, at
 * each step of a user's day on a real Dovecot: the first sync and its
 * detection, a correction, an advertiser blocked (its mail to the Trash) and
 * the block undone, a message moved to Junk and one deleted by another mail
 * client, then the account removed.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from '../../electron/rules/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';
import { summaryAndScratch } from '../support/triage-scratch.sql.js';
import { oldMailbox } from '../rules/support.js';

const ready = dovecotReady('the triage summary');

/** Advertisers with newsletters a block rule takes (at or above its threshold), most first. */
function blockableAdvertisers(dataDir: string): string[] {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT advertiser_domain FROM classifications
         WHERE verdict = 'newsletter' AND unsolicited = 1 AND score >= ?
         GROUP BY advertiser_domain HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC`,
      )
      .pluck()
      .all(DEFAULT_MIN_CONFIDENCE) as string[];
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('the triage summary follows the mailbox (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  let other: ImapFlow;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(80, 21).map((s) => s.raw),
    );
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    other = await connectAlice(server.port);
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await server?.stop();
  });

  /** The summary equals the count from scratch; answers the advertiser groups. */
  function expectExact(step: string) {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      const { summary, scratch } = summaryAndScratch(db, [accountId]);
      expect(summary, step).toEqual(scratch);
      return summary[`advertiser/${accountId}`]!;
    } finally {
      db.close();
    }
  }
  const total = (groups: Array<{ count: number }>) => groups.reduce((n, g) => n + g.count, 0);
  async function uidOf(messageId: number) {
    const folders = await t.value('folders.list', { accountId, refresh: true });
    const inbox = folders.find((f) => f.path === 'INBOX')!;
    const page = await t.value('messages.list', { accountId, folderId: inbox.id, limit: 500 });
    return page.items.find((m) => m.id === messageId)!.uid!;
  }

  it('stays exact through sync, correction, block and undo, Junk, deletion and removal', async () => {
    await t.syncAndDetect(accountId);
    const synced = expectExact('after the first sync and its detection');
    expect(total(synced)).toBeGreaterThan(10);

    // A correction: one advertiser kept; its mail leaves the triage.
    const blockable = blockableAdvertisers(t.dataDir);
    const blocked = synced.find((g) => g.key === blockable[0])!;
    const kept = synced.find((g) => g.key !== null && g.key !== blocked.key && g.count >= 2)!;
    await t.value('messages.correct', {
      id: kept.latestMessageId,
      decision: 'wanted',
      scope: 'domain',
    });
    const corrected = expectExact('after a correction');
    expect(corrected.find((g) => g.key === kept.key)).toBeUndefined();

    // Blocked: its mail moves to the Trash, and the triage drops it; undone, it comes back.
    const { runs } = await t.value('rules.block', { kind: 'advertiser', value: blocked.key! });
    const moved = runs[0]!.counts.reduce((n, c) => n + c.count, 0);
    expect(moved).toBeGreaterThanOrEqual(2);
    const afterBlock = expectExact('after a block moved mail to the Trash');
    expect(afterBlock.find((g) => g.key === blocked.key)?.count ?? 0).toBe(blocked.count - moved);
    await t.value('rules.undoRun', { id: runs[0]!.id });
    const undone = expectExact('after the block was undone');
    expect(undone.find((g) => g.key === blocked.key)?.count).toBe(blocked.count);

    // Another client moves the latest message of the largest group to Junk, and deletes the next.
    const largest = undone.find((g) => g.key !== kept.key)!;
    await other.mailboxOpen('INBOX');
    await other.messageMove(String(await uidOf(largest.latestMessageId)), 'Junk', { uid: true });
    await t.syncAndDetect(accountId);
    const junked = expectExact('after a move to Junk');
    const group = junked.find((g) => g.key === largest.key);
    expect(group?.count ?? 0).toBe(largest.count - 1);
    const victim =
      group?.latestMessageId ?? undone.find((g) => g.key !== largest.key)!.latestMessageId;
    await other.mailboxOpen('INBOX');
    await other.messageDelete(String(await uidOf(victim)), { uid: true });
    await t.syncAndDetect(accountId);
    expect(total(expectExact('after a deletion'))).toBe(total(junked) - 1);

    await t.value('accounts.remove', { id: accountId });
    expect(expectExact('after the account was removed')).toEqual([]);
  }, 60_000);
});
