/**
 * `correction_100k` without a mail server: a store filled as a first sync
 * leaves it (the bench's 100,000 generated messages, header blocks and body
 * excerpts, every verdict made), then the busiest sender corrected through
 * the core, alternately unwanted and wanted, each call timed from asking to
 * its answer with a message list asked beside it (as bench/sync-worker.ts
 * does). The filled store is kept in the temporary folder and copied for each
 * run, so A/B comparisons start from the same bytes.
 *
 * `npx tsx bench/correction.ts [--runs N] [--count N]`
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { createCore } from '../electron/core/index.js';
import { DATABASE_FILE } from '../electron/data-dir.js';
import { createExcerptsStore } from '../electron/mailbox/excerpts.sql.js';
import { createMessagesStore, type MessageInput } from '../electron/mailbox/messages.sql.js';
import { splitHeaderBlock } from '../electron/mail-format/index.js';
import { openDatabase } from '../electron/store/db.js';
import { generateMessages } from '../test/fixtures/generate-mailbox.js';
import { BENCH_SEED, BENCH_USER } from './fixture.js';

/** What a sync fetches of a text part (sync/excerpts.ts). */
const EXCERPT_CHARS = 4 * 1024;
const BATCH = 1000;
/** Messages classified again at the start, before the corrections: the writer's code warmed. */
const WARM_UP = 20_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Fills `dataDir` with `count` generated messages and their excerpts, then classifies them. */
async function fillStore(dataDir: string, count: number): Promise<void> {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'Alice', ?, 'custom', 't', 't')`,
  ).run(BENCH_USER.email);
  const folderId = Number(
    db
      .prepare(
        `INSERT INTO folders (account_id, path, name, special_use) VALUES ('a', 'INBOX', 'Inbox', 'inbox')`,
      )
      .run().lastInsertRowid,
  );
  const messages = createMessagesStore(db);
  const excerpts = createExcerptsStore(db);
  let batch: MessageInput[] = [];
  let texts: Array<{ uid: number; text: string | null; html: string | null }> = [];
  let uid = 0;
  for (const raw of generateMessages(count, {
    seed: BENCH_SEED,
    identities: [BENCH_USER.email],
    start: Date.UTC(2026, 0, 1),
  })) {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    batch.push({
      uid: ++uid,
      headers: splitHeaderBlock(raw),
      size: raw.length,
      flags: [],
      internalDate: null,
      origin: null,
      summary: null,
    });
    texts.push({
      uid,
      text: parsed.text ? parsed.text.slice(0, EXCERPT_CHARS) : null,
      html: !parsed.text && typeof parsed.html === 'string' ? parsed.html.slice(0, 16384) : null,
    });
    if (batch.length === BATCH) {
      messages.insertMessages('a', folderId, batch);
      excerpts.saveImported(folderId, texts, new Date().toISOString());
      batch = [];
      texts = [];
    }
  }
  if (batch.length > 0) {
    messages.insertMessages('a', folderId, batch);
    excerpts.saveImported(folderId, texts, new Date().toISOString());
  }
  db.close();
  const core = createCore({ dataDir });
  const result = await core.call('detect.run', {});
  if (!result.ok) throw new Error(`detect.run: ${result.error.message}`);
  await core.close();
}

async function main(): Promise<void> {
  const count = option('--count', 100_000);
  const runs = option('--runs', 6);
  const cache = path.join(os.tmpdir(), `ig-bench-correction-${count}`);
  if (!existsSync(path.join(cache, 'filled'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    console.log(`filling ${cache} with ${count} messages (once)`);
    await fillStore(cache, count);
    writeFileSync(path.join(cache, 'filled'), '');
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-correction-'));
  copyFileSync(path.join(cache, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
  const busiest = forgetLatestVerdicts(path.join(dataDir, DATABASE_FILE), WARM_UP);
  const core = createCore({ dataDir });
  try {
    // As in the app after a scan, the writer thread has classified and written before.
    const detected = await core.call('detect.run', {});
    if (!detected.ok) throw new Error(detected.error.message);
    const times: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < runs; run++) {
      const order: string[] = [];
      // The process's CPU time (every thread): the writer's, which does the work, with the
      // message list's; a figure the machine's load changes less than the wall time.
      const cpu = process.cpuUsage();
      const started = performance.now();
      const decision = run % 2 === 0 ? 'unwanted' : 'wanted';
      const correction = core
        .call('messages.correct', { id: busiest, decision, scope: 'address' })
        .then((r) => {
          order.push('correction');
          return { r, ms: performance.now() - started };
        });
      const list = core
        .call('messages.list', { accountId: 'a', limit: 50 })
        .then(() => void order.push('list'));
      const [{ r, ms }] = await Promise.all([correction, list]);
      const used = process.cpuUsage(cpu);
      if (!r.ok) throw new Error(r.error.message);
      times.push(ms);
      cpus.push((used.user + used.system) / 1000);
      console.log(
        `  run ${run + 1}: ${decision}, ${r.value.reclassified} messages scored again in ${ms.toFixed(1)} ms (CPU ${cpus[cpus.length - 1]!.toFixed(1)} ms)` +
          (order[0] === 'list' ? '' : ' (WARNING: the message list waited)'),
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    console.log(
      `correction on ${count} messages: median ${median(times).toFixed(1)} ms, ` +
        `CPU ${median(cpus).toFixed(1)} ms (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Deletes the verdicts of the latest `count` messages (none of the busiest sender's), for the
 * core's start to classify again; returns the busiest sender's first message.
 */
function forgetLatestVerdicts(file: string, count: number): number {
  const db = new Database(file);
  try {
    const busiest = db
      .prepare(
        `SELECT from_address, MIN(id) AS id FROM messages WHERE from_address IS NOT NULL
         GROUP BY from_address ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .get() as { from_address: string; id: number };
    db.prepare(
      `DELETE FROM classifications WHERE message_id IN (SELECT id FROM messages
       WHERE from_address IS NOT ? ORDER BY id DESC LIMIT ?)`,
    ).run(busiest.from_address, count);
    return busiest.id;
  } finally {
    db.close();
  }
}

// The writer thread does not hold the process open (the app quits without waiting for it).
const keepAlive = setInterval(() => undefined, 1000);
main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(keepAlive));
