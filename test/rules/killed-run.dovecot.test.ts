/**
 * A headless run (`inbox-guard run-rules`, a real child process) killed with
 * SIGKILL at random points of a 5,000-message move, three times, then run
 * again to the end: the mailbox ends as one clean run leaves an identical
 * copy (bob's, run once), every message once, none lost.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { allHashes, oldMailbox, perFolder, serverState } from './support.js';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const ready = dovecotReady('rule runs killed mid-move');
const root = path.resolve(import.meta.dirname, '../..');
const USERS = [
  { user: 'alice', password: 'alice-secret-pw' },
  { user: 'bob', password: 'bob-secret-pw' },
];
const MESSAGES = 5000;

/** A data folder with the user's account synced and one rule: everything in INBOX → Archive. */
async function prepared(server: DovecotServer, user: 'alice' | 'bob'): Promise<TestCore> {
  const t = createTestCore();
  const account =
    user === 'alice'
      ? await addAlice(t, server.port)
      : await t.value('accounts.add', {
          email: 'bob@exemple.fr',
          provider: 'custom',
          password: 'bob-secret-pw',
          imap: { host: '127.0.0.1', port: server.port, security: 'plain', user: 'bob' },
        });
  await t.syncAndDetect(account.id);
  await t.value('rules.save', {
    rule: {
      name: 'Inbox to Archive',
      enabled: true,
      conditions: [{ field: 'folder', paths: ['INBOX'] }],
      actions: [{ type: 'move', folder: 'Archive' }],
    },
  });
  await t.core.close();
  return t;
}

function runRules(dataDir: string, ...extra: string[]) {
  const child = spawn(
    process.execPath,
    ['bin/inbox-guard.cjs', 'run-rules', '--data-dir', dataDir, ...extra],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

function logTail(dataDir: string): string {
  const file = path.join(dataDir, 'logs', 'inbox-guard.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-12).join('\n') : '';
}

/** Journal entries in the data folder (read from another connection). */
function journalCount(dataDir: string): number {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM journal`).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('a rule run killed three times, then run to the end', () => {
  let server: DovecotServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startDovecot({ users: USERS });
    const mail = oldMailbox(MESSAGES, 11).map((s) => s.raw);
    await server.addMessages('alice', 'INBOX', mail);
    await server.addMessages('bob', 'INBOX', mail);
  });
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('ends as one clean run does: same folders, same bytes, nothing twice', async () => {
    const [alice, bob] = await Promise.all([prepared(server, 'alice'), prepared(server, 'bob')]);
    dirs.push(alice.dataDir, bob.dataDir);
    const before = await serverState(server.port);
    // Bob's mailbox, identical, gets one clean run meanwhile.
    const clean = runRules(bob.dataDir);

    for (let kill = 0; kill < 3; kill++) {
      const entriesBefore = journalCount(alice.dataDir);
      // Batches of 1,000 (the default would send the 5,000 in one command): five to cut between.
      const run = runRules(alice.dataDir, '--batch', '1000');
      // Waits until the run has journaled its first batch, then a random moment within it: each
      // kill lets at most about one of the five batches finish, so three kills cut three runs.
      while (journalCount(alice.dataDir) < entriesBefore + 1 && run.child.exitCode === null)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.random() * 50));
      run.child.kill('SIGKILL');
      const end = await run.exited;
      // A run that finished before the kill spoils nothing, but the point is to cut one short.
      expect(`${end.signal} ${end.code} ${run.output()} ${logTail(alice.dataDir)}`).toMatch(
        /^SIGKILL/,
      );
    }
    const last = runRules(alice.dataDir);
    expect((await last.exited).code, last.output()).toBe(0);
    expect((await clean.exited).code, clean.output()).toBe(0);
    const after = await serverState(server.port);
    expect(allHashes(after)).toEqual(allHashes(before));
    const bobAfter = await serverState(server.port, 'bob');
    expect(perFolder(after)).toEqual(perFolder(bobAfter));
    expect(after.get('Archive')?.hashes).toHaveLength(MESSAGES);
  }, 120_000);
});
