/**
 * A rule run opens its IMAP session (login, SELECT) while the sync and the
 * evaluation run. That early session must not change what is sent: a run
 * with nothing to do sends no write command and logs out; a run with work
 * commits each batch's journal entry before that batch's MOVE goes out.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../electron/journal/index.js';
import type { RuleDraft } from '../../shared/api/rules.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { openWritePath, type WritePath } from '../support/write-path.js';
import { allHashes, idsIn, perFolder, rulesOver, serverState } from './support.js';

const ready = dovecotReady('rule runs with an early session');
const MESSAGES = 30;
const WRITE_COMMAND = /^\S+ (UID )?(MOVE|COPY|STORE|EXPUNGE|APPEND|CREATE|DELETE)\b/im;

const rule = (name: string, conditions: RuleDraft['conditions']): RuleDraft => ({
  name,
  enabled: true,
  accountId: null,
  match: 'all',
  conditions,
  actions: [{ type: 'move', folder: 'Projets' }],
  stop: false,
  allowPurge: false,
});

/** The journal's state of one entry, read from another connection (what is on disk). */
function journalStateOnDisk(dataDir: string, id: number): string | undefined {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT state FROM journal WHERE id = ?`).pluck().get(id) as
      string | undefined;
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('a rule run whose session opens during the sync', () => {
  let server: DovecotServer;
  let proxy: TcpProxy;
  let t: TestCore;
  let w: WritePath;
  let accountId: string;
  let beforeServerCall: (entry: JournalEntry) => void = () => undefined;

  const rulesService = () =>
    rulesOver(t, w, accountId, {
      session: { beforeServerCall: (entry) => beforeServerCall(entry) },
      batchSize: 10,
    });
  /** What the connections opened since `from` sent, each as one text. */
  const sentSince = (from: number) => proxy.sentByClients.slice(from);

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(MESSAGES));
    proxy = await startTcpProxy({
      targetHost: '127.0.0.1',
      targetPort: server.port,
      recordClients: true,
    });
    t = createTestCore();
    accountId = (await addAlice(t, proxy.port)).id;
    await t.syncAndDetect(accountId);
    w = openWritePath(t.dataDir);
  });
  afterAll(async () => {
    w?.close();
    await t?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('sends no write command when the rules find nothing, and logs out', async () => {
    const rules = rulesService();
    const nobody = rules.save({
      rule: rule('From nobody', [
        { field: 'folder', paths: ['INBOX'] },
        { field: 'sender', senders: ['nobody@absent.example'] },
      ]),
    });
    const before = await serverState(server.port);
    const from = proxy.accepted;

    const [run] = await rules.run({ ruleIds: [nobody.id] });

    expect(run).toMatchObject({ state: 'done', counts: [], journalIds: [] });
    expect(w.journal.list({ accountId, limit: 10 })).toEqual([]);
    const sent = sentSince(from);
    expect(sent.filter((s) => WRITE_COMMAND.test(s))).toEqual([]);
    // The early session did log in and select the folder, then closed cleanly.
    const early = sent.filter((s) => /^\S+ SELECT INBOX/im.test(s));
    expect(early).toHaveLength(1);
    expect(early[0]).toMatch(/^\S+ LOGOUT/im);
    expect(perFolder(await serverState(server.port))).toEqual(perFolder(before));
    rules.remove(nobody.id);
  });

  it('commits each batch’s journal entry before that batch’s MOVE is sent', async () => {
    const rules = rulesService();
    const all = rules.save({
      rule: rule('Inbox to Projets', [{ field: 'folder', paths: ['INBOX'] }]),
    });
    const before = await serverState(server.port);
    const from = proxy.accepted;
    const seen: Array<{ state: string | undefined; movesSent: number; selected: boolean }> = [];
    beforeServerCall = (entry) => {
      const sent = sentSince(from).join('');
      seen.push({
        state: journalStateOnDisk(t.dataDir, entry.id),
        movesSent: sent.match(/^\S+ UID MOVE /gim)?.length ?? 0,
        selected: /^\S+ SELECT INBOX/im.test(sent),
      });
    };

    const [run] = await rules.run({ ruleIds: [all.id] });
    beforeServerCall = () => undefined;

    expect(run).toMatchObject({ state: 'done' });
    // Every batch: its entry pending on disk, and only the batches before it sent.
    expect(seen).toEqual(
      Array.from({ length: MESSAGES / 10 }, (_, i) => ({
        state: 'pending',
        movesSent: i,
        selected: true,
      })),
    );
    const after = await serverState(server.port);
    expect(allHashes(after)).toEqual(allHashes(before));
    expect(idsIn(after, 'INBOX')).toEqual([]);
    expect(after.get('Projets')!.hashes).toEqual(before.get('INBOX')!.hashes);
  });
});
