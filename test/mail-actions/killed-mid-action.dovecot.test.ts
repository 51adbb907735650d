/**
 * A process killed between an action's intent and its outcome: on restart the
 * entry reads "unknown", nothing is repeated by itself, and undo refuses to
 * act blindly. The killed process is a real child (tsx), stopped by SIGKILL.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { serverFolder } from '../support/write-path.js';

const ready = dovecotReady('journal across a killed process');
const root = path.resolve(import.meta.dirname, '../..');

describe.skipIf(!ready)('a move killed between intent and outcome', () => {
  let server: DovecotServer;
  let restarted: TestCore | undefined;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      [1, 2, 3, 4, 5].map((n) => testMessage(n)),
    );
  });
  afterAll(async () => {
    await restarted?.close();
    await server?.stop();
  });

  it('reads unknown after a restart, and nothing was done or repeated', async () => {
    const first = createTestCore();
    const accountId = (await addAlice(first, server.port)).id;
    await first.value('sync.run', { accountId });
    await first.core.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/mail-actions/fixtures/move-then-hang.ts',
        first.dataDir,
        accountId,
        '1',
        '2',
        '3',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const entryId = await intentCommitted(child);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    restarted = createTestCore({ dataDir: first.dataDir });
    const entries = await restarted.value('journal.list', { accountId });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: entryId,
      kind: 'move',
      state: 'unknown',
      undoable: false,
      error: { code: 'INTERRUPTED' },
      sentence: {
        en: 'Move of 3 messages from INBOX to Archive: outcome unknown (Inbox Guard stopped during it).',
      },
    });
    expect(await restarted.call('journal.undo', { id: entryId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_UNDOABLE', message: /unknown/ },
    });

    // A sync through the restarted core's queue, and the server still holds what it held.
    await restarted.value('sync.run', { accountId });
    expect(await serverFolder(server.port, 'INBOX')).toHaveLength(5);
    expect(await serverFolder(server.port, 'Archive')).toHaveLength(0);
    expect((await restarted.value('journal.list', { accountId })).map((e) => e.state)).toEqual([
      'unknown',
    ]);
  });
});

/** Resolves with the entry id the child prints once its intent is committed. */
function intentCommitted(child: ReturnType<typeof spawn>): Promise<number> {
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /intent-committed (\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () =>
      reject(new Error(`the child ended before its intent: ${stdout}${stderr}`)),
    );
  });
}
