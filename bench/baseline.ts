/**
 * The raw_fetch row: the minimal client's time for the scan's UID FETCH of
 * every message, measured warm (one untimed run first), best of two.
 */
import type { DovecotServer } from '../test/servers/dovecot.js';
import { cpuNote, settleDovecot, withServerCpu } from './cpu.js';
import { BENCH_USER } from './fixture.js';
import { rawFetch, type RawFetchResult } from './raw-client.js';
import type { BenchRow } from './rows.js';
import { formatNumber } from './table.js';

export const BASELINE_FOLDERS = ['INBOX', 'Sent'];

export interface BaselineResult {
  row: BenchRow;
  seconds: number;
  note: string;
}

export async function measureBaseline(
  server: DovecotServer,
  expectedMessages: number,
  log: (message: string) => void,
): Promise<BaselineResult> {
  const run = async (select: boolean) => {
    // The previous session's server process must be gone (see settleDovecot).
    await settleDovecot(server);
    return withServerCpu(server, async () => {
      const cpu = process.cpuUsage();
      const result = await rawFetch({
        host: server.host,
        port: server.port,
        user: BENCH_USER.user,
        password: BENCH_USER.password,
        folders: BASELINE_FOLDERS,
        select,
      });
      const used = process.cpuUsage(cpu);
      return { ...result, cpuMs: (used.user + used.system) / 1000 };
    });
  };

  // The warm-up also enables CONDSTORE on the folders, as any modern client already has on a
  // real server: the app's first EXAMINE (CONDSTORE) would otherwise pay for it.
  log('raw client: warming the server (untimed; SELECT moves new/ to cur/, enables CONDSTORE)');
  const [warm] = await run(true);
  if (warm.messages !== expectedMessages) {
    throw new Error(
      `raw client saw ${warm.messages} messages, the fixture has ${expectedMessages}`,
    );
  }
  const runs: Array<RawFetchResult & { cpuMs: number; serverMs: number | undefined }> = [];
  for (let i = 0; i < 2; i++) {
    const [result, serverMs] = await run(false);
    runs.push({ ...result, serverMs });
    log(`raw client run ${i + 1}: ${formatNumber(result.ms / 1000)} s`);
  }
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const seconds = best.ms / 1000;
  return {
    seconds,
    row: {
      name: 'raw_fetch',
      value: Number(seconds.toFixed(3)),
      unit: 's',
      baseline: null,
      baselineValue: null,
      ratio: null,
      goal: 'baseline (the server limit)',
    },
    note:
      `raw_fetch: best of ${runs.map((r) => formatNumber(r.ms / 1000)).join(' / ')} s ` +
      `(warm-up ${formatNumber(warm.ms / 1000)} s); ${best.messages} FETCH responses, ` +
      `${(best.bytes / 1024 / 1024).toFixed(1)} MB received; ${cpuNote(best.cpuMs, best.serverMs)}`,
  };
}
