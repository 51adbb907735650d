/**
 * The job queue through the API, on a real sync: the running sync is listed,
 * its progress arrives as job.progress events in order, and jobs.cancel stops
 * it by id (the sync keeps what it stored and says it was cancelled).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';

type JobEvent = Extract<CoreEvent, { type: 'job.progress' }>;
const ready = dovecotReady('jobs API against Dovecot');

describe.skipIf(!ready)('jobs through the API', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  const events: JobEvent[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(3000));
    t = createTestCore();
    t.core.onEvent((e) => {
      if (e.type === 'job.progress') events.push(e);
    });
    accountId = (await addAlice(t, server.port)).id;
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('lists the running sync, reports its progress in order, and cancels it by id', async () => {
    const firstBatch = new Promise<JobEvent>((resolve) => {
      const off = t.core.onEvent((e) => {
        if (e.type === 'job.progress' && e.kind === 'sync' && e.state === 'running' && e.done > 0) {
          off();
          resolve(e);
        }
      });
    });
    const syncing = t.value('sync.run', { accountId });
    const { jobId } = await firstBatch;
    expect(await t.value('jobs.list', {})).toEqual([
      expect.objectContaining({ id: jobId, accountId, kind: 'sync', state: 'running' }),
    ]);
    expect(await t.value('jobs.list', { accountId: 'someone-else' })).toEqual([]);

    expect(await t.value('jobs.cancel', { jobId })).toEqual({ cancelled: 1 });
    const report = await syncing;
    expect(report.cancelled).toBe(true);
    expect(await t.value('jobs.list', {})).toEqual([]);

    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine[0]?.state).toBe('queued');
    expect(mine.at(-1)?.state).toBe('cancelled');
    expect(mine.slice(1, -1).every((e) => e.state === 'running')).toBe(true);
    // Within one folder, the count of stored messages only grows.
    const inbox = mine.filter((e) => e.note === 'INBOX').map((e) => e.done);
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox).toEqual([...inbox].sort((a, b) => a - b));

    expect(await t.value('jobs.cancel', { jobId })).toEqual({ cancelled: 0 });
    expect(await t.value('jobs.cancel', { accountId })).toEqual({ cancelled: 0 });
    expect(await t.call('jobs.cancel', {} as { accountId: string })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
