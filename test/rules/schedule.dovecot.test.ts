/**
 * Rules on a schedule against a real Dovecot: the scheduler's clock is the
 * test's, advanced by hand. An enabled rule every 6 hours runs at once, not
 * again an hour later, then again 6 hours later on the mail that came since;
 * a rule without a schedule or a disabled one is never run by the timer; a
 * restarted scheduler remembers the last runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleScheduler, type RuleScheduler } from '../../electron/rules/index.js';
import type { Rule } from '../../shared/api/rules.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { allHashes, oldMailbox, serverState } from './support.js';

const ready = dovecotReady('scheduled rules against Dovecot');
const HOUR_MS = 3_600_000;

describe.skipIf(!ready)('rules on a schedule', () => {
  let server: DovecotServer;
  let t: TestCore;
  let clock = Date.parse('2026-12-01T08:00:00Z');
  const saved = new Map<string, unknown>();
  const schedulerOverCore = (): RuleScheduler =>
    createRuleScheduler({
      rules: () => t.value('rules.list', {}),
      run: (ruleIds) => t.value('rules.run', { ruleIds }),
      settings: {
        value: (key) => saved.get(key),
        save: (entries) => entries.forEach(([k, v]) => saved.set(k, structuredClone(v))),
      },
      now: () => new Date(clock),
      onFailure: (err) => {
        throw err;
      },
    });
  const trashCount = async () => (await serverState(server.port)).get('Trash')?.hashes.length ?? 0;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(60).map((s) => s.raw),
    );
    t = createTestCore();
    await t.syncAndDetect((await addAlice(t, server.port)).id);
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('runs a scheduled rule when due and only then; never an unscheduled or disabled one', async () => {
    const rule = (name: string, verdict: 'newsletter' | 'cold_prospecting') => ({
      name,
      enabled: true,
      // The schedule is under test, not the confidence gate: every verdict of the kind counts.
      conditions: [{ field: 'verdict' as const, verdicts: [verdict], minConfidence: 0.3 }],
    });
    const scheduled: Rule = await t.value('rules.save', {
      rule: {
        ...rule('Newsletters', 'newsletter'),
        schedule: { everyHours: 6 },
        actions: [{ type: 'trash' }],
      },
    });
    expect((await t.value('rules.list', {}))[0]!.schedule).toEqual({ everyHours: 6 });
    const unscheduled = await t.value('rules.save', {
      rule: {
        ...rule('Prospecting', 'cold_prospecting'),
        actions: [{ type: 'move', folder: 'Prospection' }],
      },
    });
    const disabled = await t.value('rules.save', {
      rule: {
        ...rule('Disabled', 'cold_prospecting'),
        enabled: false,
        schedule: { everyHours: 1 },
        actions: [{ type: 'move', folder: 'Disabled' }],
      },
    });
    const dryOf = async (id: number) =>
      (await t.value('rules.dryRun', { ruleIds: [id], limit: 0 })).total;
    const due = await dryOf(scheduled.id);
    expect(due).toBeGreaterThan(5);
    // The other two would touch mail if they ran.
    expect(await dryOf(unscheduled.id)).toBeGreaterThan(0);
    expect(await dryOf(disabled.id)).toBeGreaterThan(0);
    const before = await serverState(server.port);

    const first = await schedulerOverCore().tick();
    expect(first).toHaveLength(1);
    expect(first[0]!.counts.map((c) => c.ruleId)).toEqual([scheduled.id]);
    let after = await serverState(server.port);
    expect(allHashes(after)).toEqual(allHashes(before));
    expect(after.get('Trash')?.hashes).toHaveLength(due);
    expect(after.has('Prospection') || after.has('Disabled')).toBe(false);

    // New mail arrives; an hour later the rule is not due yet.
    await server.addMessages(
      'alice',
      'INBOX',
      oldMailbox(30, 11).map((s) => s.raw),
    );
    clock += HOUR_MS;
    expect(await schedulerOverCore().tick()).toEqual([]);
    expect(await trashCount()).toBe(due);

    // Six hours after the first run it is, and takes the new newsletters too.
    clock += 5 * HOUR_MS;
    const second = await schedulerOverCore().tick();
    expect(second).toHaveLength(1);
    expect(second[0]!.counts.map((c) => c.ruleId)).toEqual([scheduled.id]);
    const moved = second[0]!.counts.reduce((n, c) => n + c.count, 0);
    expect(moved).toBeGreaterThan(0);
    expect(await trashCount()).toBe(due + moved);
    after = await serverState(server.port);
    expect(after.has('Prospection') || after.has('Disabled')).toBe(false);

    // A restarted scheduler remembers: a minute later nothing is due.
    clock += 60_000;
    expect(await schedulerOverCore().tick()).toEqual([]);
  });
});
