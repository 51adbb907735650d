/**
 * Reads one regular file as messages, streaming: an mbox (named .mbox, or
 * starting with "From ") or a single message. The file is opened without
 * blocking and checked again once open (it may have been swapped for a pipe
 * since the caller's stat); a read error ends the file with its reason, after
 * the messages already read.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LineEndNormalizer } from './line-ends.js';
import { MessageSplitter, NotMboxError } from './message-splitter.js';

const CHUNK_BYTES = 1024 * 1024;

export type FileReadEvent =
  | { kind: 'message'; index: number; head: Buffer; size: number; fromMbox: boolean }
  | { kind: 'failed'; reason: string };

export interface ReadOptions {
  /** How much of each message's start to keep (the rest is only counted). */
  keepBytes: number;
  /** Each head a view into a buffer reused for the next messages: no allocation per message. */
  reuseHeads: boolean;
}

export async function* readFileMessages(
  file: string,
  o: ReadOptions,
): AsyncGenerator<FileReadEvent> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    if (!isSystemError(err)) throw err;
    yield { kind: 'failed', reason: describeFsError(err) };
    return;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      yield { kind: 'failed', reason: `${describeFileType(info)}, not a regular file` };
      return;
    }
    yield* readOpenFile(handle, fileKind(file), o);
  } finally {
    await handle.close();
  }
}

async function* readOpenFile(
  handle: FileHandle,
  named: 'mbox' | 'eml' | 'other',
  o: ReadOptions,
): AsyncGenerator<FileReadEvent> {
  const lineEnds = new LineEndNormalizer();
  let splitter: MessageSplitter | null = null;
  let mbox = false;
  let total = 0;
  let messages = 0;
  // An .eml file is one message, even after an mbox "From " envelope line (which is dropped):
  // it keeps its plain name, and only what would follow it is numbered.
  const emit = (done: ReturnType<MessageSplitter['push']>): FileReadEvent[] =>
    done.map((m) => ({
      kind: 'message',
      ...m,
      fromMbox: mbox && !(named === 'eml' && m.index === 1),
    }));
  // One buffer for the whole file: the splitter copies what it keeps before the next read.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (!splitter) {
        mbox = named === 'mbox' || chunk.subarray(0, 5).toString('latin1') === 'From ';
        splitter = new MessageSplitter({ mbox, ...o });
      }
      total += bytesRead;
      const done = emit(splitter.push(lineEnds.push(chunk)));
      messages += done.length;
      yield* done;
    }
    splitter ??= new MessageSplitter({ mbox: named === 'mbox', ...o });
    // One call at a time: each may reuse the buffer the previous one's heads are in.
    const last = emit(splitter.push(lineEnds.end()));
    messages += last.length;
    yield* last;
    const final = emit(splitter.end());
    messages += final.length;
    yield* final;
  } catch (err) {
    if (err instanceof NotMboxError) yield { kind: 'failed', reason: err.message };
    else if (isSystemError(err))
      yield {
        kind: 'failed',
        reason: `${mbox ? `read error after ${messages} messages` : 'read error'}: ${describeFsError(err)}`,
      };
    else throw err;
    return;
  }
  if (messages === 0)
    yield {
      kind: 'failed',
      reason: total === 0 ? 'empty file' : 'no "From " line: not an mbox file',
    };
}

function fileKind(file: string): 'mbox' | 'eml' | 'other' {
  if (/\.mbox$/i.test(file)) return 'mbox';
  return /\.eml$/i.test(file) ? 'eml' : 'other';
}

/** An error from the system (errno), as a failing read gives; anything else is a bug. */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).errno === 'number';
}

export function describeFileType(info: Stats): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e.message ?? String(err);
  }
}
