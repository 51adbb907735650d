/**
 * A connection cut while an action is on the wire: the write path cannot
 * know what the server did, so the entry reads unknown, the error says so,
 * undo refuses, and the session's next action opens a new connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { openWritePath, serverFolder, type WritePath } from '../support/write-path.js';

const ready = dovecotReady('IMAP write path over a cut connection');

describe.skipIf(!ready)('a connection cut during an action', () => {
  let server: DovecotServer;
  let proxy: TcpProxy;
  let t: TestCore;
  let w: WritePath;
  let accountId: string;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(4));
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: server.port });
    t = createTestCore();
    accountId = (await addAlice(t, proxy.port)).id;
    w = openWritePath(t.dataDir);
  });
  afterAll(async () => {
    w?.close();
    await t?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('journals the action as unknown, says so, and the next action reconnects', async () => {
    let cutNext = false;
    const session = w.actions.session(accountId, {
      // The connection drops on the first byte the server sends back for this action.
      beforeServerCall: () => {
        if (cutNext) proxy.cutAfterBytes(1);
      },
    });
    const first = await session.run({
      kind: 'flags.add',
      folder: 'INBOX',
      uids: [1],
      flags: ['\\Seen'],
    });
    expect(first.state).toBe('done');

    cutNext = true;
    await expect(
      session.run({ kind: 'move', from: 'INBOX', to: 'Archive', uids: [2, 3] }),
    ).rejects.toMatchObject({ code: 'CONNECTION_LOST', message: /unknown/ });
    const [cut] = w.journal.list({ limit: 1 });
    expect(cut).toMatchObject({
      kind: 'move',
      state: 'unknown',
      error: { code: 'CONNECTION_LOST' },
    });
    await expect(t.call('journal.undo', { id: cut!.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_UNDOABLE' },
    });

    cutNext = false;
    const next = await session.run({
      kind: 'flags.add',
      folder: 'INBOX',
      uids: [4],
      flags: ['\\Flagged'],
    });
    await session.close();
    expect(next.state).toBe('done');
    expect(proxy.accepted).toBe(3); // the account check, the first connection, the new one
    const inbox = await serverFolder(server.port, 'INBOX');
    expect(inbox.find((m) => m.uid === 4)?.flags).toEqual(['\\Flagged']);
  });
});
