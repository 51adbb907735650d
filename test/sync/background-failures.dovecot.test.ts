/**
 * Failures of work nobody waits on reach the UI as `error` events: a sync the
 * core started by itself fails with the server's code and the server it
 * named, and keeps them in its status; the live connection, reconnecting
 * again and again, tells its failure once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const ready = dovecotReady('background failures against Dovecot');

type ErrorEvent = Extract<CoreEvent, { type: 'error' }>;

describe.skipIf(!ready)('background failures', () => {
  let server: DovecotServer;
  let proxy: TcpProxy;
  let t: TestCore;
  let accountId: string;
  let gone: string;
  const events: CoreEvent[] = [];
  const errors = (task: ErrorEvent['task']) =>
    events.filter((e): e is ErrorEvent => e.type === 'error' && e.task === task);

  beforeAll(async () => {
    server = await startDovecot();
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: server.port });
    t = createTestCore({ syncBackoff: { baseMs: 20, maxMs: 100 } });
    t.core.onEvent((e) => events.push(e));
    accountId = (await addAlice(t, proxy.port)).id;
    // The server goes away before the app starts its own work: connections are refused.
    gone = `127.0.0.1:${proxy.port}`;
    await proxy.close();
    t.core.startBackgroundSync();
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('a sync nobody waits on emits an error event with its code and the server it named', async () => {
    await expect.poll(() => errors('sync').length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(errors('sync')[0]).toEqual({
      type: 'error',
      task: 'sync',
      accountId,
      code: 'HOST_UNREACHABLE',
      message: expect.stringContaining(gone),
      details: { server: gone },
    });
  });

  it("keeps the error's details in the account's sync status", async () => {
    const [status] = await t.value('sync.status', {});
    expect(status?.lastError).toMatchObject({
      code: 'HOST_UNREACHABLE',
      details: { server: gone },
    });
  });

  it('says while it waits that it will try again, counting its attempts, then gives up', async () => {
    await expect.poll(() => errors('sync').length, { timeout: 20_000 }).toBeGreaterThan(0);
    // Each wait once (a status repeats it while other parts of the status change).
    const retries = [
      ...new Map(
        events.flatMap((e) =>
          e.type === 'sync.state' && e.status.accountId === accountId && e.status.retry
            ? [[e.status.retry.at, e.status.retry] as const]
            : [],
        ),
      ).values(),
    ];
    // Attempts 1 to 7 of 8 were each followed by a wait; the 8th failure ended the sync.
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of retries) {
      expect(r.maxAttempts).toBe(8);
      expect(r.error).toMatchObject({ code: 'HOST_UNREACHABLE', details: { server: gone } });
      expect(Number.isNaN(Date.parse(r.at))).toBe(false);
    }
    const [status] = await t.value('sync.status', {});
    expect(status).toMatchObject({ syncing: false, retry: null });
  });

  it('tells a live connection that keeps failing the same way once', async () => {
    const liveFailures = () =>
      events.filter(
        (e) =>
          e.type === 'sync.state' &&
          e.status.accountId === accountId &&
          e.status.connection === 'error',
      ).length;
    // Three reconnections failed alike...
    await expect.poll(liveFailures, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    // ...and the user heard of it once.
    expect(errors('live')).toEqual([
      expect.objectContaining({
        task: 'live',
        accountId,
        code: 'HOST_UNREACHABLE',
        details: { server: gone },
      }),
    ]);
  });
});
