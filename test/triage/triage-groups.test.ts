/**
 * The triage reads over the demo mailbox (imported, classified by the real
 * detection): every unsolicited message still held outside Junk and Trash is in exactly one group,
 * a group lists its own messages latest first, and keeping an advertiser (a
 * correction) empties it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIAGE_GROUPINGS } from '../../shared/api/triage.js';
import { createTestCore, type TestCore } from '../support/core.js';

describe('triage groups (demo mailbox)', () => {
  let t: TestCore;
  let accountId: string;
  /** Unsolicited mail outside Junk, and inside it. */
  let unsolicited: number;
  let junkUnsolicited: number;

  beforeAll(async () => {
    t = createTestCore();
    accountId = (await t.value('demo.load', {})).accountId;
    const count = async (folderId?: number) =>
      (await t.value('messages.list', { accountId, folderId, unsolicited: true, limit: 1 })).total;
    // The triage leaves out what is already in Junk (or Trash): the user has dealt with it.
    const junk = (await t.value('folders.list', { accountId })).find(
      (f) => f.specialUse === 'junk',
    )!;
    junkUnsolicited = await count(junk.id);
    unsolicited = (await count()) - junkUnsolicited;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('puts every unsolicited message in exactly one group, whatever the grouping', async () => {
    expect(unsolicited).toBeGreaterThan(10);
    expect(junkUnsolicited).toBeGreaterThan(0);
    for (const by of TRIAGE_GROUPINGS) {
      const groups = await t.value('triage.groups', { by, accountId });
      expect(
        groups.reduce((sum, g) => sum + g.count, 0),
        by,
      ).toBe(unsolicited);
      expect(new Set(groups.map((g) => g.key)).size, by).toBe(groups.length);
      // Largest first.
      const counts = groups.map((g) => g.count);
      expect(counts, by).toEqual([...counts].sort((a, b) => b - a));
    }
    // Another account's id sees nothing of this one.
    expect(await t.value('triage.groups', { by: 'verdict', accountId: 'nobody' })).toEqual([]);
  });

  it('gives the groups a page at a time, in the same order, with the totals', async () => {
    for (const by of TRIAGE_GROUPINGS) {
      const all = await t.value('triage.groups', { by, accountId });
      const pages = [];
      for (let offset = 0; offset < all.length + 3; offset += 3) {
        const page = await t.value('triage.groupPage', { by, accountId, offset, limit: 3 });
        expect(page.groups, by).toBe(all.length);
        expect(page.messages, by).toBe(unsolicited);
        pages.push(...page.items);
      }
      expect(pages, by).toEqual(all);
    }
    const none = await t.value('triage.groupPage', { by: 'advertiser', accountId: 'nobody' });
    expect(none).toEqual({ groups: 0, messages: 0, items: [] });
  });

  it('describes an advertiser group by its latest message, and lists its messages', async () => {
    const groups = await t.value('triage.groups', { by: 'advertiser', accountId });
    const group = groups.find((g) => g.key === 'maisonlumiere.fr')!;
    expect(group).toMatchObject({
      label: 'Maison Lumière',
      router: 'Mailchimp',
      advertiser: 'maisonlumiere.fr',
      identity: 'camille.martin+shop@gmail.com',
      // Camille's order confirmation from it is in the mailbox: a customer, not a leak.
      identityLeaked: false,
      customer: true,
    });
    expect(group.legalFlags.map((f) => f.code)).not.toContain('personal_no_consent');
    const stranger = groups.find((g) => g.key === 'cyclomistral.fr')!;
    expect(stranger).toMatchObject({
      identity: 'camille.martin+shop@gmail.com',
      identityLeaked: true,
      customer: false,
    });
    expect(stranger.legalFlags.map((f) => f.code)).toContain('personal_no_consent');
    const page = await t.value('triage.messages', { by: 'advertiser', key: group.key, accountId });
    expect(page.total).toBe(group.count);
    const latest = page.items.find((m) => m.id === group.latestMessageId)!;
    expect(latest.id).toBe(Math.max(...page.items.map((m) => m.id)));
    expect(latest.date).toBe(group.lastDate);
    const dates = page.items.map((m) => m.date!);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const m of page.items) {
      const detail = await t.value('messages.get', { id: m.id });
      expect(detail.advertiser).toBe('maisonlumiere.fr');
      expect(detail.unsolicited).toBe(true);
    }
  });

  it('lists the messages of the unknown group (null key) too', async () => {
    const groups = await t.value('triage.groups', { by: 'router', accountId });
    const unknown = groups.find((g) => g.key === null)!;
    const page = await t.value('triage.messages', { by: 'router', key: null, accountId });
    expect(page.total).toBe(unknown.count);
  });

  it('counts unsolicited mail per week, each week by its Monday, oldest first', async () => {
    // The demo's mail is from September to November 2026: within a year of the test's clock.
    const weeks = await t.value('triage.perWeek', { accountId, weeks: 104 });
    // Per week counts what arrived, Junk included.
    expect(weeks.reduce((sum, w) => sum + w.count, 0)).toBe(unsolicited + junkUnsolicited);
    for (const w of weeks) expect(new Date(`${w.week}T00:00:00Z`).getUTCDay(), w.week).toBe(1);
    expect(weeks.map((w) => w.week)).toEqual([...weeks.map((w) => w.week)].sort());
    expect(await t.value('triage.perWeek', { accountId: 'nobody' })).toEqual([]);
  });

  it('drops an advertiser the user keeps (marked wanted for the whole domain)', async () => {
    const before = await t.value('triage.groups', { by: 'advertiser', accountId });
    const group = before.find((g) => g.key === 'maisonlumiere.fr')!;
    await t.value('messages.correct', {
      id: group.latestMessageId,
      decision: 'wanted',
      scope: 'domain',
    });
    const after = await t.value('triage.groups', { by: 'advertiser', accountId });
    expect(after.find((g) => g.key === 'maisonlumiere.fr')).toBeUndefined();
    expect(after.reduce((sum, g) => sum + g.count, 0)).toBe(unsolicited - group.count);
  });
});
