/**
 * Rules against a real Dovecot: the dry run counts exactly what the run then
 * does and changes nothing; the run moves only mail at or above the verdict's
 * threshold and never a sender the user wrote to; nothing is lost or
 * duplicated (hash multiset over every folder); undo of the run puts every
 * message back in its folder; the history counts per rule and folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from '../../electron/rules/index.js';
import type { Rule } from '../../shared/api/rules.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import {
  allHashes,
  fromAddressOf,
  idsIn,
  oldMailbox,
  perFolder,
  sentTo,
  serverState,
  storedVerdicts,
} from './support.js';

const ready = dovecotReady('rules against Dovecot');

describe.skipIf(!ready)('rules: dry run, run, undo', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  let protectedSender: string;

  beforeAll(async () => {
    server = await startDovecot();
    const mail = oldMailbox(120);
    // The user wrote to the sender of one Mailchimp newsletter: its mail is a relationship.
    protectedSender = fromAddressOf(mail.find((s) => s.kind === 'mailchimp')!.raw);
    await server.addMessages(
      'alice',
      'INBOX',
      mail.map((s) => s.raw),
    );
    await server.addMessages('alice', 'Sent', [sentTo(protectedSender)]);
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    await t.syncAndDetect(accountId);
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  /** What the rule may touch by the store's verdicts: newsletters at threshold, not the protected. */
  const expectedTrash = () =>
    storedVerdicts(t.dataDir)
      .filter(
        (m) =>
          m.verdict === 'newsletter' &&
          m.score! >= DEFAULT_MIN_CONFIDENCE &&
          m.sender !== protectedSender,
      )
      .map((m) => m.messageId)
      .sort();

  let rule: Rule;

  it('a dry run of a suggestion counts exactly what it would touch and changes nothing', async () => {
    const [suggestion] = (await t.value('rules.suggestions', {})).filter(
      (s) => s.key === 'old-newsletters-trash',
    );
    rule = await t.value('rules.save', {
      rule: { ...suggestion!.draft, enabled: true },
      suggestion: suggestion!.key,
    });
    const before = await serverState(server.port);
    const dry = await t.value('rules.dryRun', { limit: 1000 });
    const expected = expectedTrash();
    // Some newsletters fall below the threshold, and the protected sender has some.
    const verdicts = storedVerdicts(t.dataDir);
    expect(
      verdicts.some((m) => m.verdict === 'newsletter' && m.score! < DEFAULT_MIN_CONFIDENCE),
    ).toBe(true);
    expect(verdicts.some((m) => m.sender === protectedSender)).toBe(true);
    expect(expected.length).toBeGreaterThan(5);

    expect(dry.total).toBe(expected.length);
    expect(dry.counts).toEqual([
      { ruleId: rule.id, accountId, folder: 'INBOX', count: expected.length },
    ]);
    expect(dry.hits).toHaveLength(expected.length);
    expect(await serverState(server.port)).toEqual(before);
  });

  it('runs: exactly those go to the Trash, nothing lost or duplicated; undo puts them back', async () => {
    const before = await serverState(server.port);
    const expected = expectedTrash();
    const [run] = await t.value('rules.run', {});
    expect(run).toMatchObject({ accountId, state: 'done', error: null, undone: false });
    expect(run!.counts).toEqual([
      { ruleId: rule.id, accountId, folder: 'INBOX', count: expected.length },
    ]);

    const after = await serverState(server.port);
    expect(allHashes(after)).toEqual(allHashes(before));
    expect(idsIn(after, 'Trash')).toEqual(expected);
    // The protected sender's mail and the newsletters below the threshold stayed.
    const stayed = new Set(idsIn(after, 'INBOX'));
    for (const m of storedVerdicts(t.dataDir)) expect(stayed.has(m.messageId)).toBe(true);
    // A second run finds nothing left to do.
    expect((await t.value('rules.dryRun', { limit: 0 })).total).toBe(0);

    const undone = await t.value('rules.undoRun', { id: run!.id });
    expect(undone.undone).toBe(true);
    expect(perFolder(await serverState(server.port))).toEqual(perFolder(before));
    const [history] = await t.value('rules.history', { accountId });
    expect(history).toMatchObject({ id: run!.id, state: 'done', undone: true });
  });

  it('refuses a purge rule without its setting and the typed name', async () => {
    const draft = {
      name: 'Purge old promotions',
      conditions: [{ field: 'verdict' as const, verdicts: ['newsletter' as const] }],
      actions: [{ type: 'purge' as const }],
    };
    expect(await t.call('rules.save', { rule: draft })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await t.call('rules.save', {
        rule: { ...draft, allowPurge: true },
        purgeConfirmation: 'yes',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const saved = await t.value('rules.save', {
      rule: { ...draft, allowPurge: true },
      purgeConfirmation: draft.name,
    });
    expect(saved).toMatchObject({ enabled: false, allowPurge: true });
  });
});
