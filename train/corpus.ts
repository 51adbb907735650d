/**
 * The labelled real-mail corpus (../shared/corpus: messages/*.eml and
 * labels.tsv), read as the CLI reads a message, with each message's label as
 * a verdict and its group for cross-validation: the sender's registrable
 * domain, so that one sender never sits on both sides of a fold.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageInputOf } from '../electron/cli/eml.js';
import { createMemoryContext, type MessageInput } from '../electron/detect/index.js';
import { modelInputFor } from '../electron/detect/classify.js';
import { MODEL_CLASSES, type ModelClass } from '../electron/detect/model/scorer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The corpus beside the project's folder, as CI and every worktree see it. */
export const DEFAULT_CORPUS = path.resolve(here, '..', '..', 'shared', 'corpus');

const LABEL_TO_CLASS: Record<string, ModelClass> = {
  marketing: 'newsletter',
  cold_prospecting: 'cold_prospecting',
  spam_other: 'spam',
  personal: 'personal',
  list_discussion: 'list_discussion',
  transactional: 'transactional',
};

export interface LabelledMessage {
  file: string;
  label: ModelClass;
  /** Index of the label in MODEL_CLASSES. */
  classIndex: number;
  /** Sender's registrable domain (or the file name when there is none). */
  group: string;
  input: MessageInput;
}

export interface Corpus {
  dir: string;
  messages: LabelledMessage[];
  /** SHA-256 of labels.tsv: which labelling a model was trained on. */
  labelsSha256: string;
}

export function corpusExists(dir: string = DEFAULT_CORPUS): boolean {
  return existsSync(path.join(dir, 'labels.tsv')) && existsSync(path.join(dir, 'messages'));
}

export async function loadCorpus(dir: string = DEFAULT_CORPUS): Promise<Corpus> {
  const labels = readFileSync(path.join(dir, 'labels.tsv'));
  const lines = labels.toString('utf8').split('\n').slice(1).filter(Boolean);
  const context = createMemoryContext();
  const messages: LabelledMessage[] = [];
  for (const line of lines) {
    const [file, label] = line.split('\t');
    const verdict = LABEL_TO_CLASS[label ?? ''];
    if (!file || !verdict) throw new Error(`labels.tsv: unknown label in "${line.slice(0, 80)}"`);
    const input = await messageInputOf(readFileSync(path.join(dir, 'messages', file)));
    const read = modelInputFor(input, context);
    messages.push({
      file,
      label: verdict,
      classIndex: MODEL_CLASSES.indexOf(verdict),
      group: read.f.fromRegistrable ?? `file:${file}`,
      input,
    });
  }
  // Files in name order, whatever order the TSV lists them in: training is order-sensitive.
  messages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { dir, messages, labelsSha256: createHash('sha256').update(labels).digest('hex') };
}
