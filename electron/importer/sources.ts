/**
 * Reads raw messages from local files, read-only: one .eml, a folder of .eml
 * files (sub-folders become mail folders), or an mbox (Thunderbird export,
 * Google Takeout). Yields the bytes untouched so evidence stays byte-exact.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface MessageSource {
  /** Where it came from: the file path, or `path#index` (1-based) inside an mbox. */
  source: string;
  raw: Buffer;
  /** Folder relative to the imported directory ('' at its root). */
  folder: string;
}

export async function* readMessageSources(inputPath: string): AsyncGenerator<MessageSource> {
  const info = await stat(inputPath).catch((err: NodeJS.ErrnoException) => {
    throw new AppError('IMPORT_FAILED', `Cannot read ${inputPath}: ${describeFsError(err)}.`);
  });
  if (info.isDirectory()) {
    yield* readEmlFolder(inputPath, '');
  } else if (await looksLikeMbox(inputPath)) {
    yield* readMbox(inputPath);
  } else {
    yield { source: inputPath, raw: await readFile(inputPath), folder: '' };
  }
}

async function* readEmlFolder(root: string, relative: string): AsyncGenerator<MessageSource> {
  const dir = path.join(root, relative);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield* readEmlFolder(root, rel);
    } else if (entry.isFile() && /\.eml$/i.test(entry.name)) {
      yield {
        source: path.join(root, rel),
        raw: await readFile(path.join(root, rel)),
        folder: relative,
      };
    }
  }
}

async function looksLikeMbox(file: string): Promise<boolean> {
  if (/\.mbox$/i.test(file)) return true;
  const handle = createReadStream(file, { start: 0, end: 4 });
  const chunks: Buffer[] = [];
  for await (const chunk of handle) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1') === 'From ';
}

/**
 * Streams an mbox: a message starts at a line beginning with "From " (the
 * separator line itself is dropped). mboxrd escaping (">From ") is undone.
 */
async function* readMbox(file: string): AsyncGenerator<MessageSource> {
  let index = 0;
  let lines: Buffer[] = [];
  let started = false;
  const flush = (): MessageSource | null => {
    if (!started) return null;
    index += 1;
    // The blank line before the next separator belongs to the mbox, not the message.
    while (lines.length && isBlankLine(lines[lines.length - 1]!)) lines.pop();
    const raw = Buffer.concat(lines);
    lines = [];
    return { source: `${file}#${index}`, raw, folder: '' };
  };
  for await (const line of readLines(file)) {
    if (line.subarray(0, 5).toString('latin1') === 'From ') {
      const message = flush();
      if (message) yield message;
      started = true;
      continue;
    }
    if (!started) {
      if (isBlankLine(line)) continue;
      throw new AppError(
        'IMPORT_FAILED',
        `${file} is not an mbox file: it does not start with "From ".`,
      );
    }
    lines.push(/^>+From /.test(line.subarray(0, 64).toString('latin1')) ? line.subarray(1) : line);
  }
  const last = flush();
  if (last) yield last;
}

function isBlankLine(line: Buffer): boolean {
  return (
    line.length === 0 ||
    (line.length === 1 && line[0] === 0x0a) ||
    (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a)
  );
}

/** Yields lines with their line endings, as Buffers (no charset decoding). */
async function* readLines(file: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      yield buf.subarray(start, nl + 1);
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length) yield rest;
}

function describeFsError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such file or folder';
  if (err.code === 'EACCES') return 'permission denied';
  return err.message;
}
