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
  /** The server's PREVIEW (RFC 8970) of the body, when the FETCH asked for it ('' for no text). */
  preview?: string | null;
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
  /** Each row's PREVIEW, when the scan's FETCH asked the server for it; null otherwise. */
  previews: Array<string | null> | null;
}

export class ScannedBatchBuilder {
  private columns: Omit<ScannedBatch, 'headers' | 'ends'>;
  private blocks: Buffer[] = [];
  private bytes = 0;

  /** `withPreviews`: the FETCH asks for PREVIEW, and each row carries it. */
  constructor(private readonly withPreviews = false) {
    this.columns = this.empty();
  }

  private empty(): Omit<ScannedBatch, 'headers' | 'ends'> {
    return {
      uids: [],
      sizes: [],
      flags: [],
      internalDates: [],
      previews: this.withPreviews ? [] : null,
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
    this.columns.previews?.push(row.preview ?? null);
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
      ...(batch.previews ? { excerpt: previewExcerpt(batch.previews[i] ?? null) } : {}),
    });
  });
  return out;
}

/** A PREVIEW as the excerpt stored with the message: its text, or why there is none. */
function previewExcerpt(preview: string | null): MessageExcerpt {
  return preview ? { text: preview, note: null } : { text: null, note: 'no text (server preview)' };
}
