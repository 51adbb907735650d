/**
 * One chunk of messages classified in one transaction: each header block is
 * parsed once for the summary (of a row a scan stored without one), the
 * delivery addresses (identities), the header evidence and the verdict.
 *
 * A message detection fails on is not given a verdict: the failure is
 * recorded with the message's id and returned, for the caller to log, count
 * and report. Only the pure work (parsing, classifying) is caught, message
 * by message; a failing write aborts the chunk as any store error does.
 */
import { defaultIdentityKind, type classifyMessage } from '../detect/index.js';
import type { Classification } from '../detect/types.js';
import {
  headerEvidenceOf,
  parseHeaderBlock,
  summarizeParsed,
  type HeaderEvidence,
  type ParsedHeaders,
} from '../mail-format/index.js';
import { summaryColumns } from '../mailbox/message-rows.js';
import type { DetectContextCache } from './context.js';
import type { DetectionRow, DetectionStore, SummaryColumns } from './verdicts.sql.js';

export type ClassifyFn = typeof classifyMessage;

export interface DetectionFailure {
  messageId: number;
  error: Error;
}

export interface ChunkResult {
  classified: number;
  failures: DetectionFailure[];
}

export interface ChunkDeps {
  store: DetectionStore;
  contexts: DetectContextCache;
  classify: ClassifyFn;
  /** Delivery addresses already stored during this pass: nearly every message repeats one. */
  seenAddresses: Set<string>;
  /**
   * False when scoring again messages a pass has classified (a correction): their header
   * evidence is stored (or left to the pass that reads what older stores lack), and the
   * header block it comes from never changes. True: read for the rows that have none yet.
   */
  readEvidence: boolean;
}

/** A row's header block read once, with what is saved from it whatever the verdict. */
interface ReadRow {
  row: DetectionRow;
  rawHeaders: string;
  parsed: ParsedHeaders;
  body: { text?: string; html?: string } | undefined;
  /** Summary columns to save, for a row a scan stored without them. */
  summary: SummaryColumns | null;
  /** Header evidence to save (none when the message is scored again: see ChunkDeps). */
  evidence: HeaderEvidence | null;
}

/** An address alone in a delivery header ("<a@b>" or "a@b"). */
const DELIVERY_ADDRESS = /^[ \t]*<?([^\s<>@]+@[^\s<>]+?)>?[ \t]*$/;

/**
 * Rows read and classified at a time, inside the chunk's transaction: a few dozen parsed header
 * blocks alive at once rather than the whole chunk's, which the young generation's collections
 * would copy again and again.
 */
const SLICE = 50;

export function classifyChunk(rows: readonly DetectionRow[], deps: ChunkDeps): ChunkResult {
  const now = new Date().toISOString();
  const ids = rows.map((row) => row.id);
  return deps.store.classifying(ids, () => {
    const failures: DetectionFailure[] = [];
    let classified = 0;
    for (let i = 0; i < rows.length; i += SLICE)
      classified += classifySlice(rows.slice(i, i + SLICE), deps, now, failures);
    for (const f of failures) deps.store.recordFailure(f.messageId, f.error.message, now);
    return { classified, failures };
  });
}

/** Reads, saves what is kept whatever the verdict, then classifies a few rows; answers how many. */
function classifySlice(
  rows: readonly DetectionRow[],
  deps: ChunkDeps,
  now: string,
  failures: DetectionFailure[],
): number {
  const { store } = deps;
  const read: ReadRow[] = [];
  for (const row of rows) {
    try {
      read.push(readRow(row, deps.readEvidence));
    } catch (err) {
      failures.push({ messageId: row.id, error: asError(err) });
    }
  }
  for (const r of read) {
    if (r.summary) store.saveSummary(r.row.id, r.summary);
    if (r.evidence) store.saveEvidence(r.row.id, r.evidence);
  }
  // A delivery address is an identity before the message delivered to it is classified.
  if (addDeliveryIdentities(read, deps)) deps.contexts.invalidate();
  const context = deps.contexts.get();
  let classified = 0;
  for (const r of read) {
    let c: Classification;
    try {
      c = deps.classify({ rawHeaders: r.rawHeaders, body: r.body, parsed: r.parsed }, context);
    } catch (err) {
      failures.push({ messageId: r.row.id, error: asError(err) });
      continue;
    }
    saveClassification(r.row, c, store, now);
    classified++;
  }
  return classified;
}

function readRow(row: DetectionRow, readEvidence: boolean): ReadRow {
  const rawHeaders = row.headers.toString('latin1');
  const parsed = parseHeaderBlock(rawHeaders);
  let summary: SummaryColumns | null = null;
  if (row.summarized === 0) {
    summary = summaryColumns(summarizeParsed(parsed), row.internal_date);
    row.date = summary.date;
  }
  const body =
    row.text || row.html ? { text: row.text ?? undefined, html: row.html ?? undefined } : undefined;
  const evidence = readEvidence && !row.has_evidence ? headerEvidenceOf(parsed) : null;
  return { row, rawHeaders, parsed, body, summary, evidence };
}

function saveClassification(
  row: DetectionRow,
  c: Classification,
  store: DetectionStore,
  now: string,
): void {
  store.saveVerdict(row.id, c, JSON.stringify(detailOf(c)), now);
  if (row.failed) store.clearFailure(row.id);
  if (c.identityLeaked && c.identity && row.date) store.markLeak(c.identity, row.id, row.date, c);
}

/** Adds the Delivered-To / X-Original-To addresses of a chunk as identities; true if any was new. */
function addDeliveryIdentities(chunk: readonly ReadRow[], deps: ChunkDeps): boolean {
  let added = false;
  for (const { row, parsed } of chunk) {
    for (const name of ['delivered-to', 'x-original-to']) {
      for (const value of parsed.all(name)) {
        const m = DELIVERY_ADDRESS.exec(value);
        if (!m) continue;
        const address = m[1]!.toLowerCase().replace(/\+[^@]*@/, '@');
        if (deps.seenAddresses.has(address)) continue;
        deps.seenAddresses.add(address);
        if (deps.store.addIdentity(address, defaultIdentityKind(address), row.date)) added = true;
      }
    }
  }
  return added;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * What the UI shows beyond the indexed columns. Of a verdict's reasons, the
 * store keeps each signal's code and params (its sentences are made again
 * when shown, in the wording of the day), which halves the row and the time
 * to write it. Legal flags keep their sentences.
 */
function detailOf(c: Classification) {
  return {
    signals: c.signals.map((s) =>
      s.params ? { code: s.code, params: s.params } : { code: s.code },
    ),
    legalFlags: c.legalFlags,
    router: c.router,
    advertiser: c.advertiser,
  };
}
