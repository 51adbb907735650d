/**
 * The write path on servers that lack something: no Trash (created only when
 * the user asked), no MOVE (COPY, then expunge exactly the moved UIDs), and
 * no UIDPLUS either (the originals stay flagged \Deleted: a bare EXPUNGE
 * would take every other \Deleted message with them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferOutcome } from '../../electron/mail-actions/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';
import {
  hashes,
  openWritePath,
  serverFolder,
  withClient,
  type WritePath,
} from '../support/write-path.js';
import type { MailRequest } from '../../electron/mail-actions/index.js';

const ready = dovecotReady('IMAP write path on limited servers');

/** A server, alice's account on it, and the write path over the core's data folder. */
function setUp(options: Parameters<typeof startDovecot>[0], messages: number) {
  const env = {} as { server: DovecotServer; t: TestCore; w: WritePath; accountId: string };
  beforeAll(async () => {
    env.server = await startDovecot(options);
    await env.server.addMessages('alice', 'INBOX', testMessages(messages));
    env.t = createTestCore();
    env.accountId = (await addAlice(env.t, env.server.port)).id;
    env.w = openWritePath(env.t.dataDir);
  });
  afterAll(async () => {
    env.w?.close();
    await env.t?.close();
    await env.server?.stop();
  });
  const run = async (request: MailRequest) => {
    const session = env.w.actions.session(env.accountId);
    try {
      return await session.run(request);
    } finally {
      await session.close();
    }
  };
  return { env, run };
}

describe.skipIf(!ready)('a server without a Trash', () => {
  const { env, run } = setUp({ specialFolders: false }, 3);

  it('refuses to delete until asked to create the Trash, then creates it and finds it by name', async () => {
    const before = await serverFolder(env.server.port, 'INBOX');
    await expect(run({ kind: 'trash', from: 'INBOX', uids: [1] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: /no Trash folder/,
    });
    // Refused before anything was journaled or sent.
    expect(env.w.journal.list({ limit: 10 })).toEqual([]);
    expect(await serverFolder(env.server.port, 'INBOX')).toEqual(before);

    const created = await run({ kind: 'trash', from: 'INBOX', uids: [1], createTrash: true });
    expect(created).toMatchObject({
      state: 'done',
      intent: { to: 'Trash', createFolder: true },
      outcome: { createdFolder: 'Trash' },
    });
    expect((await serverFolder(env.server.port, 'Trash')).map((m) => m.messageId)).toEqual([
      '<msg-1@exemple.fr>',
    ]);

    await env.w.accounts.refreshFolders(env.accountId);
    const next = await run({ kind: 'trash', from: 'INBOX', uids: [2] });
    expect(next).toMatchObject({ state: 'done', intent: { to: 'Trash', createFolder: false } });
    expect(await serverFolder(env.server.port, 'Trash')).toHaveLength(2);
  });
});

const WITHOUT_MOVE = 'IMAP4rev1 IDLE LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE';

describe.skipIf(!ready).each([
  { variant: 'without MOVE', capabilities: `${WITHOUT_MOVE} UIDPLUS`, uidplus: true },
  { variant: 'without MOVE or UIDPLUS', capabilities: WITHOUT_MOVE, uidplus: false },
])('a server $variant', ({ capabilities, uidplus }) => {
  const { env, run } = setUp({ capabilities }, 4);

  it('moves by COPY and deletes exactly the moved messages, never another one flagged \\Deleted', async () => {
    // Message 4 was flagged \Deleted by another client and must survive the move.
    await withClient(env.server.port, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd([4], ['\\Deleted'], { uid: true });
    });
    const before = await serverFolder(env.server.port, 'INBOX');
    const entry = await run({ kind: 'move', from: 'INBOX', to: 'Archive', uids: [1, 2] });
    const outcome = entry.outcome as TransferOutcome;
    const archive = await serverFolder(env.server.port, 'Archive');
    expect(entry.state).toBe('done');
    expect(hashes(archive)).toEqual(hashes(before.filter((m) => m.uid <= 2)));
    expect(outcome.uidMap.map(([, to]) => to).sort()).toEqual(archive.map((m) => m.uid));
    expect(outcome.expunged).toBe(uidplus);

    const inbox = await serverFolder(env.server.port, 'INBOX');
    expect(inbox.find((m) => m.uid === 4)?.flags).toContain('\\Deleted');
    if (uidplus) expect(inbox.map((m) => m.uid)).toEqual([3, 4]);
    else
      expect(inbox.filter((m) => m.uid <= 2).map((m) => m.flags)).toEqual([
        ['\\Deleted'],
        ['\\Deleted'],
      ]);
  });

  it(
    uidplus
      ? 'purges exactly the chosen message'
      : 'refuses a permanent deletion it could not limit to the chosen message',
    async () => {
      const entry = await run({ kind: 'purge', folder: 'INBOX', uids: [3] });
      const inbox = (await serverFolder(env.server.port, 'INBOX')).map((m) => m.uid);
      if (uidplus) {
        expect(entry.state).toBe('done');
        expect(inbox).toEqual([4]);
      } else {
        expect(entry).toMatchObject({ state: 'failed', error: { code: 'NOT_SUPPORTED' } });
        expect(inbox).toEqual([1, 2, 3, 4]);
      }
    },
  );
});
