/**
 * The suggestion "everything from blocked routers → Trash" follows the router
 * blocks the user made: nothing before a block, the blocked router's mail
 * once blocked (exactly what the block rule itself touches), nothing again
 * when the block is turned off. The objection-status condition likewise
 * follows the objection cases. Dry runs over a mailbox synced from Dovecot.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { oldMailbox } from './support.js';

const ready = dovecotReady('blocked-routers suggestion against Dovecot');

describe.skipIf(!ready)('suggestion: everything from blocked routers → Trash', () => {
  let server: DovecotServer;
  let t: TestCore;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(80).map((s) => s.raw),
    );
    t = createTestCore();
    await t.syncAndDetect((await addAlice(t, server.port)).id);
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('touches the mail of the routers blocked, and only while they are', async () => {
    const suggestion = (await t.value('rules.suggestions', {})).find(
      (s) => s.key === 'blocked-routers-trash',
    )!;
    expect(suggestion.draft).toMatchObject({ enabled: false, actions: [{ type: 'trash' }] });
    const rule = await t.value('rules.save', {
      rule: { ...suggestion.draft, enabled: true },
      suggestion: suggestion.key,
    });
    const total = async (ruleIds: number[]) =>
      (await t.value('rules.dryRun', { ruleIds, limit: 0 })).total;
    expect(await total([rule.id])).toBe(0);

    // The rule a "Bloquer le routeur" click makes (saved here without its run).
    const blockDraft = {
      name: 'Blocked router: mailchimp',
      enabled: true,
      conditions: [{ field: 'router' as const, routers: ['mailchimp'] }],
      actions: [{ type: 'trash' as const }],
      stop: true,
    };
    const block = await t.value('rules.save', {
      rule: blockDraft,
      suggestion: 'block:router:mailchimp',
    });
    const blocked = await total([block.id]);
    expect(blocked).toBeGreaterThan(5);
    expect(await total([rule.id])).toBe(blocked);

    await t.value('rules.save', { id: block.id, rule: { ...blockDraft, enabled: false } });
    expect(await total([rule.id])).toBe(0);
  });

  it('objection status follows the cases: objected while open, never violated without violations', async () => {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
    try {
      const { advertiser } = db
        .prepare(
          `SELECT advertiser_domain AS advertiser FROM classifications
           WHERE advertiser_domain IS NOT NULL GROUP BY advertiser_domain
           ORDER BY count(*) DESC LIMIT 1`,
        )
        .get() as { advertiser: string };
      const draftOf = (condition: object) => ({
        name: 'Objection',
        conditions: [condition],
        actions: [{ type: 'trash' as const }],
      });
      const total = async (condition: object) =>
        (await t.value('rules.dryRun', { draft: draftOf(condition) as never, limit: 0 })).total;
      const objected = { field: 'objection', status: 'objected' };
      const violated = { field: 'objection', status: 'violated' };
      expect(await total(objected)).toBe(0);

      // A case the user opened against this advertiser (no request sent yet: waiting).
      db.prepare(
        `INSERT INTO objection_cases (account_id, identity, advertiser_domain, opened_at)
         VALUES ('x', 'alice@exemple.fr', ?, '2026-11-01T00:00:00Z')`,
      ).run(advertiser);
      const ofAdvertiser = await total({ field: 'advertiser', domains: [advertiser] });
      expect(ofAdvertiser).toBeGreaterThan(0);
      expect(await total(objected)).toBe(ofAdvertiser);
      expect(await total(violated)).toBe(0);

      db.prepare(`UPDATE objection_cases SET closed_at = '2026-11-02T00:00:00Z'`).run();
      expect(await total(objected)).toBe(0);
    } finally {
      db.close();
    }
  });
});
