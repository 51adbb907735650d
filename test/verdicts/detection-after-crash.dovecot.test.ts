/**
 * Mail a scan stored but detection never saw (the process died in between)
 * does not stay "being analysed" forever: a core starting on that data
 * folder classifies it, and so does any later sync, even one that adds
 * nothing. The crash is real: a child process syncs a real Dovecot mailbox
 * with detection held back, and is killed with SIGKILL.
 */
import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { testMessages } from '../support/mail.js';

const ready = dovecotReady('detection after a crash');
const MESSAGES = 25;
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'scan-then-crash.child.ts');

/** Runs the child until its scan is stored, then kills it; resolves with the account it added. */
async function scanThenCrash(dataDir: string, port: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void exited.then(() => reject(new Error(`the child exited before its scan: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const { accountId, added } = JSON.parse(line) as { accountId: string; added: number };
  expect(added).toBe(MESSAGES);
  return accountId;
}

/** Raw rows, read beside the app: how many stored messages have a verdict. */
function storedCounts(dataDir: string): { messages: number; classified: number } {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM messages) AS messages, (SELECT COUNT(*) FROM classifications) AS classified`,
      )
      .get() as { messages: number; classified: number };
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('detection after a crash between scan and detection', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', testMessages(MESSAGES));
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  /** Every message alice's account shows, once each has its verdict. */
  async function expectEveryMessageClassified() {
    await vi.waitFor(
      async () => {
        const list = await t.value('messages.list', { accountId, offset: 0, limit: 500 });
        expect(list.total).toBe(MESSAGES);
        expect(list.items.filter((m) => m.verdict === null)).toEqual([]);
      },
      { timeout: 20_000, interval: 100 },
    );
  }

  it('classifies at start what the crashed process left without a verdict', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-crash-'));
    accountId = await scanThenCrash(dataDir, server.port);
    // The state the crash left: every message stored, none classified.
    expect(storedCounts(dataDir)).toEqual({ messages: MESSAGES, classified: 0 });
    t = createTestCore({ dataDir });
    await expectEveryMessageClassified();
  });

  it('classifies after a sync that added nothing', async () => {
    // Verdicts lost some other way than a crash at start: only a sync can bring them back.
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
    db.prepare(`DELETE FROM classifications`).run();
    db.close();
    const report = await t.value('sync.run', { accountId });
    expect(report.added).toBe(0);
    await expectEveryMessageClassified();
  });
});
