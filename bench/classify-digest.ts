/**
 * Per-message output of detection, to check that a change meant to be faster
 * changes nothing: each message's whole classification (verdict, score,
 * signals, router, advertiser, identity, legal flags), the learned model's
 * features and both weight sets' probabilities, for the generated
 * 100,000-message mailbox of bench/classify.ts, the labelled fixture corpus
 * (headers alone, then with bodies) and ../shared/corpus.
 *
 *   npx tsx bench/classify-digest.ts write DIR      (in the tree before, then after)
 *   npx tsx bench/classify-digest.ts compare A B    (numbers equal within 1e-9)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messageInputOf } from '../electron/cli/eml.js';
import {
  classifyMessage,
  createMemoryContext,
  type DetectContext,
  type MessageInput,
} from '../electron/detect/index.js';
import { modelInputFor } from '../electron/detect/classify.js';
import { modelFeatures } from '../electron/detect/model/features.js';
import { shippedModels } from '../electron/detect/model/shipped.js';
import type { MemoryContextOptions } from '../electron/detect/memory.js';
import { readSourceEntries } from '../electron/importer/sources.js';
import { forgetMemos } from '../electron/mail-format/index.js';
import { buildCorpus, CORPUS_DIR } from '../test/fixtures/corpus/generate.js';
import { loadGeneratedInputs } from './classify.js';

const SHARED_CORPUS = path.resolve('..', 'shared', 'corpus', 'messages');
const TOLERANCE = 1e-9;

function digestLine(input: MessageInput, context: DetectContext): string {
  const models = shippedModels();
  const classification = classifyMessage(input, context);
  const vector = modelFeatures(modelInputFor(input, context));
  return JSON.stringify({
    classification,
    features: [...vector.indices].sort((a, b) => a - b).join(','),
    headersModel: models.headers.probabilities(vector),
    bodyModel: models.body.probabilities(vector),
  });
}

async function write(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  forgetMemos();
  const generated = loadGeneratedInputs();
  const generatedContext = createMemoryContext(generated.contextOptions);
  const lines = generated.inputs.map((input) => digestLine(input, generatedContext));
  writeFileSync(path.join(dir, 'generated.ndjson'), lines.join('\n'));

  forgetMemos();
  const fixtureContext = createMemoryContext(
    JSON.parse(readFileSync(path.join(CORPUS_DIR, 'context.json'), 'utf8')) as MemoryContextOptions,
  );
  const fixture: string[] = [];
  for (const message of buildCorpus()) {
    const parsed = await messageInputOf(Buffer.from(message.eml, 'utf8'));
    fixture.push(digestLine({ rawHeaders: parsed.rawHeaders }, fixtureContext));
    fixture.push(digestLine(parsed, fixtureContext));
  }
  writeFileSync(path.join(dir, 'fixture.ndjson'), fixture.join('\n'));

  if (!existsSync(SHARED_CORPUS)) return console.log(`${SHARED_CORPUS}: not found, left out`);
  forgetMemos();
  const sharedContext = createMemoryContext({ identities: [] });
  const shared: string[] = [];
  for await (const entry of readSourceEntries(SHARED_CORPUS)) {
    if (entry.kind !== 'message') continue;
    const input = await messageInputOf(entry.head);
    shared.push(`${path.basename(entry.source)}\t${digestLine(input, sharedContext)}`);
  }
  writeFileSync(path.join(dir, 'shared.ndjson'), shared.join('\n'));
}

/** Where two values differ (numbers within TOLERANCE count as equal), or null. */
function difference(a: unknown, b: unknown, at: string): string | null {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= TOLERANCE ? null : `${at}: ${a} / ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? null : `${at}: ${JSON.stringify(a)} / ${JSON.stringify(b)}`;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join() !== keysB.join()) return `${at}: keys ${keysA.join()} / ${keysB.join()}`;
  for (const key of keysA) {
    const found = difference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}.${key}`,
    );
    if (found !== null) return found;
  }
  return null;
}

function compare(dirA: string, dirB: string): boolean {
  let same = true;
  for (const file of readdirSync(dirA)) {
    const a = readFileSync(path.join(dirA, file), 'utf8').split('\n');
    const b = readFileSync(path.join(dirB, file), 'utf8').split('\n');
    let identical = 0;
    let close = 0;
    const differences: string[] = [];
    if (a.length !== b.length) differences.push(`${a.length} messages / ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] === b[i]) identical++;
      else {
        const [nameA, jsonA] = a[i]!.includes('\t') ? a[i]!.split('\t') : ['', a[i]!];
        const [nameB, jsonB] = b[i]!.includes('\t') ? b[i]!.split('\t') : ['', b[i]!];
        const found =
          nameA !== nameB
            ? `file ${nameA} / ${nameB}`
            : difference(JSON.parse(jsonA!), JSON.parse(jsonB!), '');
        if (found === null) close++;
        else differences.push(`message ${i}${found}`);
      }
    }
    console.log(
      `${file}: ${a.length} messages, ${identical} identical, ${close} within ${TOLERANCE}`,
    );
    for (const d of differences.slice(0, 20)) console.log(`  DIFFERS ${d}`);
    same &&= differences.length === 0;
  }
  console.log(same ? 'same output' : 'OUTPUT DIFFERS');
  return same;
}

async function main(): Promise<void> {
  const [command, first, second] = process.argv.slice(2);
  if (command === 'write' && first) return write(first);
  if (command === 'compare' && first && second) {
    if (!compare(first, second)) process.exitCode = 1;
    return;
  }
  console.error('usage: classify-digest.ts write DIR | compare DIR_A DIR_B');
  process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
