/**
 * classify_throughput: messages classified per second on one core from the
 * stored header block (what sync keeps for every message), over the labelled
 * corpus repeated: after an untimed pass of 100,000 classifications, 15 timed
 * runs of 20,000 (5 with --quick), the row being the median run.
 *
 * Measured in process CPU time, so other work on a shared machine does not
 * count against it (GC helper threads do count: the figure errs low). Wall
 * time is measured too and shown when the script runs on its own. Many short
 * runs and their median: a shared machine's slow spells then move a few runs
 * rather than the figure (three runs of 100,000 gave 50,500 in one bench and
 * 57,500 in the next). Every result is consumed: the verdicts of each
 * run must add up to those of a reference pass, so the loop can be neither
 * optimised away nor quietly wrong.
 *
 * `npx tsx bench/classify.ts` prints the row, each run's wall and CPU
 * figures, the same measurement with the corpus bodies as excerpts, and a
 * pessimistic one where every sender and host is new in each corpus pass.
 * `npm run bench` runs it in a process of its own with `--rows` (see
 * bench/extra.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { messageInputOf } from '../electron/cli/eml.js';
import {
  classifyMessage,
  createMemoryContext,
  type DetectContext,
  type MessageInput,
} from '../electron/detect/index.js';
import type { MemoryContextOptions } from '../electron/detect/memory.js';
import { forgetMemos } from '../electron/mail-format/index.js';
import { buildCorpus, CORPUS_DIR } from '../test/fixtures/corpus/generate.js';
import type { ExtraOutput } from './extra.js';
import type { BenchRow } from './rows.js';
import { BENCH_SEED, BENCH_USER } from './fixture.js';
import { generateMessages } from '../test/fixtures/generate-mailbox.js';
import { splitHeaderBlock } from '../electron/mail-format/index.js';

/** Classifications in the untimed pass that brings the loop to its steady state. */
const WARM_UP = 100_000;
/** Classifications per timed run (about a third of a second). */
const RUN_SIZE = 20_000;
/** Timed runs for the row: the median is kept. */
const RUNS = 15;
const QUICK_RUNS = 5;

export interface ClassifyRun {
  count: number;
  cpuSeconds: number;
  wallSeconds: number;
  /** Messages per second of CPU time. */
  cpuRate: number;
  /** Messages per second of elapsed time. */
  wallRate: number;
}

/**
 * The same classification over the generated mailbox the sync bench uses:
 * every message distinct (senders, relays, ids), as a real mailbox is, so the
 * memos hit less than on the repeated corpus. One pass, after a warm-up pass
 * over its first tenth. Printed as a note beside the row, for comparison.
 */
export function classifyGeneratedNote(options: { quick?: boolean } = {}): string {
  const count = options.quick ? 10_000 : 100_000;
  const inputs: MessageInput[] = [];
  for (const raw of generateMessages(count, {
    seed: BENCH_SEED,
    identities: [BENCH_USER.email],
    start: Date.UTC(2026, 0, 1),
  }))
    inputs.push({ rawHeaders: splitHeaderBlock(raw).toString('latin1') });
  const context = createMemoryContext({
    identities: [{ address: BENCH_USER.email, kind: 'personal', visibility: 'private' }],
  });
  forgetMemos();
  for (let i = 0; i < count / 10; i++) classifyMessage(inputs[i]!, context);
  const cpu = process.cpuUsage();
  let classified = 0;
  for (const input of inputs) if (classifyMessage(input, context).verdict) classified++;
  const used = process.cpuUsage(cpu);
  const rate = Math.round(classified / ((used.user + used.system) / 1e6));
  return (
    `classify_throughput on the generated mailbox (${count.toLocaleString('en')} distinct messages, ` +
    `one pass): ${rate.toLocaleString('en')} msg/s of CPU time`
  );
}

export async function benchClassify(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const { headers, context } = await loadBenchInputs();
  const runs = measureClassify(headers, context, options.quick ? QUICK_RUNS : RUNS);
  return [
    {
      name: 'classify_throughput',
      unit: 'msg/s',
      baseline: null,
      baselineValue: null,
      ratio: null,
      goal: '>= 50000',
      value: Math.round(median(runs.map((run) => run.cpuRate))),
    },
  ];
}

/**
 * The corpus as the store hands it over: the header block kept as bytes and
 * read back as a latin1 string (electron/verdicts/service.ts), and apart the
 * body excerpts mailparser decoded.
 */
export async function loadBenchInputs(): Promise<{
  headers: MessageInput[];
  withBodies: MessageInput[];
  context: DetectContext;
  contextOptions: MemoryContextOptions;
}> {
  const headers: MessageInput[] = [];
  const withBodies: MessageInput[] = [];
  for (const message of buildCorpus()) {
    const parsed = await messageInputOf(Buffer.from(message.eml, 'utf8'));
    const rawHeaders = Buffer.from(parsed.rawHeaders, 'latin1').toString('latin1');
    headers.push({ rawHeaders });
    withBodies.push({ rawHeaders, body: parsed.body });
  }
  const contextOptions = JSON.parse(
    readFileSync(path.join(CORPUS_DIR, 'context.json'), 'utf8'),
  ) as MemoryContextOptions;
  return { headers, withBodies, context: createMemoryContext(contextOptions), contextOptions };
}

/** Classifies the inputs, repeated to at least RUN_SIZE messages, `runs` times. */
export function measureClassify(
  inputs: readonly MessageInput[],
  context: DetectContext,
  runs: number,
): ClassifyRun[] {
  // Reference pass, then a whole untimed run to reach the steady state a mailbox's detection
  // runs in: the per-host caches filled, every function compiled by the optimising tier, the
  // heap sized. A first run measured on the heels of a 3,000-message warm-up was 5-10 % slower
  // than the next ones, and used more CPU than wall time (compiler and GC threads still busy).
  const reference = tally(inputs, context, 1);
  tally(inputs, context, Math.ceil(WARM_UP / inputs.length));
  const rounds = Math.ceil(RUN_SIZE / inputs.length);
  const results: ClassifyRun[] = [];
  for (let run = 0; run < runs; run++) {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const counts = tally(inputs, context, rounds);
    const cpu = process.cpuUsage(cpuStart);
    const wallSeconds = (performance.now() - wallStart) / 1000;
    for (const [verdict, n] of reference) {
      if (counts.get(verdict) !== n * rounds)
        throw new Error(
          `classify bench: ${verdict} counted ${counts.get(verdict)}, expected ${n * rounds}`,
        );
    }
    const count = rounds * inputs.length;
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    results.push({
      count,
      cpuSeconds,
      wallSeconds,
      cpuRate: count / cpuSeconds,
      wallRate: count / wallSeconds,
    });
  }
  return results;
}

/** The measured loop: every result feeds the verdict counts. */
function tally(
  inputs: readonly MessageInput[],
  context: DetectContext,
  rounds: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const { verdict } = classifyMessage(input, context);
      counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The pessimistic figure: before each pass over the corpus every memo table is
 * emptied and a new context built (as the store does per chunk), so each of
 * the corpus' senders and hosts is met for the first time in every pass.
 */
export function measureColdClassify(
  inputs: readonly MessageInput[],
  contextOptions: MemoryContextOptions,
  total: number,
): ClassifyRun {
  tally(inputs, createMemoryContext(contextOptions), 2);
  const rounds = Math.ceil(total / inputs.length);
  let cpuMicros = 0;
  let wallMillis = 0;
  let classified = 0;
  for (let r = 0; r < rounds; r++) {
    forgetMemos();
    const context = createMemoryContext(contextOptions);
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const counts = tally(inputs, context, 1);
    const cpu = process.cpuUsage(cpuStart);
    wallMillis += performance.now() - wallStart;
    cpuMicros += cpu.user + cpu.system;
    for (const n of counts.values()) classified += n;
  }
  const count = rounds * inputs.length;
  if (classified !== count) throw new Error('classify bench: results went missing');
  const cpuSeconds = cpuMicros / 1e6;
  const wallSeconds = wallMillis / 1000;
  return {
    count,
    cpuSeconds,
    wallSeconds,
    cpuRate: count / cpuSeconds,
    wallRate: count / wallSeconds,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function describe(label: string, runs: readonly ClassifyRun[]): string {
  const lines = runs.map(
    (run, i) =>
      `  run ${i + 1}: ${run.count} msgs, CPU ${run.cpuSeconds.toFixed(2)} s = ${Math.round(run.cpuRate)} msg/s, wall ${run.wallSeconds.toFixed(2)} s = ${Math.round(run.wallRate)} msg/s`,
  );
  const cpu = Math.round(median(runs.map((run) => run.cpuRate)));
  const wall = Math.round(median(runs.map((run) => run.wallRate)));
  return [`${label}: median ${cpu} msg/s CPU, ${wall} msg/s wall`, ...lines].join('\n');
}

/** `--rows [--quick]`: what `npm run bench` gathers (bench/extra.ts), as JSON on the last line. */
async function printRows(quick: boolean): Promise<void> {
  const rows = await benchClassify({ quick });
  const output: ExtraOutput = { rows, notes: [classifyGeneratedNote({ quick })] };
  console.log(JSON.stringify(output));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--rows')) return printRows(args.includes('--quick'));
  const runs = Number(process.env.CLASSIFY_RUNS ?? RUNS);
  const { headers, withBodies, context, contextOptions } = await loadBenchInputs();
  console.log(describe('headers only (the row)', measureClassify(headers, context, runs)));
  console.log(describe('headers + corpus bodies', measureClassify(withBodies, context, runs)));
  console.log(
    describe('headers only, memos emptied before each corpus pass', [
      measureColdClassify(headers, contextOptions, 30_000),
    ]),
  );
  console.log(classifyGeneratedNote());
  console.log(JSON.stringify(await benchClassify(), null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'classify.ts'))) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
