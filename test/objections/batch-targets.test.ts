/**
 * A batch objection's targets over the demo mailbox (imported, classified by
 * the real detection): one per advertiser and identity of the selected triage
 * groups, each through the most recent message to that identity, with the
 * channels the single-message flow offers for it — so plain spam gets no
 * unsubscribe in a batch either.
 */
import BetterSqlite3 from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchReader } from '../../electron/objections/index.js';
import { createTestCore, type TestCore } from '../support/core.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('objections.batchTargets (demo mailbox)', () => {
  let t: TestCore;
  let accountId: string;

  beforeAll(async () => {
    t = createTestCore();
    accountId = (await t.value('demo.load', {})).accountId;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The latest message of an advertiser group to each identity it hit, read message by message. */
  async function latestPerIdentity(key: string): Promise<Map<string, number>> {
    const page = await t.value('triage.messages', { by: 'advertiser', key, accountId, limit: 500 });
    const latest = new Map<string, number>();
    // Latest first: the first message seen for an identity is its most recent.
    for (const m of page.items) {
      const detail = await t.value('messages.get', { id: m.id });
      const identity = (detail.identity ?? detail.to[0]!.address).toLowerCase();
      if (!latest.has(identity)) latest.set(identity, m.id);
    }
    return latest;
  }

  it('picks the most recent message per advertiser and identity of two groups', async () => {
    const groups = await t.value('triage.groups', { by: 'advertiser', accountId });
    const chosen = groups.filter((g) => g.key !== null).slice(0, 2);
    expect(chosen).toHaveLength(2);
    const { targets, truncated } = await t.value('objections.batchTargets', {
      accountId,
      by: 'advertiser',
      keys: chosen.map((g) => g.key),
    });
    expect(truncated).toBe(false);
    for (const group of chosen) {
      const expected = await latestPerIdentity(group.key!);
      const mine = targets.filter((x) => x.advertiser === group.key);
      expect(new Map(mine.map((x) => [x.identity, x.messageId]))).toEqual(expected);
    }
    expect(targets).toHaveLength(new Set(targets.map((x) => `${x.advertiser} ${x.identity}`)).size);
    // The offers are the single-message flow's, message by message.
    for (const target of targets)
      expect(target.offers).toEqual(
        await t.value('objections.channels', { messageId: target.messageId }),
      );
  });

  it('offers no unsubscribe for plain spam, only Signal Spam', async () => {
    // The demo keeps its scams in Junk, which the triage leaves out: the same scams, imported
    // into an inbox of their own.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-scams-'));
    cpSync(path.join(root, 'electron/demo/mail/Junk'), path.join(dir, 'INBOX'), {
      recursive: true,
    });
    const scams = (await t.value('import.local', { path: dir })).accountId;
    const [spam] = (await t.value('triage.groups', { by: 'verdict', accountId: scams })).filter(
      (g) => g.key === 'spam',
    );
    expect(spam?.count).toBe(3);
    const { targets } = await t.value('objections.batchTargets', {
      accountId: scams,
      by: 'verdict',
      keys: ['spam'],
    });
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const offer = (c: string) => target.offers.find((o) => o.channel === c)!;
      expect(offer('one-click')).toMatchObject({ available: false, reason: 'plain-spam' });
      expect(offer('mailto')).toMatchObject({ available: false, reason: 'plain-spam' });
      expect(offer('signal-spam').available).toBe(true);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('objects to a sender: its advertiser, every identity it hit', async () => {
    const groups = await t.value('triage.groups', { by: 'advertiser', accountId });
    const group = groups.find((g) => g.key !== null)!;
    const { targets } = await t.value('objections.batchTargets', {
      senderOf: group.latestMessageId,
    });
    expect(new Map(targets.map((x) => [x.identity, x.messageId]))).toEqual(
      await latestPerIdentity(group.key!),
    );
    expect(targets.every((x) => x.advertiser === group.key)).toBe(true);
  });

  it('stops at the limit a batch takes, each advertiser and identity once', async () => {
    const keys = (await t.value('triage.groups', { by: 'verdict', accountId })).map((g) => g.key);
    const { targets } = await t.value('objections.batchTargets', {
      accountId,
      by: 'verdict',
      keys,
    });
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      const reader = createBatchReader(db);
      const all = reader.ofGroups('verdict', keys, accountId, 100);
      expect(all.map((r) => r.messageId).sort()).toEqual(targets.map((x) => x.messageId).sort());
      // Cut short: exactly as many as asked, none twice.
      const first = reader.ofGroups('verdict', keys, accountId, 5);
      expect(first).toHaveLength(5);
      expect(new Set(first.map((r) => `${r.advertiser} ${r.identity}`)).size).toBe(5);
    } finally {
      db.close();
    }
  });

  it('refuses a selection of no group with a clear error', async () => {
    const refused = await t.call('objections.batchTargets', { by: 'advertiser', keys: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
