/**
 * The raw_fetch row: the minimal client's time for the scan's UID FETCH of
 * every message, measured warm (one untimed run first), best of two. Then
 * raw_fetch_excerpts: the same client fetching the headers and the excerpts a
 * first sync reads (best of two), the server's own share of
 * first_sync_to_verdicts.
 */
import type { DovecotServer } from '../test/servers/dovecot.js';
import { cpuNote, settleDovecot, withServerCpu } from './cpu.js';
import { BENCH_USER } from './fixture.js';
import { EXCERPT_FETCH, rawFetch, SCAN_FETCH, type RawFetchResult } from './raw-client.js';
import type { BenchRow } from './rows.js';
import { formatNumber } from './table.js';

export const BASELINE_FOLDERS = ['INBOX', 'Sent'];

export interface BaselineResult {
  row: BenchRow;
  seconds: number;
  note: string;
  excerpts: { row: BenchRow; note: string };
}

export async function measureBaseline(
  server: DovecotServer,
  expectedMessages: number,
  log: (message: string) => void,
): Promise<BaselineResult> {
  const run = async (select: boolean, fetch = SCAN_FETCH) => {
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
        fetch,
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
  type Run = RawFetchResult & { cpuMs: number; serverMs: number | undefined };
  const runs: Run[] = [];
  const excerptRuns: Run[] = [];
  // Alternated, so that both see the machine alike.
  for (let i = 0; i < 2; i++) {
    const [result, serverMs] = await run(false);
    runs.push({ ...result, serverMs });
    log(`raw client run ${i + 1}: ${formatNumber(result.ms / 1000)} s`);
    const [withExcerpts, excerptServerMs] = await run(false, EXCERPT_FETCH);
    excerptRuns.push({ ...withExcerpts, serverMs: excerptServerMs });
    log(`raw client run ${i + 1} with excerpts: ${formatNumber(withExcerpts.ms / 1000)} s`);
  }
  const bestOf = (all: Run[]) => all.reduce((a, b) => (b.ms < a.ms ? b : a));
  const best = bestOf(runs);
  const seconds = best.ms / 1000;
  const bestExcerpts = bestOf(excerptRuns);
  const excerptSeconds = bestExcerpts.ms / 1000;
  const described = (all: Run[], b: Run) =>
    `best of ${all.map((r) => formatNumber(r.ms / 1000)).join(' / ')} s; ${b.messages} FETCH ` +
    `responses, ${(b.bytes / 1024 / 1024).toFixed(1)} MB received; ${cpuNote(b.cpuMs, b.serverMs)}`;
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
    note: `raw_fetch: ${described(runs, best)} (warm-up ${formatNumber(warm.ms / 1000)} s)`,
    excerpts: {
      row: {
        name: 'raw_fetch_excerpts',
        value: Number(excerptSeconds.toFixed(3)),
        unit: 's',
        baseline: 'raw_fetch',
        baselineValue: Number(seconds.toFixed(3)),
        ratio: Number((excerptSeconds / seconds).toFixed(2)),
        goal: "none: the server's share of first_sync_to_verdicts",
      },
      note:
        `raw_fetch_excerpts: the raw client fetching the headers with the excerpts a first sync ` +
        `reads here (the structure, part 1's first 4 KB, part 2's first 16 KB: the fixture is ` +
        `mostly multipart/alternative), ${described(excerptRuns, bestExcerpts)}`,
    },
  };
}
