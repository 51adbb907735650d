/**
 * The triage's move and delete on a real Dovecot: a whole advertiser group (all its messages,
 * read in the store) plus one message of another group is moved to a folder the account lacks
 * (created), undone, deleted to the Trash, undone again. After each step the server, read by
 * another client, holds every message once; each batch's journal entry is on disk, pending,
 * while the server still has the messages where they were.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../electron/journal/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';
import { allHashes, idsIn, oldMailbox, serverState } from '../rules/support.js';

const ready = dovecotReady('the triage bulk actions');
const TARGET = 'Prospection';

describe.skipIf(!ready)('triage move and delete, undone (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  let other: ImapFlow;
  /** Each entry as the hook saw it: its state on disk, and whether INBOX still had its UIDs. */
  const beforeServer: Array<{ id: number; state: string; stillInInbox: boolean }> = [];
  /** Cancels the account's jobs as the next batch reaches the server. */
  let cancelOnServerCall = false;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(60, 11).map((s) => s.raw),
    );
    other = await connectAlice(server.port);
    t = createTestCore({
      mailSessionOptions: {
        async beforeServerCall(entry: JournalEntry) {
          const intent = entry.intent as { from: { path: string }; messages: { uid: number }[] };
          await other.mailboxOpen(intent.from.path, { readOnly: true });
          const uids = intent.messages.map((m) => m.uid);
          const there = (await other.search({ uid: uids.join(',') }, { uid: true })) || [];
          beforeServer.push({
            id: entry.id,
            state: journalStateOnDisk(entry.id),
            stillInInbox: there.length === uids.length,
          });
          if (cancelOnServerCall) await t.value('jobs.cancel', { accountId });
          cancelOnServerCall = false;
        },
      },
    });
    accountId = (await addAlice(t, server.port)).id;
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await server?.stop();
  });

  function journalStateOnDisk(id: number): string {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT state FROM journal WHERE id = ?').pluck().get(id) as string;
    } finally {
      db.close();
    }
  }

  async function rfcIds(ids: number[]) {
    const out: string[] = [];
    for (const id of ids) out.push((await t.value('messages.get', { id })).messageId!);
    return out.sort();
  }
  const groupCount = async (key: string | null) =>
    (await t.value('triage.groups', { accountId, by: 'advertiser' })).find((g) => g.key === key)
      ?.count ?? 0;

  it('moves a selection to a new folder and back, then to the Trash and back', async () => {
    await t.syncAndDetect(accountId);
    const groups = await t.value('triage.groups', { accountId, by: 'advertiser' });
    const [big, another] = groups.filter((g) => g.key !== null && g.count >= 2);
    expect(big, 'two advertisers with two messages or more').toBeDefined();
    const members = await t.value('triage.messages', {
      accountId,
      by: 'advertiser',
      key: big!.key,
      limit: 500,
    });
    const single = (
      await t.value('triage.messages', { accountId, by: 'advertiser', key: another!.key })
    ).items[0]!;
    const selected = await rfcIds([...members.items.map((m) => m.id), single.id]);
    expect(selected).toHaveLength(big!.count + 1);
    const selection = {
      accountId,
      by: 'advertiser' as const,
      keys: [big!.key],
      messageIds: [single.id],
    };
    const initial = await serverState(server.port);
    const everything = allHashes(initial);

    // Move: the folder is created; the selection is there and no longer in INBOX.
    const moved = await t.value('triage.move', { selection, folder: TARGET });
    expect(moved).toMatchObject({ moved: selected.length, missing: 0, error: null });
    expect(moved.journalIds.length).toBeGreaterThan(0);
    const afterMove = await serverState(server.port);
    expect(idsIn(afterMove, TARGET)).toEqual(selected);
    expect(idsIn(afterMove, 'INBOX').filter((id) => selected.includes(id))).toEqual([]);
    expect(allHashes(afterMove)).toEqual(everything);
    // Each batch's intent was on disk, pending, while the server still had the messages.
    expect(beforeServer.map((b) => b.id)).toEqual(moved.journalIds);
    expect(beforeServer.every((b) => b.state === 'pending' && b.stillInInbox)).toBe(true);

    // Undo through the journal: back in INBOX, the created folder empty.
    for (const id of [...moved.journalIds].reverse()) await t.value('journal.undo', { id });
    const undone = await serverState(server.port);
    expect(idsIn(undone, TARGET)).toEqual([]);
    expect(idsIn(undone, 'INBOX')).toEqual(idsIn(initial, 'INBOX'));
    expect(allHashes(undone)).toEqual(everything);
    expect(await groupCount(big!.key)).toBe(big!.count);

    // Delete: to the Trash, never expunged; undone, back again.
    beforeServer.length = 0;
    const deleted = await t.value('triage.delete', { selection });
    expect(deleted).toMatchObject({ moved: selected.length, error: null });
    const inTrash = await serverState(server.port);
    expect(idsIn(inTrash, 'Trash')).toEqual(selected);
    expect(allHashes(inTrash)).toEqual(everything);
    expect(await groupCount(big!.key)).toBe(0);
    expect(beforeServer.every((b) => b.state === 'pending' && b.stillInInbox)).toBe(true);
    for (const id of [...deleted.journalIds].reverse()) await t.value('journal.undo', { id });
    const back = await serverState(server.port);
    expect(idsIn(back, 'Trash')).toEqual([]);
    expect(idsIn(back, 'INBOX')).toEqual(idsIn(initial, 'INBOX'));
    expect(allHashes(back)).toEqual(everything);
    expect(await groupCount(big!.key)).toBe(big!.count);
  }, 60_000);

  it('refuses an empty selection, one no longer on the server, and a move in place', async () => {
    const empty = await t.call('triage.delete', {
      selection: { accountId, by: 'advertiser', keys: [], messageIds: [] },
    });
    expect(empty.ok || empty.error.code).toBe('INVALID_INPUT');
    const gone = await t.call('triage.move', {
      selection: { accountId, by: 'advertiser', keys: ['nobody.example'] },
      folder: TARGET,
    });
    expect(gone.ok || gone.error.code).toBe('NOT_FOUND');
    const injected = await t.call('triage.move', {
      selection: { accountId, by: 'advertiser', keys: ['nobody.example'] },
      folder: 'Archive\r\nA1 DELETE INBOX',
    });
    expect(injected.ok || injected.error.code).toBe('INVALID_INPUT');
    // Into the folder they are in: nothing to move, said so.
    const [first] = await t.value('triage.groups', { accountId, by: 'advertiser' });
    const there = await t.call('triage.move', {
      selection: { accountId, by: 'advertiser', keys: [first!.key] },
      folder: 'INBOX',
    });
    expect(there.ok || there.error.code).toBe('CONFLICT');
  });

  it('stops a move when cancelled: the batch under way is done and undoable, the rest stays', async () => {
    const group = (await t.value('triage.groups', { accountId, by: 'advertiser' })).find(
      (g) => g.key !== null && g.count >= 2,
    )!;
    const { items } = await t.value('triage.messages', {
      accountId,
      by: 'advertiser',
      key: group.key,
    });
    // One of its messages elsewhere first: the group then spans two folders, two batches.
    const aside = await t.value('triage.move', {
      selection: { accountId, by: 'advertiser', messageIds: [items[0]!.id] },
      folder: TARGET,
    });
    const before = await serverState(server.port);
    cancelOnServerCall = true;
    const cut = await t.value('triage.move', {
      selection: { accountId, by: 'advertiser', keys: [group.key] },
      folder: 'Archive',
    });
    // INBOX's batch went (it was on its way); Prospection's did not start.
    expect(cut).toMatchObject({ moved: group.count - 1, error: { code: 'CANCELLED' } });
    expect(cut.journalIds).toHaveLength(1);
    const after = await serverState(server.port);
    expect(idsIn(after, 'Archive')).toHaveLength(group.count - 1);
    expect(idsIn(after, TARGET)).toEqual(idsIn(before, TARGET));
    expect(allHashes(after)).toEqual(allHashes(before));
    for (const id of [...cut.journalIds, ...aside.journalIds].reverse())
      await t.value('journal.undo', { id });
    expect(idsIn(await serverState(server.port), 'Archive')).toEqual([]);
  }, 60_000);
});
