/**
 * Quitting while live updates are still connecting: the app must stop, and
 * leave no connection open on the user's server. (A stop that came while the
 * connection was opening once found nothing to log out; the connection then
 * opened, idled, and kept the app from ever quitting.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSlowProxy } from '../servers/slow-proxy.js';
import { createTestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';

const ready = dovecotReady('live updates stopped while connecting');

/** Slow enough that the greeting and login answers take a moment. */
const CRAWL = 400;

describe.skipIf(!ready)('live updates stopped while connecting', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('closes, and the connection that was opening is logged out', async () => {
    const proxy = await startSlowProxy({ host: server.host, port: server.port }, null);
    const t = createTestCore();
    try {
      const account = await addAlice(t, proxy.port);
      await until(() => proxy.openConnections() === 0);
      const states: string[] = [];
      t.core.onEvent((e: CoreEvent) => {
        if (e.type === 'sync.state') states.push(e.status.connection);
      });

      proxy.setRate(CRAWL);
      await t.value('sync.live', { accountId: account.id, enabled: true });
      await until(() => proxy.openConnections() === 1);
      expect(states).not.toContain('online');

      await t.close();
      // The connection that was opening got its answers after the stop; it is logged out.
      await until(() => proxy.openConnections() === 0);
      expect(states).not.toContain('online');
    } finally {
      await proxy.close();
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}
