/** Loads the labelled corpus (regenerating the .eml files if they are missing). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { messageInputOf } from '../../electron/cli/eml.js';
import {
  createMemoryContext,
  type DetectContext,
  type MessageInput,
} from '../../electron/detect/index.js';
import type { MemoryContextOptions } from '../../electron/detect/memory.js';
import {
  buildCorpus,
  CORPUS_DIR,
  MESSAGES_DIR,
  writeCorpus,
  type Label,
} from '../fixtures/corpus/generate.js';

export interface CorpusEntry {
  file: string;
  label: Label;
  input: MessageInput;
}

export function corpusContext(): DetectContext {
  const options = JSON.parse(
    readFileSync(path.join(CORPUS_DIR, 'context.json'), 'utf8'),
  ) as MemoryContextOptions;
  return createMemoryContext(options);
}

let cached: CorpusEntry[] | null = null;

export async function loadCorpus(): Promise<CorpusEntry[]> {
  if (cached) return cached;
  const labelsPath = path.join(CORPUS_DIR, 'labels.json');
  const present =
    existsSync(MESSAGES_DIR) && readdirSync(MESSAGES_DIR).some((f) => f.endsWith('.eml'));
  if (!present || !existsSync(labelsPath)) writeCorpus(buildCorpus());
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, Label>;
  const entries: CorpusEntry[] = [];
  for (const [file, label] of Object.entries(labels)) {
    const raw = readFileSync(path.join(MESSAGES_DIR, file));
    entries.push({ file, label, input: await messageInputOf(raw) });
  }
  cached = entries;
  return entries;
}
