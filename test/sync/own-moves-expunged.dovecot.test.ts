/**
 * Mail this app put back into a folder (an undone move: new UIDs above those its last sync
 * knew) and that another client then removes leaves the store at the next sync: QRESYNC's
 * VANISHED covers only the UIDs known at the last sync, so the counts are compared too.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenMarketing } from '../objections/fixtures.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';

const ready = dovecotReady('mail put back by an undo, then removed elsewhere');

describe.skipIf(!ready)('mail put back by an undo, then removed by another client', () => {
  let server: DovecotServer;
  let t: TestCore;
  let other: ImapFlow;
  let accountId: string;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [
      provenMarketing({ messageId: '<a1@brand.fr>' }),
      provenMarketing({ messageId: '<a2@brand.fr>' }),
    ]);
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    other = await connectAlice(server.port);
    await t.syncAndDetect(accountId);
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await server?.stop();
  });

  async function inbox() {
    const folders = await t.value('folders.list', { accountId, refresh: true });
    const folderId = folders.find((f) => f.path === 'INBOX')!.id;
    return (await t.value('messages.list', { accountId, folderId, limit: 50 })).items;
  }

  it('drops the location of a message another client removed after the undo', async () => {
    const moved = await t.value('triage.move', {
      selection: { by: 'advertiser', keys: ['brand.fr'] },
      folder: 'Archive',
    });
    expect(moved).toMatchObject({ moved: 2, error: null });
    for (const id of [...moved.journalIds].reverse()) await t.value('journal.undo', { id });
    expect((await inbox()).map((m) => m.messageId).sort()).toEqual([
      '<a1@brand.fr>',
      '<a2@brand.fr>',
    ]);

    const back = (await inbox()).find((m) => m.messageId === '<a2@brand.fr>')!;
    await other.mailboxOpen('INBOX');
    await other.messageDelete(String(back.uid), { uid: true });
    await t.syncAndDetect(accountId);

    expect((await inbox()).map((m) => m.messageId)).toEqual(['<a1@brand.fr>']);
    const group = (await t.value('triage.groups', { by: 'advertiser', accountId })).find(
      (g) => g.key === 'brand.fr',
    );
    expect(group?.count).toBe(1);
  });
});
