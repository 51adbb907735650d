/**
 * Streams header blocks from the server into the store: one UID FETCH, each
 * response parsed as it arrives, written in batches (one transaction each)
 * so a dropped connection loses at most the batch in flight.
 */
import { parseInternalDate } from '../mail-format/index.js';
import { ScannedBatchBuilder, type ScannedBatch } from '../mailbox/scanned-batch.js';
import type { MessageExcerpt } from '../mailbox/messages.sql.js';
import { EXCERPT_TEXT_BYTES, excerptFromScan } from './excerpts.js';
import type { ImapWire } from './imap-wire.js';
import { fetchItems, type ImapValue, type Untagged } from './response-parser.js';
import type { SyncStateWriter } from './sync-state.sql.js';

const BATCH = 500;
/** Batches handed to the writer and not yet committed, before the socket is paused. */
const MAX_IN_FLIGHT = 4;
/** A header block larger than this is not a real message's: skip it, with the reason. */
export const MAX_HEADER_BYTES = 8 * 1024 * 1024;
/** RFC 8970 caps a preview at 256 characters; a server sending more is cut here. */
const PREVIEW_CHARS = 256;
const FIRST_PART_ITEMS = ` BODYSTRUCTURE BODY.PEEK[1]<0.${EXCERPT_TEXT_BYTES}>`;
/** How the server names a partial part 1 in its answer. */
const FIRST_PART_KEY = 'BODY[1]<0>';

/** Stores one batch (one transaction, on the writer thread); resolves with how many were new. */
export type StoreBatch = (batch: ScannedBatch) => Promise<number>;

export interface FetchHeadersOptions {
  wire: ImapWire;
  /** Where a message the scan cannot store is recorded, with why. */
  state: Pick<SyncStateWriter, 'recordProblem'>;
  folderId: number;
  uidSet: string;
  /** Only UIDs at or above this are kept ("N:*" also returns the last message when N is past the end). */
  minUid?: number;
  signal?: AbortSignal;
  store: StoreBatch;
  onBatch?: (fetched: number) => void;
  /** Ask the server for each message's PREVIEW (RFC 8970) in the same FETCH: its body excerpt. */
  preview?: boolean;
  /**
   * Ask for each message's BODYSTRUCTURE and the start of its part 1 in the same FETCH: the
   * excerpt of most messages (a plain text part first) comes with their headers, in one pass.
   */
  firstPart?: boolean;
}

export async function fetchHeaders(
  o: FetchHeadersOptions,
): Promise<{ fetched: number; added: number; problems: number }> {
  const withBody = o.preview ? ' PREVIEW' : o.firstPart ? FIRST_PART_ITEMS : '';
  const batch = new ScannedBatchBuilder(withBody !== '');
  let fetched = 0;
  let problems = 0;
  const writes: Array<Promise<number>> = [];
  let inFlight = 0;
  const flush = () => {
    if (batch.length === 0) return;
    inFlight += 1;
    // Memory stays bounded: past a few batches waiting for the writer, stop reading the server.
    if (inFlight >= MAX_IN_FLIGHT) o.wire.pause();
    const write = o.store(batch.take());
    writes.push(write);
    const settle = () => {
      inFlight -= 1;
      if (inFlight < MAX_IN_FLIGHT) o.wire.resume();
    };
    write.then(settle, settle);
    o.onBatch?.(fetched);
  };
  // No MODSEQ per message: incremental sync starts from the folder's HIGHESTMODSEQ at scan time.
  const items = `(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER]${withBody})`;
  const stopWatching = o.wire.abortOn(o.signal);
  let failure: unknown = null;
  try {
    await o.wire.command(`UID FETCH ${o.uidSet} ${items}`, (u: Untagged) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const uid = data.get('UID');
      if (typeof uid !== 'number' || uid < (o.minUid ?? 0)) return;
      const header = data.get('BODY[HEADER]');
      if (header === undefined) return; // an unsolicited flags update, not our answer
      fetched += 1;
      if (!Buffer.isBuffer(header) || header.length === 0) {
        problems += 1;
        o.state.recordProblem(
          o.folderId,
          uid,
          'the server returned no header block for this message',
        );
        return;
      }
      if (header.length > MAX_HEADER_BYTES) {
        problems += 1;
        o.state.recordProblem(
          o.folderId,
          uid,
          `header block of ${header.length} bytes exceeds ${MAX_HEADER_BYTES} bytes`,
        );
        return;
      }
      // Stored raw: detection parses the block right after the scan and fills in the summary.
      batch.push(
        {
          uid,
          size: asNumber(data.get('RFC822.SIZE')),
          flags: asFlags(data.get('FLAGS')),
          internalDate: parseInternalDate(data.get('INTERNALDATE')),
          excerpt: o.preview
            ? previewExcerpt(previewText(data.get('PREVIEW')))
            : o.firstPart
              ? scanExcerpt(data)
              : undefined,
        },
        header,
      );
      if (batch.length >= BATCH) flush();
    });
  } catch (err) {
    failure = err;
  } finally {
    stopWatching();
    // What arrived before a failure is kept: the resumed scan will not fetch it again.
    flush();
  }
  const results = await Promise.allSettled(writes);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure;
  if (rejected) throw rejected.reason;
  const added = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value : 0), 0);
  return { fetched, added, problems };
}

/** The excerpt the scan's FETCH brought (text only: HTML is fetched after, 16 KB of it). */
function scanExcerpt(data: Map<string, ImapValue>): MessageExcerpt | undefined {
  const e = excerptFromScan(data.get('BODYSTRUCTURE'), data.get(FIRST_PART_KEY));
  return e && { text: e.text, note: e.note };
}

/** A PREVIEW as the excerpt stored with the message: its text, or why there is none. */
function previewExcerpt(preview: string | null): MessageExcerpt {
  return preview ? { text: preview, note: null } : { text: null, note: 'no text (server preview)' };
}

export function asFlags(v: ImapValue | undefined): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((f): f is string => typeof f === 'string' && f.toLowerCase() !== '\\recent');
}

/**
 * A PREVIEW as text: UTF-8 (RFC 8970 §3), a literal or a quoted string (read as latin1 by the
 * response reader), at most PREVIEW_CHARS characters whatever the server sends.
 */
export function previewText(v: ImapValue | undefined): string | null {
  if (Buffer.isBuffer(v)) return bounded(v.subarray(0, PREVIEW_CHARS * 4).toString('utf8'));
  if (typeof v === 'string') return bounded(Buffer.from(v, 'latin1').toString('utf8'));
  return null;
}

function bounded(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > PREVIEW_CHARS ? trimmed.slice(0, PREVIEW_CHARS) : trimmed;
}

function asNumber(v: ImapValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}

export function modseqOf(v: ImapValue | undefined): string | null {
  const n = Array.isArray(v) ? v[0] : v;
  return typeof n === 'number' || typeof n === 'string' ? String(n) : null;
}
