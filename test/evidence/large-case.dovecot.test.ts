/**
 * A large case: a few hundred offers from one advertiser, exported as a job
 * that reports its progress (messages prepared, then files written, each out
 * of its total) while the files go to disk one by one and the ZIP is built as
 * a stream; the bundle then verifies, folder and ZIP. Cancelled halfway, the
 * export leaves nothing behind: no folder, no ZIP, no manifest claiming a
 * complete bundle.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_JOB } from '../../electron/evidence/handlers.js';
import { verifyBundle } from '../../electron/evidence/verify-bundle.js';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { createTestSigner, testResolver } from './dkim-keys.js';
import { retailNewsletterText } from '../support/retail-newsletter.js';

const ready = dovecotReady('evidence large case');
const ADVERTISER = 'grande-enseigne.fr';
const OFFERS = 300;

function offer(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  return (
    `Return-Path: <bounce-${n}@news.${ADVERTISER}>\r\n` +
    `Received: from mta.${ADVERTISER} (mta.${ADVERTISER} [198.51.100.${n % 250}])\r\n\tby mx.exemple.fr with ESMTPS; ${day} Oct 2026 10:00:00 +0200\r\n` +
    `From: Grande Enseigne <offres@${ADVERTISER}>\r\nTo: alice@exemple.fr\r\n` +
    `Subject: Offre ${n} : -20 % sur la maison\r\nDate: ${day} Oct 2026 10:${String(n % 60).padStart(2, '0')}:00 +0200\r\n` +
    `Message-ID: <offre-${n}@news.${ADVERTISER}>\r\n` +
    `List-Unsubscribe: <https://news.${ADVERTISER}/stop?u=${n}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nPrecedence: bulk\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
    retailNewsletterText(ADVERTISER, 'Grande Enseigne', n)
  );
}

describe.skipIf(!ready)('a large case exported as a job (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  const exportsDir = () => path.join(t.dataDir, 'exports');

  beforeAll(async () => {
    const signer = createTestSigner(ADVERTISER, 'ge1');
    server = await startDovecot();
    const offers = await Promise.all(
      Array.from({ length: OFFERS }, (_, i) => signer.sign(offer(i + 1))),
    );
    await server.addMessages('alice', 'INBOX', offers);
    t = createTestCore({
      dkimResolver: testResolver([signer], {
        [`news.${ADVERTISER}`]: ['v=spf1 ip4:198.51.100.0/24 -all'],
      }).resolve,
    });
    await t.syncAndDetect((await addAlice(t, server.port)).id);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  /** The export's progress events, as the Evidence screen and the CLI receive them. */
  function exportProgress(onEvent?: (e: Extract<CoreEvent, { type: 'job.progress' }>) => void) {
    const seen: Array<{ note: string | undefined; done: number; total: number | null }> = [];
    const stop = t.core.onEvent((e) => {
      if (e.type !== 'job.progress' || e.kind !== EXPORT_JOB || e.state !== 'running') return;
      if (e.note) seen.push({ note: e.note, done: e.done, total: e.total });
      onEvent?.(e);
    });
    return { seen, stop };
  }

  it('cancelled halfway through the files, leaves no bundle behind', async () => {
    let cancelled = false;
    const progress = exportProgress((e) => {
      if (!cancelled && e.note === 'files' && e.done >= 100) {
        cancelled = true;
        void t.call('jobs.cancel', { jobId: e.jobId });
      }
    });
    const r = await t.call('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    progress.stop();
    expect(cancelled).toBe(true);
    expect(r.ok ? 'exported' : r.error.code).toBe('CANCELLED');
    const files = progress.seen.filter((p) => p.note === 'files');
    // It stopped well before the end: the cancel came while files were still being written.
    expect(files.at(-1)!.done).toBeLessThan(files.at(-1)!.total!);
    expect(existsSync(exportsDir()) ? readdirSync(exportsDir()) : []).toEqual([]);
  }, 60_000);

  it('writes every file with progress counted, and the bundle verifies', async () => {
    const progress = exportProgress();
    const e = await t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    progress.stop();
    expect(e).toMatchObject({ messages: OFFERS, check: { ok: true, problems: [] } });
    const sources = progress.seen.filter((p) => p.note === 'sources');
    expect(sources.at(-1)).toEqual({ note: 'sources', done: OFFERS, total: OFFERS });
    const files = progress.seen.filter((p) => p.note === 'files');
    // One report per file written, the seal last: 300 sources, their copies for Signal Spam
    // (no objection was made), 300 authentication records, the timeline, the report, the CNIL
    // text, manifest.json and SHA256SUMS.
    expect(files.map((p) => p.done)).toEqual(Array.from({ length: e.files }, (_, i) => i + 1));
    expect(new Set(files.map((p) => p.total))).toEqual(new Set([e.files]));
    expect(e.files).toBe(3 * OFFERS + 5);
    expect(readdirSync(path.join(e.folder, 'messages'))).toHaveLength(OFFERS);
    const zip = await verifyBundle(e.zip);
    expect(zip).toMatchObject({ ok: true, problems: [] });
    // Every file intact, SHA256SUMS being what checks the others.
    expect(zip.intact).toHaveLength(e.files - 1);
    expect(zip.dkim.filter((d) => d.kept === 'pass' && d.now === 'pass')).toHaveLength(OFFERS);
    expect(zip.spfDmarc.filter((s) => s.spf === 'pass')).toHaveLength(OFFERS);
  }, 60_000);
});
