/**
 * A batch of scanned messages on its way to the writer thread. The header
 * blocks travel in one buffer whose memory is handed over (transferred), not
 * copied: a structured clone of 500 separate Buffers cost the reading thread
 * about as much as parsing the server's responses.
 */
import type { MessageExcerpt, MessageInput } from './messages.sql.js';
import type { HeaderSummary } from '../mail-format/index.js';

export interface ScannedRow {
  uid: number;
  size: number;
  flags: string[];
  internalDate: string | null;
  /**
   * The body excerpt that came with the headers (the server's PREVIEW, or the first text part
   * read in the same FETCH); none when it is to be fetched after the scan.
   */
  excerpt?: MessageExcerpt;
}

/**
 * Rows as columns of plain values: cloning arrays of numbers and strings
 * costs a fraction of cloning as many small objects.
 */
export interface ScannedBatch {
  uids: number[];
  sizes: number[];
  /** Each row's flags, space-separated (as the store keeps them). */
  flags: string[];
  internalDates: Array<string | null>;
  /** Every header block, one after the other. */
  headers: ArrayBuffer;
  /** Where each row's header block ends in `headers`. */
  ends: number[];
  /**
   * Each row's excerpt as two columns: its text, or why it has none; both null when it came
   * without one (fetched after the scan). Null when the FETCH asked for no body.
   */
  excerptTexts: Array<string | null> | null;
  excerptNotes: Array<string | null> | null;
}

export class ScannedBatchBuilder {
  private columns: Omit<ScannedBatch, 'headers' | 'ends'>;
  private blocks: Buffer[] = [];
  private bytes = 0;

  /** `withExcerpts`: the FETCH asks for a body excerpt, and rows may carry one. */
  constructor(private readonly withExcerpts = false) {
    this.columns = this.empty();
  }

  private empty(): Omit<ScannedBatch, 'headers' | 'ends'> {
    return {
      uids: [],
      sizes: [],
      flags: [],
      internalDates: [],
      excerptTexts: this.withExcerpts ? [] : null,
      excerptNotes: this.withExcerpts ? [] : null,
    };
  }

  get length(): number {
    return this.blocks.length;
  }

  push(row: ScannedRow, headers: Buffer): void {
    this.columns.uids.push(row.uid);
    this.columns.sizes.push(row.size);
    this.columns.flags.push(row.flags.join(' '));
    this.columns.internalDates.push(row.internalDate);
    this.columns.excerptTexts?.push(row.excerpt?.text ?? null);
    this.columns.excerptNotes?.push(row.excerpt?.note ?? null);
    this.blocks.push(headers);
    this.bytes += headers.length;
  }

  /** The batch so far (the builder starts over empty). */
  take(): ScannedBatch {
    // Its own ArrayBuffer (not Node's shared pool), so it can be transferred.
    const packed = Buffer.allocUnsafeSlow(this.bytes);
    const ends: number[] = [];
    let offset = 0;
    for (const block of this.blocks) {
      offset += block.copy(packed, offset);
      ends.push(offset);
    }
    const batch: ScannedBatch = { ...this.columns, headers: packed.buffer as ArrayBuffer, ends };
    this.columns = this.empty();
    this.blocks = [];
    this.bytes = 0;
    return batch;
  }
}

/**
 * The batch as messages to insert. Header blocks are views into the one
 * buffer. `summaryFor` gives a message's summary, says to compute it on
 * insert (undefined), or leaves it for detection (null).
 */
export function unpackScannedBatch(
  batch: ScannedBatch,
  summaryFor: (headers: Buffer) => HeaderSummary | null | undefined,
): MessageInput[] {
  const out: MessageInput[] = [];
  let start = 0;
  const all = Buffer.from(batch.headers);
  batch.uids.forEach((uid, i) => {
    const end = batch.ends[i]!;
    const headers = all.subarray(start, end);
    start = end;
    out.push({
      uid,
      size: batch.sizes[i]!,
      flags: batch.flags[i] ? batch.flags[i]!.split(' ') : [],
      internalDate: batch.internalDates[i]!,
      headers,
      origin: null,
      summary: summaryFor(headers),
      ...excerptAt(batch, i),
    });
  });
  return out;
}

function excerptAt(batch: ScannedBatch, i: number): { excerpt?: MessageExcerpt } {
  const text = batch.excerptTexts?.[i] ?? null;
  const note = batch.excerptNotes?.[i] ?? null;
  return text === null && note === null ? {} : { excerpt: { text, note } };
}

/** How many rows of the batch came with their excerpt. */
export function excerptsIn(batch: ScannedBatch): number {
  let n = 0;
  batch.excerptTexts?.forEach((text, i) => {
    if (text !== null || batch.excerptNotes![i] !== null) n++;
  });
  return n;
}
