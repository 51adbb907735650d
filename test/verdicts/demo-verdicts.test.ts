/**
 * Detection on stored mail, end to end through the core: the demo mailbox is
 * classified on load, agrees with its independent hand labels, never calls
 * real correspondence unsolicited, and a user's correction sticks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../shared/types.js';
import { createTestCore, type TestCore } from '../support/core.js';

const root = path.resolve(import.meta.dirname, '../..');
const labels = JSON.parse(
  readFileSync(path.join(root, 'electron/demo/labels.json'), 'utf8'),
) as Record<string, { verdict: string; router: string | null; advertiser: string | null }>;

describe('detection on the demo mailbox', () => {
  let t: TestCore;
  let accountId: string;
  let messages: Array<MessageSummary & { label: (typeof labels)[string] }>;

  beforeAll(async () => {
    t = createTestCore();
    accountId = (await t.value('demo.load', {})).accountId;
    const folders = await t.value('folders.list', { accountId });
    messages = [];
    for (const folder of folders) {
      for (const m of (
        await t.value('messages.list', { accountId, folderId: folder.id, limit: 500 })
      ).items) {
        const file = Object.keys(labels).find(
          (k) =>
            k.startsWith(`${folder.path}/`) && m.uid === Number(k.split('/')[1]!.split('-')[0]),
        );
        messages.push({
          ...m,
          label: labels[file ?? ''] ?? { verdict: '?', router: null, advertiser: null },
        });
      }
    }
  });
  afterAll(() => t.close());

  it('classifies every message on load', () => {
    expect(messages.length).toBe(Object.keys(labels).length);
    expect(messages.filter((m) => m.verdict === null)).toEqual([]);
  });

  it('never calls real correspondence unsolicited', () => {
    const wronged = messages.filter(
      (m) =>
        ['personal', 'list_discussion', 'transactional'].includes(m.label.verdict) && m.unsolicited,
    );
    expect(wronged.map((m) => `${m.subject} → ${m.verdict}`)).toEqual([]);
  });

  it('agrees with the hand labels on most messages', () => {
    const agree = messages.filter((m) => m.verdict === m.label.verdict).length;
    const ratio = agree / messages.length;
    console.log(
      `demo verdict agreement: ${agree}/${messages.length} (${(ratio * 100).toFixed(0)} %)`,
    );
    for (const m of messages.filter((x) => x.verdict !== x.label.verdict))
      console.log(`  ${m.label.verdict} ≠ ${m.verdict}: ${m.subject}`);
    expect(ratio).toBeGreaterThanOrEqual(0.85);
  });

  it('finds the router and the advertiser where the labels name one', () => {
    const routed = messages.filter((m) => m.label.router);
    const right = routed.filter((m) =>
      m.router?.toLowerCase().startsWith(m.label.router!.toLowerCase().split(' ')[0]!),
    );
    expect(right.length / routed.length).toBeGreaterThanOrEqual(0.85);
  });

  it('lets the user mark a sender wanted, and the decision sticks', async () => {
    const newsletter = messages.find((m) => m.verdict === 'newsletter' && m.unsolicited)!;
    expect(newsletter).toBeDefined();
    await t.value('messages.correct', { id: newsletter.id, decision: 'wanted', scope: 'address' });
    const after = (
      await t.value('messages.list', { accountId, search: newsletter.from!.address, limit: 50 })
    ).items;
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => !m.unsolicited)).toBe(true);
    const detail = await t.value('messages.get', { id: newsletter.id });
    expect(detail.classification?.signals.length).toBeGreaterThan(0);
  });

  it('knows the user’s identities and lets the user classify them', async () => {
    const identities = await t.value('identities.list', {});
    expect(identities.map((i) => i.address)).toEqual(
      expect.arrayContaining(['camille.martin@gmail.com']),
    );
    const gmail = identities.find((i) => i.address === 'camille.martin@gmail.com')!;
    expect(gmail.kind).toBe('personal');
    const updated = await t.value('identities.update', {
      address: gmail.address,
      visibility: 'public',
    });
    expect(updated).toMatchObject({ visibility: 'public', leak: null });
  });
});
