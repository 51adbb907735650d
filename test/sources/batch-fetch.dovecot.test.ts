/**
 * The sources of many messages over one connection: a recording relay in
 * front of a real Dovecot counts what the app sends (logins, EXAMINEs, UID
 * FETCHes), and another client (imapflow, straight to Dovecot) reads what the
 * server holds, to compare byte for byte.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFetchOutcome } from '../../shared/types.js';
import { startRecordingRelay, type RecordingRelay } from '../accounts/recording-relay.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { serverFolder } from '../support/write-path.js';

const ready = dovecotReady('batch source fetch');

/** Subjects: 1-4 and 7 in INBOX, 5-6 in Archive; 7 is expunged before the batch, 8 long before. */
const subject = (n: number) => `Offre ${n}`;
const message = (n: number) =>
  testMessage(n, { from: `Boutique <promo@boutique${n}.fr>`, subject: subject(n) });

describe.skipIf(!ready)('sources fetched in a batch (Dovecot)', () => {
  let server: DovecotServer;
  let relay: RecordingRelay;
  let t: TestCore;
  let other: ImapFlow;
  let accountId: string;
  const ids = new Map<number, number>();
  const uids = new Map<number, number>();

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [1, 2, 3, 4, 7, 8].map(message));
    await server.addMessages('alice', 'Archive', [5, 6].map(message));
    relay = await startRecordingRelay({ targetHost: '127.0.0.1', targetPort: server.port });
    // Groups of 3: INBOX's five UIDs take two UID FETCH commands.
    t = createTestCore({ sourceFetchLimits: { messages: 3, bytes: 1024 * 1024 } });
    accountId = (await addAlice(t, relay.port)).id;
    await t.value('sync.run', { accountId });
    const listed = await t.value('messages.list', { accountId, limit: 100 });
    for (const m of listed.items) {
      const n = Number(/^Offre (\d+)$/.exec(m.subject)![1]);
      ids.set(n, m.id);
      uids.set(n, m.uid!);
    }
    other = await connectAlice(server.port);
    // Message 8 left the server before any fetch, and a sync saw it go (kept: retention).
    await other.mailboxOpen('INBOX');
    await other.messageDelete(String(uids.get(8)), { uid: true });
    await t.value('sync.run', { accountId });
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await relay?.close();
    await server?.stop();
  });

  /** What the app sent through the relay while `work` ran. */
  async function sentDuring<T>(work: () => Promise<T>) {
    const commandsBefore = relay.commands().length;
    const acceptedBefore = relay.accepted;
    const value = await work();
    const commands = relay.commands().slice(commandsBefore);
    const count = (re: RegExp) => commands.filter((c) => re.test(c)).length;
    return {
      value,
      connections: relay.accepted - acceptedBefore,
      logins: count(/^(LOGIN|AUTHENTICATE)$/),
      examines: count(/^EXAMINE$/),
      fetches: count(/^UID$/),
    };
  }

  const fetchSources = (numbers: number[]) =>
    t.value('messages.fetchSources', { ids: numbers.map((n) => ids.get(n)!) });

  function storedRaw(n: number): Buffer | undefined {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      return db
        .prepare(`SELECT raw FROM message_sources WHERE message_id = ?`)
        .pluck()
        .get(ids.get(n)) as Buffer | undefined;
    } finally {
      db.close();
    }
  }

  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  let first: SourceFetchOutcome[];

  it('fetches 6 sources in 2 folders with one login; one expunged meanwhile is NOT_FOUND', async () => {
    // What the server holds, read by another client before message 7 goes.
    const onServer = new Map(
      [
        ...(await serverFolder(server.port, 'INBOX')),
        ...(await serverFolder(server.port, 'Archive')),
      ].map((m) => [m.messageId, m.sha256]),
    );
    await other.mailboxOpen('INBOX');
    await other.messageDelete(String(uids.get(7)), { uid: true });

    const progress: Array<{ state: string; done: number; total: number | null }> = [];
    const stop = t.core.onEvent((e) => {
      if (e.type === 'job.progress' && e.kind === 'sources')
        progress.push({ state: e.state, done: e.done, total: e.total });
    });
    const sent = await sentDuring(() => fetchSources([1, 2, 3, 4, 5, 6, 7]));
    stop();
    expect(sent).toMatchObject({ connections: 1, logins: 1, examines: 2, fetches: 3 });
    first = sent.value;
    // One job of the account's queue, reporting its progress up to the whole batch.
    expect(progress[0]).toMatchObject({ state: 'queued' });
    expect(progress.at(-1)).toEqual({ state: 'done', done: 7, total: 7 });
    expect(progress.some((p) => p.state === 'running' && p.done > 0 && p.done < 7)).toBe(true);

    expect(first.map((o) => o.messageId)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => ids.get(n)));
    expect(first[6]).toMatchObject({ ok: false, reason: 'uid-gone' });
    expect(storedRaw(7)).toBeUndefined();
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const outcome = first[n - 1]!;
      if (!outcome.ok) throw new Error(`message ${n}: ${outcome.reason}`);
      const serverSha = onServer.get(`<msg-${n}@exemple.fr>`);
      expect(serverSha).toBeDefined();
      expect(outcome.info.sha256).toBe(serverSha);
      const raw = storedRaw(n)!;
      expect(sha256(raw)).toBe(serverSha);
      expect(raw.equals(Buffer.from(message(n)))).toBe(true);
      expect(outcome.info.size).toBe(raw.length);
    }
  });

  it('a second fetch of kept sources makes no connection at all', async () => {
    const sent = await sentDuring(() => fetchSources([1, 2, 3, 4, 5, 6]));
    expect(sent.connections).toBe(0);
    expect(sent.value).toEqual(first.slice(0, 6));
    // One message at a time takes the same path: kept, no connection.
    const one = await sentDuring(() => t.value('messages.source', { id: ids.get(5)! }));
    expect(one.connections).toBe(0);
    expect(one.value).toEqual(first[4]!.ok && first[4]!.info);
  });

  it('a message that left the server gets its own reason without a connection, in a batch or alone', async () => {
    const sent = await sentDuring(() => fetchSources([8, 1]));
    expect(sent.connections).toBe(0);
    expect(sent.value[0]).toMatchObject({ ok: false, reason: 'left-server' });
    expect(sent.value[1]).toEqual(first[0]);
    expect(await t.call('messages.source', { id: ids.get(8)! })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { source: 'left-server' } },
    });
  });
});
