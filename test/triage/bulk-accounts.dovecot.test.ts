/**
 * A triage selection across two accounts (the triage of every account): the move goes to the
 * folder of that name in each account, created where it is missing, one job and one journal
 * entry per account; undone, each server has its mail back in INBOX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { provenMarketing } from '../objections/fixtures.js';
import { idsIn, serverState } from '../rules/support.js';

const ready = dovecotReady('the triage bulk move across accounts');
const TARGET = 'Prospection';

describe.skipIf(!ready)('triage move across two accounts (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  const accounts: string[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [
      provenMarketing({ messageId: '<a1@brand.fr>' }),
      provenMarketing({ messageId: '<a2@brand.fr>' }),
    ]);
    await server.addMessages('bob', 'INBOX', [
      provenMarketing({ messageId: '<b1@brand.fr>', to: 'bob@exemple.fr' }),
    ]);
    t = createTestCore();
    const bob = await t.value('accounts.add', {
      email: 'bob@exemple.fr',
      provider: 'custom',
      password: 'bob-secret-pw',
      imap: { host: '127.0.0.1', port: server.port, security: 'plain', user: 'bob' },
    });
    accounts.push((await addAlice(t, server.port)).id, bob.id);
    for (const id of accounts) await t.syncAndDetect(id);
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('moves by folder path in each account, and undoes', async () => {
    const group = (await t.value('triage.groups', { by: 'advertiser' })).find(
      (g) => g.key === 'brand.fr',
    );
    expect(group?.count).toBe(3);
    const moved = await t.value('triage.move', {
      selection: { by: 'advertiser', keys: ['brand.fr'] },
      folder: TARGET,
    });
    expect(moved).toMatchObject({ moved: 3, error: null });
    expect(moved.journalIds).toHaveLength(2);
    expect(idsIn(await serverState(server.port, 'alice'), TARGET)).toEqual([
      '<a1@brand.fr>',
      '<a2@brand.fr>',
    ]);
    expect(idsIn(await serverState(server.port, 'bob'), TARGET)).toEqual(['<b1@brand.fr>']);

    for (const id of [...moved.journalIds].reverse()) await t.value('journal.undo', { id });
    for (const user of ['alice', 'bob'] as const) {
      const state = await serverState(server.port, user);
      expect(idsIn(state, TARGET)).toEqual([]);
      expect(idsIn(state, 'INBOX')).toHaveLength(user === 'alice' ? 2 : 1);
    }
  }, 60_000);
});
