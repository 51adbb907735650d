/**
 * Rule runs where the server or the network fails them: the connection cut
 * in the middle of a run (the loopback fault proxy), and a Dovecot without
 * MOVE or UIDPLUS. Each ends with every message once, where one clean run
 * puts it; undo brings every folder back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RulesService } from '../../electron/rules/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { openWritePath, serverFolder, withClient, type WritePath } from '../support/write-path.js';
import { allHashes, idsIn, perFolder, rulesOver, serverState } from './support.js';

const ready = dovecotReady('rule runs on failing servers');
const WITHOUT_MOVE = 'IMAP4rev1 IDLE LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE';
const MESSAGES = 120;

function setUp(capabilities?: string) {
  const env = {} as {
    server: DovecotServer;
    proxy: TcpProxy;
    t: TestCore;
    w: WritePath;
    accountId: string;
    rules: RulesService;
    beforeBatch: (n: number) => void;
  };
  beforeAll(async () => {
    env.server = await startDovecot(capabilities ? { capabilities } : {});
    await env.server.addMessages('alice', 'INBOX', testMessages(MESSAGES));
    env.proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: env.server.port });
    env.t = createTestCore();
    env.accountId = (await addAlice(env.t, env.proxy.port)).id;
    env.w = openWritePath(env.t.dataDir);
    let batch = 0;
    env.beforeBatch = () => undefined;
    env.rules = rulesOver(env.t, env.w, env.accountId, {
      session: { beforeServerCall: () => env.beforeBatch(++batch) },
      batchSize: 25,
    });
    env.rules.save({
      rule: {
        name: 'Inbox to Projets',
        enabled: true,
        accountId: null,
        match: 'all',
        conditions: [{ field: 'folder', paths: ['INBOX'] }],
        actions: [{ type: 'move', folder: 'Projets' }],
        stop: false,
        allowPurge: false,
      },
    });
  });
  afterAll(async () => {
    env.w?.close();
    await env.t?.close();
    await env.proxy?.close();
    await env.server?.stop();
  });
  return env;
}

describe.skipIf(!ready)('a rule run whose connection is cut mid-run', () => {
  const env = setUp();

  it('stops with the batch unknown; the next run finishes, every message once', async () => {
    const before = await serverState(env.server.port);
    // The third batch's connection drops on the first byte the server answers.
    env.beforeBatch = (n) => {
      if (n === 3) env.proxy.cutAfterBytes(1);
    };
    await expect(env.rules.run({})).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
    const [cut] = env.rules.history({ limit: 1 });
    expect(cut).toMatchObject({ state: 'failed', error: expect.stringMatching(/unknown/) });
    expect(cut!.counts.reduce((n, c) => n + c.count, 0)).toBe(50);

    env.beforeBatch = () => undefined;
    const [again] = await env.rules.run({});
    expect(again).toMatchObject({ state: 'done' });
    const after = await serverState(env.server.port);
    expect(allHashes(after)).toEqual(allHashes(before));
    expect(idsIn(after, 'INBOX')).toEqual([]);
    expect(after.get('Projets')!.hashes).toEqual(before.get('INBOX')!.hashes);
    // The folder was created by the first run's first batch.
    expect(env.rules.dryRun({ limit: 0 }).total).toBe(0);
  });
});

describe.skipIf(!ready)('a rule run on a server without MOVE or UIDPLUS', () => {
  const env = setUp(WITHOUT_MOVE);

  it('copies then flags the originals (no bare EXPUNGE); undo brings every folder back', async () => {
    // The user's own mail client flagged one message \Deleted: a bare EXPUNGE would take it.
    await withClient(env.server.port, async (c) => {
      await c.mailboxOpen('INBOX');
      await c.messageFlagsAdd('1', ['\\Deleted'], { uid: true });
    });
    const before = await serverState(env.server.port);
    const [run] = await env.rules.run({});
    expect(run).toMatchObject({ state: 'done' });
    const after = await serverState(env.server.port);
    // Originals stay flagged \Deleted (left out here): a bare EXPUNGE could take others.
    expect(idsIn(after, 'INBOX')).toEqual([]);
    expect(after.get('Projets')!.hashes).toEqual(before.get('INBOX')!.hashes);
    expect(allHashes(after)).toEqual(allHashes(before));
    expect(env.rules.dryRun({ limit: 0 }).total).toBe(0);
    expect((await serverFolder(env.server.port, 'INBOX')).find((m) => m.uid === 1)).toMatchObject({
      flags: ['\\Deleted'],
    });

    const undone = await env.rules.undoRun(run!.id);
    expect(undone.undone).toBe(true);
    expect(perFolder(await serverState(env.server.port))).toEqual(perFolder(before));
  });
});
