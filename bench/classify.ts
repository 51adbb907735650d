/**
 * classify_throughput: messages classified per second on one core from the
 * stored header block (what sync keeps for every message), over the labelled
 * corpus repeated to at least 100,000 classifications. Measured in process
 * CPU time, so other work on a shared machine does not count against it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { messageInputOf } from '../electron/cli/eml.js';
import {
  classifyMessage,
  createMemoryContext,
  type MessageInput,
} from '../electron/detect/index.js';
import type { MemoryContextOptions } from '../electron/detect/memory.js';
import { buildCorpus, CORPUS_DIR } from '../test/fixtures/corpus/generate.js';
import type { BenchRow } from './rows.js';

const TARGET = 100_000;

export async function benchClassify(): Promise<BenchRow[]> {
  const corpus = buildCorpus();
  const inputs: MessageInput[] = [];
  for (const message of corpus) {
    const { rawHeaders } = await messageInputOf(Buffer.from(message.eml, 'utf8'));
    inputs.push({ rawHeaders });
  }
  const options = JSON.parse(
    readFileSync(path.join(CORPUS_DIR, 'context.json'), 'utf8'),
  ) as MemoryContextOptions;
  const context = createMemoryContext(options);
  for (const input of inputs) classifyMessage(input, context); // warm-up: JIT and caches
  const rounds = Math.ceil(TARGET / inputs.length);
  const start = process.cpuUsage();
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      classifyMessage(input, context);
      count++;
    }
  }
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  return [
    {
      name: 'classify_throughput',
      unit: 'msg/s',
      baseline: null,
      baselineValue: null,
      ratio: null,
      goal: '>= 50000',
      value: Math.round(count / seconds),
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'classify.ts'))) {
  benchClassify().then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
