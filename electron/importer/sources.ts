/**
 * Reads local mail sources, read-only: one .eml, a folder of .eml files
 * (sub-folders become mail folders), or an mbox (Thunderbird export, Google
 * Takeout). Streams: each message comes with its first bytes and its size,
 * never whole. Only regular files and folders are read (a device or a pipe is
 * refused before it is opened); symbolic links are followed and reported; what
 * is not read is reported with its reason.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { MessageStart } from './looks-like-mail.js';
import {
  describeFileType,
  describeFsError,
  readFileMessages,
  type ReadOptions,
} from './read-file.js';

/** What the importer and the CLI keep of a message: its header block and its body's start. */
export const MESSAGE_HEAD_BYTES = 1024 * 1024;

/**
 * A message: its first bytes and its whole size. Unless read with `ownHeads`,
 * `head` is a view into a buffer the next messages reuse: it is valid until
 * the next entry is asked for, so copy what must be kept.
 */
export interface MessageEntry extends MessageStart {
  kind: 'message';
  /** The file path, or `path#index` (1-based) inside an mbox. */
  source: string;
  /** Folder relative to the imported directory ('' at its root). */
  folder: string;
}

export type SourceEntry =
  | MessageEntry
  /** A file or message that could not be read; `position`: it held a place among the messages. */
  | { kind: 'skipped'; source: string; folder: string; reason: string; position: boolean }
  /** Not read by design: a file not named .eml in a folder, a link back to a folder already read. */
  | { kind: 'passed-over'; source: string; reason: string }
  | { kind: 'link'; source: string; target: string };

export async function* readSourceEntries(
  inputPath: string,
  o: { keepBytes?: number; ownHeads?: boolean } = {},
): AsyncGenerator<SourceEntry> {
  const read: ReadOptions = {
    keepBytes: o.keepBytes ?? MESSAGE_HEAD_BYTES,
    reuseHeads: !o.ownHeads,
  };
  const input = await resolveInput(inputPath);
  if (input.linkTarget) yield { kind: 'link', source: inputPath, target: input.linkTarget };
  if (input.info.isDirectory())
    yield* readFolder({ root: inputPath, read, seen: new Set([input.real]) }, '');
  else yield* readFile(inputPath, '', read);
}

/** A whole message, as viewing its source needs. */
export interface MessageSource {
  source: string;
  raw: Buffer;
  folder: string;
}

/** Whole messages, for showing one's source; stops at the first file it cannot read. */
export async function* readMessageSources(inputPath: string): AsyncGenerator<MessageSource> {
  for await (const e of readSourceEntries(inputPath, { keepBytes: Infinity, ownHeads: true })) {
    if (e.kind === 'message') yield { source: e.source, raw: e.head, folder: e.folder };
    else if (e.kind === 'skipped')
      throw new AppError('IMPORT_FAILED', `Cannot read ${e.source}: ${e.reason}.`);
  }
}

/** The path given, links resolved: a regular file or a folder, or a clear refusal. */
async function resolveInput(
  inputPath: string,
): Promise<{ info: Stats; real: string; linkTarget: string | null }> {
  const cannot = (err: unknown) =>
    new AppError('IMPORT_FAILED', `Cannot read ${inputPath}: ${describeFsError(err)}.`);
  const link = await lstat(inputPath).catch((err) => Promise.reject(cannot(err)));
  let info = link;
  let linkTarget: string | null = null;
  if (link.isSymbolicLink()) {
    linkTarget = await realpath(inputPath).catch(async (err) => {
      throw new AppError(
        'IMPORT_FAILED',
        `${inputPath} is a broken link (to ${await linkText(inputPath)}): ${describeFsError(err)}.`,
      );
    });
    info = await stat(linkTarget).catch((err) => Promise.reject(cannot(err)));
  }
  if (!info.isFile() && !info.isDirectory())
    throw new AppError(
      'IMPORT_FAILED',
      `${inputPath}${linkTarget ? ` links to ${linkTarget},` : ' is'} ${describeFileType(info)}, not a file or folder: nothing was imported.`,
    );
  const real = linkTarget ?? (info.isDirectory() ? await realpath(inputPath) : inputPath);
  return { info, real, linkTarget };
}

async function* readFile(
  file: string,
  folder: string,
  read: ReadOptions,
): AsyncGenerator<SourceEntry> {
  for await (const e of readFileMessages(file, read)) {
    if (e.kind === 'failed')
      yield { kind: 'skipped', source: file, folder, reason: e.reason, position: true };
    else
      yield {
        kind: 'message',
        source: e.fromMbox ? `${file}#${e.index}` : file,
        folder,
        head: e.head,
        size: e.size,
        fromMbox: e.fromMbox,
      };
  }
}

interface Walk {
  root: string;
  read: ReadOptions;
  /** Real paths of the folders read so far: a link back to one is not followed again. */
  seen: Set<string>;
}

async function* readFolder(walk: Walk, relative: string): AsyncGenerator<SourceEntry> {
  const dir = relative ? path.join(walk.root, relative) : walk.root;
  let names: string[];
  try {
    names = (await readdir(dir)).sort((a, b) => a.localeCompare(b));
  } catch (err) {
    if (!relative)
      throw new AppError('IMPORT_FAILED', `Cannot read ${dir}: ${describeFsError(err)}.`);
    const reason = describeFsError(err);
    yield { kind: 'skipped', source: dir, folder: relative, reason, position: false };
    return;
  }
  for (const name of names) yield* readFolderEntry(walk, relative, name);
}

/** One entry of a folder: a sub-folder, an .eml file, a link to either, or something passed over. */
async function* readFolderEntry(
  walk: Walk,
  folder: string,
  name: string,
): AsyncGenerator<SourceEntry> {
  const rel = folder ? `${folder}/${name}` : name;
  const full = path.join(walk.root, rel);
  const eml = /\.eml$/i.test(name);
  const skip = (reason: string): SourceEntry => ({
    kind: 'skipped',
    source: full,
    folder,
    reason,
    position: eml,
  });
  let info: Stats;
  let real: string | null = null;
  try {
    info = await lstat(full);
  } catch (err) {
    yield skip(describeFsError(err));
    return;
  }
  if (info.isSymbolicLink()) {
    try {
      real = await realpath(full);
      info = await stat(real);
    } catch (err) {
      yield skip(`broken link (to ${await linkText(full)}): ${describeFsError(err)}`);
      return;
    }
    if (!info.isDirectory() && !eml) {
      yield { kind: 'passed-over', source: full, reason: 'not an .eml file' };
      return;
    }
    if (!walk.seen.has(real)) yield { kind: 'link', source: full, target: real };
  }
  if (info.isDirectory()) {
    try {
      real ??= await realpath(full);
    } catch (err) {
      yield skip(describeFsError(err));
      return;
    }
    if (walk.seen.has(real)) {
      const reason = `link to a folder already read (${real}): not followed`;
      yield { kind: 'passed-over', source: full, reason };
      return;
    }
    walk.seen.add(real);
    yield* readFolder(walk, rel);
  } else if (!eml) {
    yield { kind: 'passed-over', source: full, reason: 'not an .eml file' };
  } else if (!info.isFile()) {
    yield skip(`${describeFileType(info)}, not a regular file`);
  } else {
    yield* readFile(full, folder, walk.read);
  }
}

/** What a link says it points to, for a reason; the failure itself when it cannot be read. */
function linkText(link: string): Promise<string> {
  return readlink(link).catch((err: unknown) => `unreadable: ${describeFsError(err)}`);
}
