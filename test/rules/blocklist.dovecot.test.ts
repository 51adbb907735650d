/**
 * Blocking an advertiser: a rule the user sees, run at once on the mail
 * already there, and on new mail as it arrives by IDLE (after detection).
 * A router is blocked by its table id, never by its display name.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from '../../electron/rules/index.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';
import { withClient } from '../support/write-path.js';
import { allHashes, idsIn, messageIdOf, oldMailbox, serverState } from './support.js';

const ready = dovecotReady('blocking an advertiser');

/** An advertiser with several newsletters at or above the threshold, from the store. */
function blockableAdvertiser(dataDir: string): string {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT advertiser_domain FROM classifications
         WHERE verdict = 'newsletter' AND unsolicited = 1 AND score >= ?
         GROUP BY advertiser_domain HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(DEFAULT_MIN_CONFIDENCE) as string;
  } finally {
    db.close();
  }
}

/**
 * A router with unsolicited mail at or above the threshold, whose display name is not its id
 * (SendGrid's is "SendGrid (Twilio)", its id "sendgrid").
 */
function blockableRouter(dataDir: string): { id: string; name: string } | undefined {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    const routers = db
      .prepare(
        `SELECT router_id AS id, router_name AS name FROM classifications
         WHERE router_id IS NOT NULL AND unsolicited = 1 AND score >= ?
           AND verdict IS NOT 'list_discussion'
         GROUP BY router_id ORDER BY COUNT(*) DESC`,
      )
      .all(DEFAULT_MIN_CONFIDENCE) as Array<{ id: string; name: string }>;
    return routers.find((r) => r.name.toLowerCase() !== r.id);
  } finally {
    db.close();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!ready)('blocking an advertiser', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  const mail = oldMailbox(80, 21);

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      mail.map((s) => s.raw),
    );
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    await t.syncAndDetect(accountId);
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('blocks a router by its id, and refuses a name no router has as id', async () => {
    const router = blockableRouter(t.dataDir)!;
    expect(router, 'a router whose name is not its id').toBeDefined();
    const before = await serverState(server.port);
    // Its display name (what the message view shows) would make a rule that matches nothing.
    const byName = await t.call('rules.block', { kind: 'router', value: router.name });
    expect(byName).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.value('rules.list', {})).toEqual([]);

    const { rule, runs } = await t.value('rules.block', { kind: 'router', value: router.id });
    expect(rule.conditions).toEqual([{ field: 'router', routers: [router.id] }]);
    const moved = runs[0]!.counts.reduce((n, c) => n + c.count, 0);
    expect(moved).toBeGreaterThan(0);
    expect(idsIn(await serverState(server.port), 'Trash')).toHaveLength(moved);

    // Undone, and the rule removed: the advertiser's case below starts from the same mailbox.
    await t.value('rules.undoRun', { id: runs[0]!.id });
    await t.value('rules.remove', { id: rule.id });
    expect(allHashes(await serverState(server.port))).toEqual(allHashes(before));
    expect(idsIn(await serverState(server.port), 'Trash')).toHaveLength(0);
  });

  it('sends its mail to the Trash now, and new mail of it as it arrives', async () => {
    const advertiser = blockableAdvertiser(t.dataDir);
    const before = await serverState(server.port);
    const { rule, runs } = await t.value('rules.block', { kind: 'advertiser', value: advertiser });
    expect(rule).toMatchObject({
      enabled: true,
      conditions: [{ field: 'advertiser', domains: [advertiser] }],
      actions: [{ type: 'trash' }],
    });
    expect(await t.value('rules.list', {})).toContainEqual(rule);
    const moved = runs[0]!.counts.reduce((n, c) => n + c.count, 0);
    expect(moved).toBeGreaterThanOrEqual(2);
    const after = await serverState(server.port);
    expect(idsIn(after, 'Trash')).toHaveLength(moved);
    expect(allHashes(after)).toEqual(allHashes(before));

    // New mail from the same advertiser, appended by another client while the app is live.
    t.core.startBackgroundSync();
    await waitFor(
      async () => (await t.value('sync.status', {}))[0]?.connection === 'online',
      10_000,
    );
    const [trashedId] = idsIn(after, 'Trash');
    const original = mail.find((s) => messageIdOf(s.raw) === trashedId)!.raw.toString('latin1');
    const fresh = original.replace(/^Message-ID:.*$/im, 'Message-ID: <fresh-1@rules.test>');
    const other = await connectAlice(server.port);
    await other.append('INBOX', Buffer.from(fresh, 'latin1'));
    await other.logout();
    const inTrash = () =>
      withClient(server.port, async (c) => {
        await c.mailboxOpen('Trash', { readOnly: true });
        const hits = await c.search({ header: { 'message-id': '<fresh-1@rules.test>' } });
        return Array.isArray(hits) && hits.length === 1;
      });
    await waitFor(inTrash, 20_000);
    expect(idsIn(await serverState(server.port), 'INBOX')).not.toContain('<fresh-1@rules.test>');
  });
});
