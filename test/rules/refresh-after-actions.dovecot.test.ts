/**
 * After the app's own mail actions (a block and its undo), the core tells the
 * screens once per batch that the account's messages changed, so counts and
 * lists refresh without waiting for a sync, and the folder counts it answers
 * are already the new ones; the rules that follow new mail do not take that
 * for new mail (no second rules run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { oldMailbox } from './support.js';

const ready = dovecotReady('refresh after mail actions');

describe.skipIf(!ready)('messages.changed after mail actions', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  const events: CoreEvent[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(80, 21).map((s) => s.raw),
    );
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    await t.value('sync.run', { accountId });
    // Live updates on: new mail would go through the rules.
    t.core.startBackgroundSync();
    await t.syncAndDetect(accountId);
    t.core.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  const changedByAction = () =>
    events.filter((e) => e.type === 'messages.changed' && e.accountId === accountId && e.byAction)
      .length;
  const rulesJobs = () =>
    new Set(
      events.flatMap((e) => (e.type === 'job.progress' && e.kind === 'rules' ? [e.jobId] : [])),
    ).size;

  /** Messages and unread per folder path, as the sidebar shows them. */
  const counts = async () =>
    Object.fromEntries(
      (await t.value('folders.list', { accountId })).map((f) => [
        f.path,
        { messages: f.messages, unseen: f.unseen },
      ]),
    );

  it('announces a block and its undo once each, with the new counts, and runs no rules for them', async () => {
    const synced = await counts();
    expect(synced['INBOX']!.messages).toBe(80);
    const groups = await t.value('triage.groups', { by: 'advertiser', accountId });
    const advertiser = groups.find((g) => g.key !== null && g.count >= 2)!.key!;
    const { runs } = await t.value('rules.block', { kind: 'advertiser', value: advertiser });
    const moved = runs[0]!.counts.reduce((n, c) => n + c.count, 0);
    expect(moved).toBeGreaterThan(0);
    expect(changedByAction()).toBe(1);
    // The counts follow at once, unread included (the mailbox's messages are all unread).
    const afterBlock = await counts();
    expect(afterBlock['INBOX']).toEqual({
      messages: 80 - moved,
      unseen: synced['INBOX']!.unseen - moved,
    });
    expect(afterBlock['Trash']).toEqual({ messages: moved, unseen: moved });
    // And they are what the server says: a sync reads the same numbers.
    await t.value('sync.run', { accountId });
    expect(await counts()).toEqual(afterBlock);

    await t.value('rules.undoRun', { id: runs[0]!.id });
    // One per journal entry undone (each undo is its own session).
    expect(changedByAction()).toBeGreaterThan(1);
    expect(await counts()).toEqual(synced);

    // A sync queues behind any rules run the events would have started on this account.
    await t.value('sync.run', { accountId });
    expect(rulesJobs()).toBe(1);
    expect(await counts()).toEqual(synced);
  });
});
