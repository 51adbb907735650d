/**
 * The rows that measure our sync, all from one core in a child process
 * (bench/sync-worker.ts): the initial scan (ratio to raw_fetch), peak RSS,
 * database size per message, then an incremental sync with nothing changed
 * and one with 100 new messages. A row that cannot be measured is reported
 * as missing with its reason, never given a made-up value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DovecotServer } from '../test/servers/dovecot.js';
import { cpuNote, settleDovecot, withServerCpu } from './cpu.js';
import { BENCH_USER, newMessages } from './fixture.js';
import { buildSyncWorker, startSyncWorker } from './measure.js';
import type { BenchRow } from './rows.js';
import { formatNumber, type MissingRow } from './table.js';

export interface SyncPhaseOptions {
  server: DovecotServer;
  /** Messages on the server (INBOX + Sent). */
  total: number;
  scanName: string;
  rawSeconds: number;
  /** Where the core's data folder goes (a real disk, as for a user). */
  dataParent: string;
  /** Registers a cleanup step that must run even on Ctrl-C. */
  onCleanup: (step: () => unknown) => void;
  log: (message: string) => void;
}

export interface SyncPhaseResult {
  rows: BenchRow[];
  missing: MissingRow[];
  notes: string[];
}

const absolute = (name: string, value: number, unit: string, goal: string): BenchRow => ({
  name,
  value,
  unit,
  baseline: null,
  baselineValue: null,
  ratio: null,
  goal,
});

export async function measureSync(o: SyncPhaseOptions): Promise<SyncPhaseResult> {
  const rows: BenchRow[] = [];
  const missing: MissingRow[] = [];
  const notes: string[] = [];
  const expected: Array<Omit<MissingRow, 'reason'>> = [
    { name: o.scanName, unit: 's', goal: 'ratio <= 1.5' },
    { name: 'first_sync_to_verdicts', unit: 's', goal: 'ratio <= 2.5' },
    { name: 'rss_peak', unit: 'MB', goal: '< 400' },
    { name: 'db_bytes_per_message', unit: 'bytes', goal: 'no goal set' },
    { name: 'incremental_nochange', unit: 'ms per folder', goal: '< 100 per folder' },
    { name: 'incremental_100new', unit: 'ms', goal: 'no goal set' },
  ];
  /** Marks `only` (or every row not measured yet) as missing. */
  const notMeasured = (reason: string, only?: string) => {
    for (const r of expected) {
      if (only !== undefined && r.name !== only) continue;
      if (!rows.some((x) => x.name === r.name) && !missing.some((x) => x.name === r.name)) {
        missing.push({ ...r, reason });
      }
    }
  };

  const dataDir = mkdtempSync(path.join(o.dataParent, 'ig-bench-core-'));
  o.onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  buildSyncWorker(o.log);
  const worker = startSyncWorker();
  o.onCleanup(() => worker.stop());
  try {
    const ready = await worker.request(
      {
        type: 'init',
        dataDir,
        imap: {
          host: o.server.host,
          port: o.server.port,
          user: BENCH_USER.user,
          password: BENCH_USER.password,
          email: BENCH_USER.email,
        },
      },
      'ready',
    );
    notes.push(
      `core data folder under ${o.dataParent} (accounts.add: ${formatNumber(ready.addMs)} ms, ` +
        `${ready.folders} folders)`,
    );

    await settleDovecot(o.server);
    o.log(`initial scan by the sync (${o.scanName})`);
    const [scan, scanServerMs] = await withServerCpu(o.server, () =>
      worker.request({ type: 'scan' }, 'synced'),
    );
    if (!scan.ok) {
      notMeasured(`sync.run failed: ${scan.code} ${scan.message}`);
      return { rows, missing, notes };
    }
    // The scan proper (what the raw client does too: every folder's header blocks, and with them
    // BODYSTRUCTURE and the start of part 1, most messages' excerpt); the excerpts fetched after it
    // (HTML only, later parts) are shown apart, in the note and in first_sync_to_verdicts.
    const scanSeconds = (scan.ms - scan.excerptMs) / 1000;
    rows.push({
      name: o.scanName,
      value: Number(scanSeconds.toFixed(3)),
      unit: 's',
      baseline: 'raw_fetch',
      baselineValue: Number(o.rawSeconds.toFixed(3)),
      ratio: Number((scanSeconds / o.rawSeconds).toFixed(2)),
      goal: 'ratio <= 1.5',
    });
    notes.push(
      `${o.scanName}: ${scan.added} messages added over ${scan.folders} folders, ` +
        `${scan.problems} problems; ${scan.excerpts} body excerpts (text and HTML parts, 4 and 16 KB; ` +
        `a lone plain part 1 in the header FETCH, the others after it in ${formatNumber(scan.excerptMs / 1000)} s), classified as they came: whole first sync ${formatNumber(scan.ms / 1000)} s ` +
        `(${formatNumber(scan.ms / 1000 / o.rawSeconds)}× raw); ${cpuNote(scan.cpuMs, scanServerMs)} (whole sync)` +
        (scan.added !== o.total ? ` — WARNING: the server holds ${o.total}` : '') +
        (scan.alreadyRunning ? ' — WARNING: a sync was already running; its start is untimed' : ''),
    );
    const toVerdicts = scan.verdictsMs! / 1000;
    rows.push({
      name: 'first_sync_to_verdicts',
      value: Number(toVerdicts.toFixed(3)),
      unit: 's',
      baseline: 'raw_fetch',
      baselineValue: Number(o.rawSeconds.toFixed(3)),
      ratio: Number((toVerdicts / o.rawSeconds).toFixed(2)),
      goal: 'ratio <= 2.5',
    });
    notes.push(
      `first_sync_to_verdicts: from the start of the first sync until every message has its ` +
        `verdict (scan, excerpts, and detection as each group of excerpts is saved), ` +
        `${formatNumber((scan.verdictsMs! - scan.ms) / 1000)} s of it after the sync answered; ` +
        (scan.firstPageMs === null
          ? 'the first page of the INBOX never showed complete'
          : `the INBOX's first page (100 newest) had all its verdicts at ${formatNumber(scan.firstPageMs / 1000)} s`),
    );
    rows.push(absolute('rss_peak', Number(scan.rssPeakMb.toFixed(1)), 'MB', '< 400'));
    notes.push(
      `rss_peak: the sync worker process during the scan (${scan.rssPeakSource}: Node, ` +
        `the core, SQLite; not the fixture generator); ${formatNumber(scan.rssBeforeMb)} MB before it`,
    );

    const detected = await worker.request({ type: 'detect' }, 'detected');
    notes.push(
      `detection after the scan (writer thread, not part of scan time): finished ${formatNumber(detected.ms / 1000)} s after the scan` +
        (detected.classified ? ` (${detected.classified} still unclassified when asked)` : ''),
    );

    const corrected = await worker.request({ type: 'correct' }, 'corrected');
    rows.push(
      absolute(
        o.scanName === 'scan_100k' ? 'correction_100k' : 'correction',
        Number(corrected.ms.toFixed(1)),
        'ms',
        '< 200',
      ),
    );
    notes.push(
      `correction: the busiest sender marked unwanted, ${corrected.reclassified} of ` +
        `${corrected.messages} messages scored again on the writer thread; a message list asked ` +
        `beside it answered ${corrected.listAnsweredFirst ? 'first (nothing waited)' : 'after it (WARNING: it waited)'}`,
    );

    const db = await worker.request({ type: 'db' }, 'db');
    rows.push(
      absolute(
        'db_bytes_per_message',
        Math.round(db.bytes / Math.max(1, db.messages)),
        'bytes',
        'no goal set',
      ),
    );
    notes.push(
      `db_bytes_per_message: (${db.mainBytes} file + ${db.walBytes} WAL, after a checkpoint) / ` +
        `${db.messages} messages in the store, after the scan and its detection (verdicts included)`,
    );

    o.log('incremental sync, nothing changed');
    const [idle, idleServerMs] = await withServerCpu(o.server, () =>
      worker.request({ type: 'sync' }, 'synced'),
    );
    if (idle.ok) {
      const perFolder = idle.ms / Math.max(1, idle.folders);
      rows.push(
        absolute(
          'incremental_nochange',
          Number(perFolder.toFixed(1)),
          'ms per folder',
          '< 100 per folder',
        ),
      );
      notes.push(
        `incremental_nochange: ${formatNumber(idle.ms)} ms for ${idle.folders} folders; ` +
          cpuNote(idle.cpuMs, idleServerMs),
      );
    } else {
      notMeasured(`sync.run failed: ${idle.code} ${idle.message}`, 'incremental_nochange');
    }

    o.log('incremental sync, 100 new messages');
    await o.server.addMessages(BENCH_USER.user, 'INBOX', newMessages(100));
    const [fresh, freshServerMs] = await withServerCpu(o.server, () =>
      worker.request({ type: 'sync' }, 'synced'),
    );
    if (fresh.ok) {
      rows.push(absolute('incremental_100new', Number(fresh.ms.toFixed(1)), 'ms', 'no goal set'));
      notes.push(
        `incremental_100new: ${fresh.added} added` +
          (fresh.added !== 100 ? ' — WARNING: 100 were delivered' : '') +
          `; ${cpuNote(fresh.cpuMs, freshServerMs)}`,
      );
    } else {
      notMeasured(`sync.run failed: ${fresh.code} ${fresh.message}`, 'incremental_100new');
    }
  } catch (err) {
    // The worker crashed (its own error is on stderr above) or a step failed.
    notMeasured(err instanceof Error ? err.message : String(err));
  }
  return { rows, missing, notes };
}
