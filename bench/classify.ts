/**
 * Classification throughput: messages classified per second of CPU time on
 * one core, from the stored header block (what sync keeps for every message).
 *
 * `classify_throughput` is the row: the generated 100,000-message
 * mailbox the sync bench stores (every sender, relay and id distinct, as in a
 * real mailbox). Each run classifies all of it with every memo emptied and a
 * new context first, as detection meets a freshly scanned mailbox; the row is
 * the median run, after one untimed pass that compiles the code and gives the
 * reference verdict counts. `classify_corpus_throughput` is the labelled
 * corpus (303 messages) repeated: its senders and hosts recur, so the memos
 * answer most lookups; the median of short runs after an untimed pass.
 *
 * CPU time, so other work on a shared machine counts less (GC helper threads
 * do count: the figure errs low); many runs and their median, so a slow spell
 * moves a few runs rather than the figure. Every run's verdict counts must
 * equal the reference pass's: the loop can be neither optimised away nor
 * quietly wrong.
 *
 * `npx tsx bench/classify.ts` prints every run of both, and the corpus with
 * its bodies as excerpts; `--generated` or `--corpus` prints one of them only
 * (for A/B comparisons). `npm run bench` runs `--rows` in a process of its own
 * (bench/extra.ts), as the app classifies in a thread of its own.
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
import { forgetMemos, splitHeaderBlock } from '../electron/mail-format/index.js';
import { buildCorpus, CORPUS_DIR } from '../test/fixtures/corpus/generate.js';
import { generateMessages } from '../test/fixtures/generate-mailbox.js';
import type { ExtraOutput } from './extra.js';
import { BENCH_SEED, BENCH_USER } from './fixture.js';
import type { BenchRow } from './rows.js';

/** The generated mailbox's size: the "100,000-message mailbox". */
const GENERATED_COUNT = 100_000;
const GENERATED_RUNS = 5;
const GENERATED_QUICK_RUNS = 3;
/** Corpus classifications in the untimed pass that brings the loop to its steady state. */
const CORPUS_WARM_UP = 100_000;
/** Corpus classifications per timed run (about a third of a second). */
const CORPUS_RUN_SIZE = 20_000;
const CORPUS_RUNS = 15;
const CORPUS_QUICK_RUNS = 5;

export interface ClassifyRun {
  count: number;
  cpuSeconds: number;
  wallSeconds: number;
  /** Messages per second of CPU time. */
  cpuRate: number;
  /** Messages per second of elapsed time. */
  wallRate: number;
}

/** The generated mailbox's header blocks, as the store hands them to detection. */
export function loadGeneratedInputs(count = GENERATED_COUNT): {
  inputs: MessageInput[];
  contextOptions: MemoryContextOptions;
} {
  const inputs: MessageInput[] = [];
  for (const raw of generateMessages(count, {
    seed: BENCH_SEED,
    identities: [BENCH_USER.email],
    start: Date.UTC(2026, 0, 1),
  }))
    inputs.push({ rawHeaders: splitHeaderBlock(raw).toString('latin1') });
  const contextOptions: MemoryContextOptions = {
    identities: [{ address: BENCH_USER.email, kind: 'personal', visibility: 'private' }],
  };
  return { inputs, contextOptions };
}

/** Classifies the whole mailbox `runs` times, each time with every memo emptied first. */
export function measureGenerated(
  inputs: readonly MessageInput[],
  contextOptions: MemoryContextOptions,
  runs: number,
): ClassifyRun[] {
  forgetMemos();
  const reference = tally(inputs, createMemoryContext(contextOptions), 1);
  const results: ClassifyRun[] = [];
  for (let run = 0; run < runs; run++) {
    forgetMemos();
    const context = createMemoryContext(contextOptions);
    results.push(timedRun(inputs, context, 1, reference));
  }
  return results;
}

/**
 * The labelled corpus as the store hands it over: the header block kept as
 * bytes and read back as a latin1 string, and apart the body excerpts
 * mailparser decoded.
 */
export async function loadCorpusInputs(): Promise<{
  headers: MessageInput[];
  withBodies: MessageInput[];
  context: DetectContext;
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
  return { headers, withBodies, context: createMemoryContext(contextOptions) };
}

/** Classifies the corpus, repeated to at least CORPUS_RUN_SIZE messages, `runs` times. */
export function measureCorpus(
  inputs: readonly MessageInput[],
  context: DetectContext,
  runs: number,
): ClassifyRun[] {
  // A whole untimed run first: the memos filled, every function compiled by the optimising
  // tier, the heap sized (a run on the heels of a short warm-up was 5-10 % slower).
  const reference = tally(inputs, context, 1);
  tally(inputs, context, Math.ceil(CORPUS_WARM_UP / inputs.length));
  const rounds = Math.ceil(CORPUS_RUN_SIZE / inputs.length);
  const results: ClassifyRun[] = [];
  for (let run = 0; run < runs; run++) results.push(timedRun(inputs, context, rounds, reference));
  return results;
}

/** One timed run of `rounds` passes; its verdict counts must be `rounds` times the reference. */
function timedRun(
  inputs: readonly MessageInput[],
  context: DetectContext,
  rounds: number,
  reference: ReadonlyMap<string, number>,
): ClassifyRun {
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
  return {
    count,
    cpuSeconds,
    wallSeconds,
    cpuRate: count / cpuSeconds,
    wallRate: count / wallSeconds,
  };
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

export async function benchClassify(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const generated = loadGeneratedInputs();
  const generatedRuns = measureGenerated(
    generated.inputs,
    generated.contextOptions,
    options.quick ? GENERATED_QUICK_RUNS : GENERATED_RUNS,
  );
  const corpus = await loadCorpusInputs();
  const corpusRuns = measureCorpus(
    corpus.headers,
    corpus.context,
    options.quick ? CORPUS_QUICK_RUNS : CORPUS_RUNS,
  );
  return [
    throughputRow('classify_throughput', generatedRuns, '>= 30000'),
    throughputRow('classify_corpus_throughput', corpusRuns, '-'),
  ];
}

function throughputRow(name: string, runs: readonly ClassifyRun[], goal: string): BenchRow {
  return {
    name,
    unit: 'msg/s',
    baseline: null,
    baselineValue: null,
    ratio: null,
    goal,
    value: Math.round(median(runs.map((run) => run.cpuRate))),
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
  const notes = [
    `classify_throughput: the generated ${GENERATED_COUNT.toLocaleString('en')}-message mailbox, ` +
      `memos emptied before each run; classify_corpus_throughput: the labelled corpus repeated`,
  ];
  const output: ExtraOutput = { rows, notes };
  console.log(JSON.stringify(output));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--rows')) return printRows(args.includes('--quick'));
  const generatedOnly = args.includes('--generated');
  const corpusOnly = args.includes('--corpus');
  if (!corpusOnly) {
    const { inputs, contextOptions } = loadGeneratedInputs();
    const runs = Number(process.env.CLASSIFY_RUNS ?? GENERATED_RUNS);
    console.log(
      describe(
        `generated mailbox, ${inputs.length} messages (classify_throughput)`,
        measureGenerated(inputs, contextOptions, runs),
      ),
    );
  }
  if (generatedOnly) return;
  const { headers, withBodies, context } = await loadCorpusInputs();
  const runs = Number(process.env.CLASSIFY_RUNS ?? CORPUS_RUNS);
  console.log(
    describe('corpus repeated (classify_corpus_throughput)', measureCorpus(headers, context, runs)),
  );
  if (corpusOnly) return;
  console.log(describe('corpus repeated, with bodies', measureCorpus(withBodies, context, runs)));
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'classify.ts'))) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
