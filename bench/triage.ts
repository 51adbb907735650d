/**
 * The triage rows of `npm run bench`, on generated, already-classified stores
 * (bench/triage-store.sql.ts):
 * - `triage_group_query_1m`: the grouping query (by advertiser, every
 *   account) on 1,000,000 messages over 10 accounts, median of 5 runs after
 *   one untimed run; the database size per message goes in the notes;
 * - `triage_first_render`: ms from clicking "Triage" to its first screen
 *   (the first group drawn), with 100,000 messages, in Chromium over the real
 *   serve mode; median of 3 (the page reloaded between);
 * - `triage_dropped_frames`: % of frames dropped while the grouped list
 *   scrolls for 5 s (60 px a frame, wrapping at the end), counted from
 *   requestAnimationFrame intervals against 60 Hz.
 * `npx tsx bench/triage.ts [--quick]` prints them alone.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE } from '../electron/data-dir.js';
import { openDatabase } from '../electron/store/db.js';
import { createTriageReader } from '../electron/triage/index.js';
import { launchChromium, openAppPage, startServeProcess } from '../test/support/browser.js';
import type { BenchRow } from './rows.js';
import { writeTriageStore } from './triage-store.sql.js';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (name: string, value: number, unit: string, goal: string): BenchRow => ({
  name,
  value: Math.round(value * 10) / 10,
  unit,
  baseline: null,
  baselineValue: null,
  ratio: null,
  goal,
});

export async function triageRows(
  quick: boolean,
  log: (message: string) => void,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const query = measureGroupQuery(quick ? 100_000 : 1_000_000, log);
  rows.push(
    row(quick ? 'triage_group_query_100k' : 'triage_group_query_1m', query.ms, 'ms', '< 200'),
  );
  notes.push(query.note);
  const render = await measureRender(quick ? 10_000 : 100_000, log);
  rows.push(row('triage_first_render', render.firstRenderMs, 'ms', '< 1,000'));
  rows.push(row('triage_dropped_frames', render.droppedPercent, '%', '≤ 5'));
  notes.push(render.note);
  return { rows, notes };
}

function measureGroupQuery(messages: number, log: (message: string) => void) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-triage-'));
  try {
    const file = path.join(dir, DATABASE_FILE);
    log(`triage: generating ${messages.toLocaleString('en')} classified messages over 10 accounts`);
    const started = performance.now();
    writeTriageStore(file, { messages, accounts: 10, advertisers: messages / 20 });
    const generatedS = (performance.now() - started) / 1000;
    const bytes = statSync(file).size;
    const db = openDatabase(file, { role: 'main' });
    const reader = createTriageReader(db);
    const groups = reader.groups('advertiser', null).length;
    const runs = Array.from({ length: 5 }, () => {
      const t = performance.now();
      reader.groups('advertiser', null);
      return performance.now() - t;
    });
    db.close();
    const ms = median(runs);
    return {
      ms,
      note:
        `triage group query: ${messages.toLocaleString('en')} messages, 10 accounts, ${groups.toLocaleString('en')} advertisers; ` +
        `runs ${runs.map((r) => r.toFixed(0)).join(', ')} ms; database ${(bytes / 1024 / 1024).toFixed(0)} MB, ` +
        `${Math.round(bytes / messages)} bytes per message (summary, location, verdict; no header blocks); generated in ${generatedS.toFixed(1)} s`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureRender(messages: number, log: (message: string) => void) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-ui-'));
  log(`triage UI: generating ${messages.toLocaleString('en')} classified messages in one account`);
  writeTriageStore(path.join(dataDir, DATABASE_FILE), {
    messages,
    accounts: 1,
    advertisers: messages / 20,
  });
  const serve = await startServeProcess({ dataDir, timeoutMs: 60_000 });
  const browser = await launchChromium();
  try {
    const { page } = await openAppPage(browser, serve.url, 'en-US');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await page.reload();
      const nav = page.getByRole('button', { name: 'Triage', exact: true });
      await nav.waitFor({ timeout: 60_000 });
      const t = performance.now();
      await nav.click();
      await page.locator('.triage-row-group').first().waitFor({ timeout: 60_000 });
      times.push(performance.now() - t);
    }
    const frames = await page.evaluate<number[]>(`new Promise((resolve) => {
      const list = document.querySelector('.triage-scroll');
      const times = [];
      let start;
      const step = (t) => {
        start ??= t;
        times.push(t);
        list.scrollTop += 60;
        if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) list.scrollTop = 0;
        if (t - start < 5000) requestAnimationFrame(step); else resolve(times);
      };
      requestAnimationFrame(step);
    })`);
    const frame = 1000 / 60;
    let missed = 0;
    for (let i = 1; i < frames.length; i++) {
      missed += Math.max(0, Math.round((frames[i]! - frames[i - 1]!) / frame) - 1);
    }
    const droppedPercent = (100 * missed) / (missed + frames.length);
    return {
      firstRenderMs: median(times),
      droppedPercent,
      note:
        `triage UI: ${messages.toLocaleString('en')} messages; first render runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; ` +
        `scrolling: ${frames.length} frames drawn, ${missed} missed in 5 s (headless Chromium, software rendering)`,
    };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  if (!existsSync('/usr/bin/chromium'))
    throw new Error('Chromium is needed: apt-get install -y chromium');
  const { rows, notes } = await triageRows(quick, (m) => console.error(`[bench] ${m}`));
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} (goal ${r.goal})`);
  for (const n of notes) console.log(`  ${n}`);
}
