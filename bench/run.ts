/**
 * `npm run bench` (100,000 messages) and `npm run bench -- --quick` (10,000):
 * the sync's initial scan against a minimal raw IMAP client fetching the same
 * data from the same Dovecot in the same run, then incremental syncs, peak
 * memory and database size. Prints a table and writes bench-results.json
 * (an array of BenchRow, see rows.ts) at the repo root. `--count N` sets
 * another size (the scan row is then named scan_<N>).
 *
 * Dovecot's maildir goes to /dev/shm when it exists (writing 100,000 files
 * there takes seconds, not half a minute); the app's data folder stays in the
 * usual temporary folder (a real disk), as it would for a user.
 */
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDovecot } from '../test/servers/dovecot.js';
import { measureBaseline } from './baseline.js';
import { extraRows } from './extra.js';
import { triageRows } from './triage.js';
import { writeFixture } from './fixture.js';
import type { BenchRow } from './rows.js';
import { measureSync } from './sync-phase.js';
import { formatNumber, formatTable, type MissingRow } from './table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.resolve(here, '..', 'bench-results.json');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const countAt = args.indexOf('--count');
const inboxCount = countAt >= 0 ? Number(args[countAt + 1]) : quick ? 10_000 : 100_000;
if (!Number.isInteger(inboxCount) || inboxCount < 100) {
  console.error('usage: npm run bench [-- --quick | --count N (N >= 100)]');
  process.exit(2);
}
const sentCount = Math.max(50, Math.round(inboxCount / 100));
const scanName = `scan_${inboxCount % 1000 === 0 ? `${inboxCount / 1000}k` : inboxCount}`;

const diskTmp = os.tmpdir();
if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';

// ---------------------------------------------------------------- cleanup, always
const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!();
      } catch (err) {
        console.error('cleanup:', err instanceof Error ? err.message : err);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and
  // relayed by tsx), and an unhandled second one would kill it mid-cleanup.
  process.on(signal, () => {
    if (!interrupted) console.error(`\n${signal}: stopping Dovecot and the sync worker…`);
    interrupted = true;
    void cleanup().finally(() => process.exit(130));
  });
}

const log = (message: string) => console.error(`[bench] ${message}`);

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const rows: BenchRow[] = [];
  const missing: MissingRow[] = [];
  const notes: string[] = [];

  log(`starting Dovecot (maildir under ${os.tmpdir()})`);
  const server = await startDovecot();
  cleanups.push(() => server.stop());

  log(`writing ${inboxCount.toLocaleString('en')} messages to INBOX and ${sentCount} to Sent`);
  const fixture = await writeFixture(server, { inbox: inboxCount, sent: sentCount }, (n) => {
    if (n % 20_000 === 0) log(`  ${n.toLocaleString('en')} written`);
  });
  const total = fixture.inbox + fixture.sent;
  notes.push(
    `fixture: ${fixture.inbox} INBOX + ${fixture.sent} Sent messages, ` +
      `${(fixture.bytes / 1024 / 1024).toFixed(0)} MB, generated and written in ` +
      `${formatNumber(fixture.ms / 1000)} s`,
  );

  const baseline = await measureBaseline(server, total, log);
  rows.push(baseline.row, baseline.excerpts.row);
  notes.push(baseline.note, baseline.excerpts.note);

  const sync = await measureSync({
    server,
    total,
    scanName,
    rawSeconds: baseline.seconds,
    dataParent: diskTmp,
    onCleanup: (step) => cleanups.push(step),
    log,
  });
  rows.push(...sync.rows);
  missing.push(...sync.missing);
  notes.push(...sync.notes);

  // Everything that needs the server is measured: free the machine for the rest.
  await cleanup();

  const extra = await extraRows(here, quick, log);
  rows.push(...extra.rows);
  notes.push(...extra.notes);
  // The rules against imapfilter: a Dovecot of their own, after the sync's is gone.
  const rules = await extraRows(here, quick, log, 'rules.ts');
  rows.push(...rules.rows);
  notes.push(...rules.notes);

  const triage = await triageRows(quick, log);
  rows.push(...triage.rows);
  notes.push(...triage.notes);

  // A large complaint case exported (time, and memory against the bundle's size).
  const evidence = await extraRows(here, quick, log, 'evidence.ts');
  rows.push(...evidence.rows);
  notes.push(...evidence.notes);

  writeFileSync(RESULTS, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(
    `\nInbox Guard benchmark — ${inboxCount.toLocaleString('en')} messages` +
      `${quick ? ' (--quick)' : ''}, ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.log(formatTable(rows, missing));
  console.log('');
  for (const note of notes) console.log(`  ${note}`);
  console.log(`\n  results: ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  console.log(`  total run time: ${formatNumber((performance.now() - started) / 1000)} s`);
  console.log(
    `  load average (1 min): ${loadBefore.toFixed(2)} at start, ` +
      `${os.loadavg()[0]!.toFixed(2)} at end, on ${os.cpus().length} cores: other work on the ` +
      `machine skews absolute times; ratios measured in one run, less so`,
  );
}

main()
  .catch((err: unknown) => {
    // After Ctrl-C, the pending step fails because its worker or server is gone: not news.
    if (interrupted) return;
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
