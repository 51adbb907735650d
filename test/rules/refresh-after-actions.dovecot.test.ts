/**
 * After the app's own mail actions (a block and its undo), the core tells the
 * screens once per batch that the account's messages changed, so counts and
 * lists refresh without waiting for a sync; and the rules that follow new
 * mail do not take that for new mail (no second rules run).
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
    await t.value('sync.run', { accountId });
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

  it('announces a block and its undo once each, and runs no rules for them', async () => {
    const groups = await t.value('triage.groups', { by: 'advertiser', accountId });
    const advertiser = groups.find((g) => g.key !== null && g.count >= 2)!.key!;
    const { runs } = await t.value('rules.block', { kind: 'advertiser', value: advertiser });
    expect(runs[0]!.counts.reduce((n, c) => n + c.count, 0)).toBeGreaterThan(0);
    expect(changedByAction()).toBe(1);

    await t.value('rules.undoRun', { id: runs[0]!.id });
    // One per journal entry undone (each undo is its own session).
    expect(changedByAction()).toBeGreaterThan(1);

    // A sync queues behind any rules run the events would have started on this account.
    await t.value('sync.run', { accountId });
    expect(rulesJobs()).toBe(1);
  });
});
