/**
 * `npx tsx bench/evidence.ts [--count N] [--rows] [--quick]` (default 2,000 offers of about
 * 30 kB; --quick 500; `npm run bench` runs it with --rows and gathers its rows): a large complaint case exported through the app's core, on the test
 * Dovecot, its sources already kept (as the background pass leaves them).
 *
 * - evidence_export_<n>: the export's time (files written one by one, the ZIP streamed, the
 *   report and the seal), then the bundle checked (hashes, DKIM offline).
 * - evidence_export_memory_<n>: the most the process's live JS heap and buffers grew during the
 *   export (garbage collected, then sampled, every 250 ms, in an export of its own), against the bundle's size: what holding the bundle in memory
 *   would cost at least. Ratio growth / bundle.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTestCore } from '../test/support/core.js';
import { createTestSigner, testResolver } from '../test/evidence/dkim-keys.js';
import { retailNewsletterText } from '../test/support/retail-newsletter.js';
import { startDovecot } from '../test/servers/dovecot.js';
import type { BenchRow } from './rows.js';

const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const count = countAt >= 0 ? Number(args[countAt + 1]) : args.includes('--quick') ? 500 : 2000;
const log = (m: string) => console.error(`[bench evidence] ${m}`);
const ADVERTISER = 'grande-enseigne.fr';
/** About 30 kB per offer: the text, and the catalogue attached (bytes that do not compress). */
const CATALOGUE = randomBytes(22_000).toString('base64').replace(/.{76}/g, '$&\r\n');

function offer(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  return (
    `Return-Path: <bounce-${n}@news.${ADVERTISER}>\r\n` +
    `Received: from mta.${ADVERTISER} (mta.${ADVERTISER} [198.51.100.${n % 250}])\r\n\tby mx.exemple.fr; ${day} Oct 2026 10:00:00 +0200\r\n` +
    `From: Grande Enseigne <offres@${ADVERTISER}>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: Offre ${n} : -20 % sur la maison\r\nDate: ${day} Oct 2026 10:${String(n % 60).padStart(2, '0')}:00 +0200\r\n` +
    `Message-ID: <offre-${n}@news.${ADVERTISER}>\r\n` +
    `List-Unsubscribe: <https://news.${ADVERTISER}/stop?u=${n}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nPrecedence: bulk\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n` +
    `--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n` +
    retailNewsletterText(ADVERTISER, 'Grande Enseigne', n) +
    `--b\r\nContent-Type: application/pdf; name="catalogue.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${CATALOGUE}\r\n--b--\r\n`
  );
}

/** The garbage collector, exposed for this process even when node was started without the flag. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
}

async function main(): Promise<void> {
  const server = await startDovecot();
  const signer = createTestSigner(ADVERTISER, 'ge1');
  const t = createTestCore({
    dkimResolver: testResolver([signer], {
      [`news.${ADVERTISER}`]: ['v=spf1 ip4:198.51.100.0/24 -all'],
    }).resolve,
  });
  try {
    log(`writing ${count} signed offers`);
    for (let i = 0; i < count; i += 200) {
      const batch = Array.from({ length: Math.min(200, count - i) }, (_, k) => offer(i + k + 1));
      await server.addMessages('alice', 'INBOX', await Promise.all(batch.map(signer.sign)));
    }
    const account = await t.value('accounts.add', {
      email: 'alice@exemple.fr',
      provider: 'custom',
      password: 'alice-secret-pw',
      imap: { host: '127.0.0.1', port: server.port, security: 'plain', user: 'alice' },
    });
    log('syncing, then a first export that keeps every source and its authentication');
    await t.syncAndDetect(account.id);
    await t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    // A bundle's name has the second it was made.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    log('exporting, timed');
    const started = performance.now();
    const e = await t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    const ms = performance.now() - started;
    if (!e.check.ok || e.messages !== count) throw new Error(`export: ${JSON.stringify(e.check)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    log('exporting again, its memory sampled');
    // What the export holds, garbage collected first (node --expose-gc): garbage waiting for a
    // collection is not memory the export needs. A collection per sample slows the export down:
    // this run is not the timed one.
    const gc = collector();
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = live();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 250);
    await t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    clearInterval(sampler);
    const bundleMb = sizeOf(e.folder) / 1e6;
    const growthMb = (peak - before) / 1e6;
    const rows: BenchRow[] = [
      {
        name: `evidence_export_${count}`,
        value: Math.round(ms),
        unit: 'ms',
        baseline: null,
        baselineValue: null,
        ratio: null,
        goal: 'a large case exported and checked in seconds',
      },
      {
        name: `evidence_export_memory_${count}`,
        value: Math.round(growthMb * 10) / 10,
        unit: 'MB',
        baseline: 'bundle size (MB)',
        baselineValue: Math.round(bundleMb * 10) / 10,
        ratio: Math.round((growthMb / bundleMb) * 100) / 100,
        goal: 'memory flat: growth well under the bundle size',
      },
    ];
    const notes = [`evidence: ${e.files} files, ${count} messages`];
    if (args.includes('--rows')) console.log(JSON.stringify({ rows, notes }));
    else {
      console.table(rows);
      console.log(notes.join('\n'));
    }
  } finally {
    await t.close();
    await server.stop();
  }
}

await main();
