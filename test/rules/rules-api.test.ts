/** The rules through the core's API, without a server: order, edits, and the history's retention. */
import { DEFAULT_MIN_CONFIDENCE } from '../../electron/rules/confidence.js';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/core.js';

const DAY_MS = 86_400_000;
const draft = (name: string) => ({
  name,
  conditions: [{ field: 'verdict' as const, verdicts: ['newsletter' as const] }],
  actions: [{ type: 'trash' as const }],
});

describe('rules API', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('keeps rules in the order asked, edits and removes them', async () => {
    t = createTestCore();
    const a = await t.value('rules.save', { rule: draft('A') });
    const b = await t.value('rules.save', { rule: draft('B') });
    expect(a).toMatchObject({ position: 1, enabled: false, accountId: null, match: 'all' });
    expect((await t.value('rules.reorder', { ids: [b.id, a.id] })).map((r) => r.name)).toEqual([
      'B',
      'A',
    ]);
    expect(await t.call('rules.reorder', { ids: [b.id] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const edited = await t.value('rules.save', { id: a.id, rule: { ...draft('A2'), stop: true } });
    expect(edited).toMatchObject({ id: a.id, name: 'A2', stop: true, position: 2 });
    expect(await t.call('rules.save', { id: 999, rule: draft('X') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.value('rules.remove', { id: a.id })).toEqual({ removed: true });
    expect((await t.value('rules.list', {})).map((r) => r.name)).toEqual(['B']);
    // Every suggestion is off until the user turns it on.
    expect((await t.value('rules.suggestions', {})).every((s) => !s.draft.enabled)).toBe(true);
  });

  it('keeps the run history 30 days, or as long as the user set', async () => {
    t = createTestCore();
    // With detection's action threshold, which a verdict condition follows unless it names its own.
    expect(await t.value('rules.getSettings', {})).toEqual({
      historyDays: 30,
      defaultMinConfidence: DEFAULT_MIN_CONFIDENCE,
    });
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
    const at = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
    const run = db.prepare(
      `INSERT INTO rule_runs (account_id, started_at, finished_at, state) VALUES ('a', ?, ?, ?)`,
    );
    // A failed run shows even without actions; a done one with nothing done is not history.
    for (const days of [40, 10]) run.run(at(days), at(days), 'failed');
    run.run(at(1), at(1), 'done');
    db.close();
    expect((await t.value('rules.history', {})).map((r) => r.startedAt)).toHaveLength(1);
    expect(await t.value('rules.setSettings', { historyDays: 5 })).toEqual({
      historyDays: 5,
      defaultMinConfidence: DEFAULT_MIN_CONFIDENCE,
    });
    expect(await t.value('rules.history', {})).toEqual([]);
    expect(await t.call('rules.setSettings', { historyDays: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
