/**
 * Live updates and control: IDLE brings a new message into the store within
 * seconds; a running sync reports progress, can be cancelled, and a second
 * request for the same account joins the first instead of running twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady, addAlice, connectAlice } from '../support/dovecot-account.js';
import { testMessage, testMessages } from '../support/mail.js';

const ready = dovecotReady('live sync against Dovecot');

describe.skipIf(!ready)('live updates and sync control', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  const events: CoreEvent[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(3000));
    t = createTestCore({ syncBackoff: { baseMs: 20, maxMs: 200 } });
    t.core.onEvent((e) => events.push(e));
    const account = await addAlice(t, server.port);
    accountId = account.id;
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('cancels a running sync, keeping what was stored, and resumes without duplicates', async () => {
    // Cancel as soon as the scan reports its first stored batch.
    let cancelled: Promise<unknown> | null = null;
    const off = t.core.onEvent((e) => {
      if (!cancelled && e.type === 'progress' && e.task === 'sync' && e.done > 0)
        cancelled = t.value('sync.cancel', { accountId });
    });
    const report = await t.value('sync.run', { accountId });
    off();
    expect(await cancelled).toEqual({ cancelled: true });
    expect(report.cancelled).toBe(true);
    const partial = (await t.value('messages.list', { accountId, limit: 1 })).total;
    expect(partial).toBeLessThan(3000);

    const resumed = await t.value('sync.run', { accountId });
    expect(resumed.cancelled).toBe(false);
    expect(resumed.added).toBe(3000 - partial);
    expect((await t.value('messages.list', { accountId, limit: 1 })).total).toBe(3000);
  });

  it('reports progress with done and total for the folder being scanned', () => {
    const progress = events.filter(
      (e): e is Extract<CoreEvent, { type: 'progress' }> =>
        e.type === 'progress' && e.task === 'sync',
    );
    expect(progress.length).toBeGreaterThan(1);
    expect(
      progress.every(
        (p) =>
          p.accountId === accountId && p.task === 'sync' && p.total !== null && p.done <= p.total,
      ),
    ).toBe(true);
    expect(progress.some((p) => p.label === 'INBOX')).toBe(true);
  });

  it('never runs two syncs of one account at once: the second request joins the first', async () => {
    await server.addMessages('alice', 'INBOX', [testMessage(5001)]);
    const [a, b] = await Promise.all([
      t.value('sync.run', { accountId }),
      t.value('sync.run', { accountId }),
    ]);
    expect(a).toBe(b);
    expect(a.added).toBe(1);
  });

  it('shows a message appended by another client within 5 seconds (IDLE)', async () => {
    const status = await t.value('sync.live', { accountId, enabled: true });
    expect(status.live).toBe(true);
    await waitFor(
      async () => (await t.value('sync.status', {}))[0]?.connection === 'online',
      5_000,
    );

    const other = await connectAlice(server.port);
    const appendedAt = Date.now();
    await other.append('INBOX', testMessage(9001, { subject: 'Arrivé en direct' }));
    await other.logout();
    await waitFor(
      async () =>
        (await t.value('messages.list', { accountId, search: 'Arrivé en direct' })).total === 1,
      5_000,
    );
    expect(Date.now() - appendedAt).toBeLessThan(5_000);

    await t.value('sync.live', { accountId, enabled: false });
    expect((await t.value('sync.status', {}))[0]).toMatchObject({
      live: false,
      connection: 'offline',
    });
    // The choice is remembered: starting the app's background sync leaves live updates off.
    t.core.startBackgroundSync();
    await t.value('sync.run', { accountId });
    expect((await t.value('sync.status', {}))[0]).toMatchObject({ live: false });
    expect(await t.value('settings.get', {})).toEqual({
      language: null,
      goneRetentionDays: 30,
      sourceRetentionDays: 90,
      journalRetentionDays: 365,
    });
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
