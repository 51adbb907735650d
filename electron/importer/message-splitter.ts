/**
 * Cuts a file's bytes into messages as they stream by, keeping only each
 * message's first `keepBytes` (its header block and the start of its body)
 * and counting the rest: memory stays bounded whatever the file or line size,
 * and each byte is looked at once (a 100 MB line without LF is one pass).
 *
 * In an mbox a message starts after a line beginning with "From " (that line
 * is dropped), mboxrd escaping (">From ") is undone, and the one blank line
 * before the next separator belongs to the mbox. Otherwise the whole file is
 * one message, untouched. Input lines end with LF (see line-ends.ts).
 */
const LF = 0x0a;
/** A line's first piece holds at least this much, for the "From " and ">From " tests. */
const LINE_START_BYTES = 64;

export interface SplitMessage {
  /** 1-based position in the file. */
  index: number;
  /**
   * The message's first bytes, at most `keepBytes`. With `reuseHeads`, a view
   * into a buffer the next `push` overwrites: copy what must outlive it.
   */
  head: Buffer;
  /** The message's whole length in bytes. */
  size: number;
}

/** Thrown for an .mbox file whose first line (after blank lines) is not a "From " line. */
export class NotMboxError extends Error {
  constructor() {
    super('it does not start with a "From " line: not an mbox file');
  }
}

/** Bytes `start..end` of `buf`: a line or a run of lines, not yet copied. */
interface Span {
  buf: Buffer;
  start: number;
  end: number;
}

interface OpenMessage {
  /** Copies of their own (see `detach`). */
  parts: Buffer[];
  /** The kept bytes since the last copy: consecutive lines extend it, allocating nothing. */
  run: Span | null;
  kept: number;
  size: number;
  /** A blank line held back: it belongs to the mbox if a separator comes next. */
  pendingBlank: Span | null;
}

export class MessageSplitter {
  private current: OpenMessage | null = null;
  private count = 0;
  private done: SplitMessage[] = [];
  /** The start of a line shorter than LINE_START_BYTES, waiting for the next chunk. */
  private carry: Buffer | null = null;
  /** Inside a line whose first piece was already read: the rest follows its fate. */
  private midLine: 'keep' | 'drop' | null = null;
  /** Where the heads of one `push` are written, when heads are reused (no garbage per message). */
  private arena: Buffer = Buffer.alloc(0);
  private arenaUsed = 0;

  constructor(private readonly o: { mbox: boolean; keepBytes: number; reuseHeads: boolean }) {
    if (!o.mbox) this.current = openMessage();
  }

  /** Feeds the next chunk (which the caller may reuse afterwards); returns the messages it completed. */
  push(chunk: Buffer): SplitMessage[] {
    this.arenaUsed = 0;
    let pos = this.carry ? this.completeCarry(chunk) : 0;
    while (pos < chunk.length) {
      const lf = chunk.indexOf(LF, pos);
      if (lf === -1) {
        if (this.midLine === null && chunk.length - pos < LINE_START_BYTES)
          this.carry = Buffer.from(chunk.subarray(pos));
        else this.piece(chunk, pos, chunk.length, false);
        break;
      }
      this.piece(chunk, pos, lf + 1, true);
      pos = lf + 1;
    }
    this.detach();
    return this.take();
  }

  /**
   * Joins the carried line start with the first bytes of `chunk` (a small copy,
   * never the whole chunk); returns where the rest of the chunk starts.
   */
  private completeCarry(chunk: Buffer): number {
    const carry = this.carry!;
    this.carry = null;
    const lf = chunk.indexOf(LF);
    const room = LINE_START_BYTES - carry.length;
    const taken = lf !== -1 && lf < room ? lf + 1 : Math.min(room, chunk.length);
    const joined = Buffer.concat([carry, chunk.subarray(0, taken)]);
    if (joined[joined.length - 1] === LF) this.piece(joined, 0, joined.length, true);
    else if (joined.length >= LINE_START_BYTES) this.piece(joined, 0, joined.length, false);
    else this.carry = joined;
    return taken;
  }

  /** The end of the file: completes the last message. */
  end(): SplitMessage[] {
    this.arenaUsed = 0;
    const carry = this.carry;
    this.carry = null;
    if (carry) this.piece(carry, 0, carry.length, true);
    if (this.current) this.finish();
    return this.take();
  }

  private take(): SplitMessage[] {
    const done = this.done;
    this.done = [];
    return done;
  }

  /** One line, or a piece of a long one (`lineEnds` false until its last piece). */
  private piece(buf: Buffer, start: number, end: number, lineEnds: boolean): void {
    if (this.midLine !== null) {
      if (this.midLine === 'keep') this.append(buf, start, end);
      if (lineEnds) this.midLine = null;
      return;
    }
    const fate = this.lineStart(buf, start, end, lineEnds);
    if (!lineEnds) this.midLine = fate;
  }

  /** The first piece of a line: a separator, a blank line, or content. */
  private lineStart(buf: Buffer, start: number, end: number, whole: boolean): 'keep' | 'drop' {
    if (!this.o.mbox) {
      this.append(buf, start, end);
      return 'keep';
    }
    if (startsWithFrom(buf, start, end)) {
      if (this.current) this.finish();
      this.current = openMessage();
      return 'drop';
    }
    const blank = whole && isBlankLine(buf, start, end);
    if (!this.current) {
      if (blank) return 'drop';
      throw new NotMboxError();
    }
    this.flushBlank();
    if (blank) {
      this.current.pendingBlank = { buf, start, end };
      return 'drop';
    }
    this.append(buf, isEscapedFrom(buf, start, end) ? start + 1 : start, end);
    return 'keep';
  }

  private flushBlank(): void {
    const blank = this.current!.pendingBlank;
    if (!blank) return;
    this.current!.pendingBlank = null;
    this.append(blank.buf, blank.start, blank.end);
  }

  private append(buf: Buffer, start: number, end: number): void {
    const m = this.current!;
    m.size += end - start;
    const take = Math.min(end - start, this.o.keepBytes - m.kept);
    if (take <= 0) return;
    m.kept += take;
    if (m.run && m.run.buf === buf && m.run.end === start) {
      m.run.end = start + take;
      return;
    }
    if (m.run) m.parts.push(m.run.buf.subarray(m.run.start, m.run.end));
    m.run = { buf, start, end: start + take };
  }

  /** The caller reuses its chunk: copy what the open message still points into. */
  private detach(): void {
    const m = this.current;
    if (!m) return;
    if (m.run) {
      m.parts.push(Buffer.from(m.run.buf.subarray(m.run.start, m.run.end)));
      m.run = null;
    }
    if (m.pendingBlank) {
      const { buf, start, end } = m.pendingBlank;
      m.pendingBlank = { buf: Buffer.from(buf.subarray(start, end)), start: 0, end: end - start };
    }
  }

  private finish(): void {
    const m = this.current!;
    this.current = null;
    this.count += 1;
    if (m.run) m.parts.push(m.run.buf.subarray(m.run.start, m.run.end));
    this.done.push({ index: this.count, head: this.copyHead(m.parts, m.kept), size: m.size });
  }

  /** A copy: the parts may point into the caller's chunk, which it reuses. */
  private copyHead(parts: Buffer[], length: number): Buffer {
    if (!this.o.reuseHeads) return Buffer.concat(parts, length);
    if (this.arenaUsed + length > this.arena.length) {
      // Heads already handed out keep the old arena alive; this push continues in a new one.
      this.arena = Buffer.allocUnsafe(Math.max(2 * this.arena.length, length, 1 << 20));
      this.arenaUsed = 0;
    }
    let at = this.arenaUsed;
    for (const part of parts) at += part.copy(this.arena, at);
    const head = this.arena.subarray(this.arenaUsed, at);
    this.arenaUsed = at;
    return head;
  }
}

function openMessage(): OpenMessage {
  return { parts: [], run: null, kept: 0, size: 0, pendingBlank: null };
}

function startsWithFrom(b: Buffer, at: number, end: number): boolean {
  return (
    end - at >= 5 &&
    b[at] === 0x46 &&
    b[at + 1] === 0x72 &&
    b[at + 2] === 0x6f &&
    b[at + 3] === 0x6d &&
    b[at + 4] === 0x20
  );
}

/** ">From ", ">>From "...: mboxrd's escape for a body line starting with "From ". */
function isEscapedFrom(b: Buffer, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < LINE_START_BYTES && b[i] === 0x3e) i++;
  return i > start && startsWithFrom(b, i, end);
}

function isBlankLine(b: Buffer, start: number, end: number): boolean {
  const length = end - start;
  return (
    (length === 1 && b[start] === LF) || (length === 2 && b[start] === 0x0d && b[start + 1] === LF)
  );
}
