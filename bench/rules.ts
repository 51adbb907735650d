/**
 * `npx tsx bench/rules.ts [--count N] [--rows]` (default 100,000; `npm run bench` runs it with
 * --rows and gathers its rows): the rules against a peer, on the test Dovecot.
 *
 * - rules_move_10k: one rule moving a tenth of a 100,000-message INBOX (the messages already
 *   read: the fixture writes the first tenth seen) to Archive, through the app's core
 *   (rules.run: sync check, evaluation, journaled batches), against imapfilter doing the same
 *   move (`is_seen()` then `move_messages`) on an identical copy of the mailbox (user bob)
 *   in the same run. Ratio ours / imapfilter. Both start from the same server state (the
 *   fixture's unread mail in new/, which each first read-write SELECT moves to cur/); ours is
 *   timed inside a running app (no process start: imapfilter's counts its own, 20-40 ms), from
 *   the call to the end of the run, store updated. The notes split ours in phases, from the
 *   run's and its journal entries' timestamps.
 * - rules_dry_run_100k: evaluating every rule (the suggestions, a block, the move rule) over
 *   the 100,000 stored messages (rules.dryRun), the median of 5.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestCore, type TestCore } from '../test/support/core.js';
import { generateMessages } from '../test/fixtures/generate-mailbox.js';
import { startDovecot, type DovecotServer } from '../test/servers/dovecot.js';
import { BENCH_SEED } from './fixture.js';
import { dryRunPhases } from './rules-phases.js';
import type { BenchRow } from './rows.js';

const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const count =
  countAt >= 0 ? Number(args[countAt + 1]) : args.includes('--quick') ? 10_000 : 100_000;
const moved = Math.floor(count / 10);
const size = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
const log = (m: string) => console.error(`[bench rules] ${m}`);
const USERS = [
  { user: 'alice', password: 'alice-secret-pw' },
  { user: 'bob', password: 'bob-secret-pw' },
];

async function writeMailboxes(server: DovecotServer): Promise<void> {
  let batch: Buffer[] = [];
  let written = 0;
  const flush = async () => {
    const seen = written < moved;
    for (const u of USERS) await server.addMessages(u.user, 'INBOX', batch, { seen });
    written += batch.length;
    batch = [];
  };
  for (const raw of generateMessages(count, { seed: BENCH_SEED })) {
    batch.push(raw);
    // Batches end at the seen/unseen boundary, so exactly the first tenth is seen.
    if (batch.length === 2000 || written + batch.length === moved) await flush();
  }
  if (batch.length) await flush();
}

interface Ours {
  t: TestCore;
  ms: number;
  count: number;
  /** Where our run's time went, from its own timestamps. */
  phases: string;
}

async function ours(server: DovecotServer): Promise<Ours> {
  const t = createTestCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'ig-bench-rules-')) });
  const account = await t.value('accounts.add', {
    email: 'alice@exemple.fr',
    provider: 'custom',
    password: 'alice-secret-pw',
    imap: { host: '127.0.0.1', port: server.port, security: 'plain', user: 'alice' },
  });
  log('syncing alice into the app');
  await t.value('sync.run', { accountId: account.id });
  // The app's steady state: detection has seen the mail (it follows a sync without waiting).
  await t.value('detect.run', {});
  await t.value('rules.save', {
    rule: {
      name: 'Read mail to Archive',
      enabled: true,
      conditions: [
        { field: 'folder', paths: ['INBOX'] },
        { field: 'read', value: true },
      ],
      actions: [{ type: 'move', folder: 'Archive' }],
    },
  });
  log(`moving ${moved} messages with the app's rules`);
  const startedAt = Date.now();
  const started = performance.now();
  const [run] = await t.value('rules.run', {});
  const ms = performance.now() - started;
  if (run?.state !== 'done') throw new Error(`the rule run ended ${run?.state}: ${run?.error}`);
  const entries = (await t.value('journal.list', { accountId: account.id, limit: 200 })).filter(
    (e) => run.journalIds.includes(e.id),
  );
  const phases = phasesOf(startedAt, run, entries);
  return { t, ms, count: run.counts.reduce((n, c) => n + c.count, 0), phases };
}

/**
 * Our run's phases: until the run's row (sync, detection, evaluation), until the first journal
 * intent (the plan), the journaled server commands (login, SELECT, MOVE), then the store's update.
 */
function phasesOf(
  startedAt: number,
  run: { startedAt: string; finishedAt: string | null },
  entries: ReadonlyArray<{ createdAt: string; finishedAt: string | null }>,
): string {
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
  const first = Math.min(...entries.map((e) => at(e.createdAt)));
  const last = Math.max(...entries.map((e) => at(e.finishedAt)));
  const runStart = at(run.startedAt);
  return [
    `sync, detection and evaluation ${runStart - startedAt} ms`,
    `plan and intent ${first - runStart} ms`,
    `server (login, SELECT, MOVE) ${last - first} ms`,
    `store update ${at(run.finishedAt) - last} ms`,
  ].join(', ');
}

function imapfilter(server: DovecotServer): Promise<number> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-imapfilter-'));
  const config = path.join(home, 'config.lua');
  writeFileSync(
    config,
    `options.starttls = false
options.timeout = 600
bob = IMAP { server = '127.0.0.1', port = ${server.port}, username = 'bob', password = 'bob-secret-pw' }
results = bob.INBOX:is_seen()
results:move_messages(bob.Archive)
`,
  );
  log(`moving ${moved} messages with imapfilter`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('imapfilter', ['-c', config], {
      env: { ...process.env, HOME: home },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(home, { recursive: true, force: true });
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`imapfilter exited with code ${code}`));
    });
  });
}

interface DryRuns {
  ms: number;
  cpuMs: number;
  /** Every run, wall / CPU ms, in order (a busy writer thread shows in the first ones). */
  all: string;
}

/** The median of 5 dry runs, wall time and this process's CPU time (the core runs here). */
async function dryRunMs(t: TestCore): Promise<DryRuns> {
  for (const s of await t.value('rules.suggestions', {}))
    await t.value('rules.save', { rule: { ...s.draft, enabled: true } });
  await t.value('rules.save', {
    rule: {
      name: 'Blocked router',
      enabled: true,
      conditions: [{ field: 'router', routers: ['mailchimp'] }],
      actions: [{ type: 'trash' }],
    },
  });
  const runs: Array<{ ms: number; cpuMs: number }> = [];
  if (args.includes('--profile')) console.error(await t.value('rules.dryRun', { limit: 0 }));
  for (let i = 0; i < 5; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await t.value('rules.dryRun', { limit: 0 });
    const used = process.cpuUsage(cpu);
    runs.push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
  }
  const all = runs.map((r) => `${Math.round(r.ms)}/${Math.round(r.cpuMs)}`).join(', ');
  return { ...[...runs].sort((a, b) => a.ms - b.ms)[2]!, all };
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/imapfilter')) throw new Error('imapfilter is not installed');
  const server = await startDovecot({ users: USERS });
  let core: TestCore | undefined;
  try {
    log(`writing ${count} messages to alice's and bob's INBOX (${moved} read)`);
    await writeMailboxes(server);
    const mine = await ours(server);
    core = mine.t;
    const theirs = await imapfilter(server);
    const dry = await dryRunMs(mine.t);
    const rows: BenchRow[] = [
      {
        name: `rules_move_${size(moved)}`,
        value: Math.round(mine.ms),
        unit: 'ms',
        baseline: 'imapfilter',
        baselineValue: Math.round(theirs),
        ratio: Math.round((mine.ms / theirs) * 100) / 100,
        goal: '<= 1.0x',
      },
      {
        name: `rules_dry_run_${size(count)}`,
        value: Math.round(dry.ms),
        unit: 'ms',
        baseline: null,
        baselineValue: null,
        ratio: null,
        goal: '< 500 ms',
      },
    ];
    const notes = [
      `rules: ${mine.count} of ${count} messages moved by the app, the same ${moved} by imapfilter on a copy; load ${os.loadavg()[0]!.toFixed(1)}`,
      `rules: our move by phase: ${mine.phases}`,
      `rules: dry run over ${count} stored messages, median of 5: ${Math.round(dry.ms)} ms (${Math.round(dry.cpuMs)} ms of CPU); each, wall/CPU ms: ${dry.all}`,
      `rules: dry run by phase (best of 5, own connection): ${dryRunPhases(mine.t.dataDir)}`,
    ];
    if (args.includes('--rows')) console.log(JSON.stringify({ rows, notes }));
    else {
      console.table(rows);
      console.log(notes.join('\n'));
    }
  } finally {
    await core?.close();
    await server.stop();
  }
}

await main();
