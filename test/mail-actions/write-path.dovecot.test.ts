/**
 * The IMAP write path against a real Dovecot: every action is journaled
 * (intent committed before the server sees it, outcome with the UIDPLUS map
 * after), lands on the server as asked, and undo — itself a journal entry —
 * puts the mailbox back as it was, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import type { TransferOutcome } from '../../electron/mail-actions/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage, testMessages } from '../support/mail.js';
import {
  hashes,
  openWritePath,
  serverFolder,
  withClient,
  type WritePath,
} from '../support/write-path.js';

const ready = dovecotReady('IMAP write path against Dovecot');

describe.skipIf(!ready)('IMAP write path, journaled, with undo', () => {
  let server: DovecotServer;
  let t: TestCore;
  let w: WritePath;
  let accountId: string;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(12));
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    await t.value('sync.run', { accountId });
    w = openWritePath(t.dataDir);
  });
  afterAll(async () => {
    w?.close();
    await t?.close();
    await server?.stop();
  });

  const inbox = () => serverFolder(server.port, 'INBOX');
  const uidsOf = async (...numbers: number[]) => {
    const ids = new Set(numbers.map((n) => `<msg-${n}@exemple.fr>`));
    return (await inbox()).filter((m) => ids.has(m.messageId)).map((m) => m.uid);
  };
  const run = async (
    request: Parameters<ReturnType<WritePath['actions']['session']>['run']>[0],
  ) => {
    const session = w.actions.session(accountId);
    try {
      return await session.run(request);
    } finally {
      await session.close();
    }
  };

  it('moves 3 messages, journaled intent then outcome, and undo puts the same bytes back', async () => {
    const inboxBefore = await inbox();
    const uids = await uidsOf(1, 2, 3);
    const moved = inboxBefore.filter((m) => uids.includes(m.uid));
    // Seen from another connection at the moment the server is about to be touched.
    let atServerCall: unknown;
    const reader = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), {
      readonly: true,
    });
    const session = w.actions.session(accountId, {
      beforeServerCall: async (entry) => {
        atServerCall = {
          row: reader.prepare(`SELECT state, outcome FROM journal WHERE id = ?`).get(entry.id),
          inboxStillHasThem: (await inbox()).filter((m) => uids.includes(m.uid)).length,
        };
      },
    });
    const entry = await session.run({ kind: 'move', from: 'INBOX', to: 'Archive', uids });
    await session.close();
    reader.close();
    expect(atServerCall).toEqual({
      row: { state: 'pending', outcome: null },
      inboxStillHasThem: 3,
    });

    const archive = await serverFolder(server.port, 'Archive');
    const outcome = entry.outcome as TransferOutcome;
    expect(entry).toMatchObject({
      state: 'done',
      kind: 'move',
      intent: {
        from: { path: 'INBOX', uidValidity: expect.any(Number) },
        to: 'Archive',
        messages: moved.map((m) => ({ uid: m.uid, messageId: m.messageId })),
      },
    });
    expect(outcome).toMatchObject({ located: 'uidplus', missing: [], expunged: true });
    expect(outcome.uidMap.map(([from]) => from)).toEqual(uids);
    expect(outcome.uidMap.map(([, to]) => to).sort()).toEqual(archive.map((m) => m.uid).sort());
    expect(hashes(archive)).toEqual(hashes(moved));
    expect((await uidsOf(1, 2, 3)).length).toBe(0);

    // Undo through the API: a job of the account, journaled as an entry of its own.
    const undo = await t.value('journal.undo', { id: entry.id });
    expect(undo).toMatchObject({ state: 'done', kind: 'move', undoOf: entry.id });
    expect(hashes(await inbox())).toEqual(hashes(inboxBefore));
    expect(await serverFolder(server.port, 'Archive')).toEqual([]);
    const listed = await t.value('journal.list', { accountId });
    expect(listed.map((e) => [e.id, e.state])).toEqual([
      [undo.id, 'done'],
      [entry.id, 'undone'],
    ]);
    expect(listed[1]).toMatchObject({
      undoneBy: undo.id,
      undoable: false,
      sentence: { en: 'Move of 3 messages from INBOX to Archive: done, then undone.' },
    });
    expect(listed[0]!.sentence.fr).toBe(
      `Annulation de l’entrée ${entry.id} : Déplacement de 3 messages de Archive vers INBOX : fait.`,
    );
    await expect(t.call('journal.undo', { id: entry.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_UNDOABLE' },
    });
  });

  it('adds a flag, and undo removes it only where it was added', async () => {
    const [a, b, c] = await uidsOf(4, 5, 6);
    await withClient(server.port, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd([a!], ['\\Seen'], { uid: true });
    });
    const entry = await run({
      kind: 'flags.add',
      folder: 'INBOX',
      uids: [a!, b!, c!],
      flags: ['\\Seen'],
    });
    expect(entry).toMatchObject({ state: 'done', outcome: { changed: { '\\Seen': [b, c] } } });
    const seen = async () =>
      (await inbox()).filter((m) => m.flags.includes('\\Seen')).map((m) => m.uid);
    expect(await seen()).toEqual([a, b, c]);

    const undo = await w.actions.undo(entry.id);
    expect(undo).toMatchObject({ state: 'done', kind: 'flags.remove', undoOf: entry.id });
    expect(await seen()).toEqual([a]);
    expect(w.journal.get(entry.id)?.state).toBe('undone');
  });

  it('deletes to the Trash (found by its special use), and undo brings the messages back', async () => {
    const before = await inbox();
    const uids = await uidsOf(7, 8);
    const entry = await run({ kind: 'trash', from: 'INBOX', uids });
    expect(entry).toMatchObject({ state: 'done', intent: { to: 'Trash', createFolder: false } });
    const trash = await serverFolder(server.port, 'Trash');
    expect(hashes(trash)).toEqual(hashes(before.filter((m) => uids.includes(m.uid))));

    await w.actions.undo(entry.id);
    expect(hashes(await inbox())).toEqual(hashes(before));
    expect(await serverFolder(server.port, 'Trash')).toEqual([]);
  });

  it('copies, and undo deletes the copies only', async () => {
    const before = await inbox();
    const uids = await uidsOf(9, 10);
    const entry = await run({ kind: 'copy', from: 'INBOX', to: 'Archive', uids });
    expect(entry.state).toBe('done');
    expect(await inbox()).toEqual(before);
    expect(hashes(await serverFolder(server.port, 'Archive'))).toEqual(
      hashes(before.filter((m) => uids.includes(m.uid))),
    );

    const undo = await w.actions.undo(entry.id);
    expect(undo).toMatchObject({ state: 'done', kind: 'purge', undoOf: entry.id });
    expect(await serverFolder(server.port, 'Archive')).toEqual([]);
    expect(await inbox()).toEqual(before);
  });

  it('appends, undo deletes the appended message; a permanent deletion says it cannot be undone', async () => {
    const raw = Buffer.from(testMessage(500, { subject: 'Ajouté' }));
    const appended = await run({ kind: 'append', to: 'Archive', raw });
    expect(appended).toMatchObject({
      state: 'done',
      intent: { messageId: '<msg-500@exemple.fr>', size: raw.length },
      outcome: { uid: expect.any(Number) },
    });
    expect((await serverFolder(server.port, 'Archive')).map((m) => m.messageId)).toEqual([
      '<msg-500@exemple.fr>',
    ]);
    await w.actions.undo(appended.id);
    expect(await serverFolder(server.port, 'Archive')).toEqual([]);

    const [victim] = await uidsOf(11);
    const purged = await run({ kind: 'purge', folder: 'INBOX', uids: [victim!] });
    expect(purged.state).toBe('done');
    expect(await uidsOf(11)).toEqual([]);
    const refused = await t.call('journal.undo', { id: purged.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'NOT_UNDOABLE', message: /permanent deletion cannot be undone/ },
    });
    const [info] = await t.value('journal.list', { accountId, limit: 1 });
    expect(info).toMatchObject({ id: purged.id, undoable: false, whyNot: /permanent deletion/ });
  });

  it('an undo whose folder was recreated fails without acting, and the move stays undoable', async () => {
    const uids = await uidsOf(5, 6);
    const entry = await run({ kind: 'move', from: 'INBOX', to: 'Archive', uids });
    // Another client deletes Archive (with the messages); Dovecot recreates it, renumbered.
    await withClient(server.port, (client) => client.mailboxDelete('Archive'));
    const inboxBefore = await inbox();

    const undo = await t.value('journal.undo', { id: entry.id });
    expect(undo).toMatchObject({
      state: 'failed',
      undoOf: entry.id,
      error: { code: 'FOLDER_RECREATED', message: /recreated/ },
    });
    expect(await inbox()).toEqual(inboxBefore);
    const listed = await t.value('journal.list', { accountId, limit: 2 });
    expect(listed.map((e) => [e.id, e.state, e.undoable])).toEqual([
      [undo.id, 'failed', false],
      [entry.id, 'done', true],
    ]);
  });
});
