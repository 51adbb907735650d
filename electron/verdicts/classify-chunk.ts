/**
 * One chunk of messages classified in one transaction: each header block is
 * parsed once for the summary (of a row a scan stored without one), the
 * delivery addresses (identities), the header evidence and the verdict.
 *
 * Two halves: `detectRows` does the work, writing nothing but the delivery
 * identities it finds (to whatever sink it is given), and `saveDetected`
 * writes what it found. The writer thread runs both in one transaction
 * (corrections, passes over the store), or hands the first to its detection
 * thread while it goes on storing the sync (writer/detection-helper.ts).
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
import type {
  DetectionRow,
  DetectionStore,
  SummaryColumns,
  VerdictColumns,
} from './verdicts.sql.js';

export type ClassifyFn = typeof classifyMessage;

export interface DetectionFailure {
  messageId: number;
  error: Error;
}

export interface ChunkResult {
  classified: number;
  failures: DetectionFailure[];
}

/**
 * Where the delivery addresses detection finds become identities (or, known, get an earlier
 * first date); true when one was new.
 */
export type IdentitySink = (address: string, kind: string, firstSeen: string | null) => boolean;

export interface DetectDeps {
  contexts: DetectContextCache;
  classify: ClassifyFn;
  addIdentity: IdentitySink;
  /**
   * False when scoring again messages a pass has classified (a correction): their header
   * evidence is stored (or left to the pass that reads what older stores lack), and the
   * header block it comes from never changes. True: read for the rows that have none yet.
   */
  readEvidence: boolean;
}

export interface ChunkDeps extends Omit<DetectDeps, 'addIdentity'> {
  store: DetectionStore;
  /** Told of every verdict saved. */
  onVerdict?: (v: VerdictColumns) => void;
}

/** What detection found for one message, ready to save (plain values: it may cross threads). */
export interface Detected {
  id: number;
  /** An earlier pass failed on it (its failure is cleared with a verdict). */
  failed: boolean;
  /** Its date (the summary's, when detection made one). */
  date: string | null;
  /** Summary columns to save, for a row a scan stored without them. */
  summary: SummaryColumns | null;
  /** Header evidence to save (none when the message is scored again: see DetectDeps). */
  evidence: HeaderEvidence | null;
  /** Null when classifying failed (the failure is listed apart). */
  verdict: VerdictColumns | null;
}

/** A delivery address some messages came to, to add as an identity where the verdicts are saved. */
export interface DeliveryIdentity {
  address: string;
  kind: string;
  firstSeen: string | null;
}

/** What detection found for a slice classified on another thread, for the writer to save. */
export interface DetectedSlice {
  detected: Detected[];
  identities: DeliveryIdentity[];
  failures: DetectionFailure[];
}

/** Classifies a slice on another thread (the writer's detection thread). */
export interface DetectionAside {
  /** False once the thread has stopped: detection goes on where the writes are. */
  available(): boolean;
  /**
   * Classifies these stored messages (`again`: those with a verdict too, else they are
   * skipped); `epoch` changes whenever what the context is read from may have changed.
   */
  detect(ids: number[], again: boolean, epoch: number): Promise<DetectedSlice>;
}

/** A row's header block read once. */
interface ReadRow {
  row: DetectionRow;
  rawHeaders: string;
  parsed: ParsedHeaders;
  body: { text?: string; html?: string } | undefined;
  summary: SummaryColumns | null;
  evidence: HeaderEvidence | null;
}

/** An address alone in a delivery header ("<a@b>" or "a@b"). */
const DELIVERY_ADDRESS = /^[ \t]*<?([^\s<>@]+@[^\s<>]+?)>?[ \t]*$/;

/**
 * Rows read and classified at a time, inside the chunk's transaction: a few dozen parsed header
 * blocks alive at once rather than the whole chunk's, which the young generation's collections
 * would copy again and again. The detection thread works in the same slices, so that the
 * identities a slice finds are known from the same message on, wherever it is classified.
 */
export const DETECT_SLICE = 50;

export function classifyChunk(rows: readonly DetectionRow[], deps: ChunkDeps): ChunkResult {
  const now = new Date().toISOString();
  const { store } = deps;
  const detectDeps: DetectDeps = { ...deps, addIdentity: store.addIdentity };
  return store.classifying(
    rows.map((row) => row.id),
    () => {
      const failures: DetectionFailure[] = [];
      let classified = 0;
      for (let i = 0; i < rows.length; i += DETECT_SLICE) {
        const slice = rows.slice(i, i + DETECT_SLICE);
        const detected = detectRows(slice, detectDeps, failures);
        classified += saveDetected(detected, store, now, deps.onVerdict);
      }
      for (const f of failures) store.recordFailure(f.messageId, f.error.message, now);
      return { classified, failures };
    },
  );
}

/**
 * Parses and classifies these rows (failures go to `failures`), adding their delivery addresses
 * as identities before any of them is classified: a message delivered to an address is mail to
 * one of the user's identities.
 */
export function detectRows(
  rows: readonly DetectionRow[],
  deps: DetectDeps,
  failures: DetectionFailure[],
): Detected[] {
  const read: ReadRow[] = [];
  for (const row of rows) {
    try {
      read.push(readRow(row, deps.readEvidence));
    } catch (err) {
      failures.push({ messageId: row.id, error: asError(err) });
    }
  }
  if (addDeliveryIdentities(read, deps)) deps.contexts.invalidate();
  const context = deps.contexts.get();
  return read.map((r) => {
    let verdict: VerdictColumns | null = null;
    try {
      const c = deps.classify(
        { rawHeaders: r.rawHeaders, body: r.body, parsed: r.parsed },
        context,
      );
      verdict = verdictColumns(c);
    } catch (err) {
      failures.push({ messageId: r.row.id, error: asError(err) });
    }
    return {
      id: r.row.id,
      failed: r.row.failed === 1,
      date: r.summary ? r.summary.date : r.row.date,
      summary: r.summary,
      evidence: r.evidence,
      verdict,
    };
  });
}

/**
 * Writes what detection found, inside the transaction of `store.classifying`; answers how many
 * got their verdict.
 */
export function saveDetected(
  detected: readonly Detected[],
  store: DetectionStore,
  now: string,
  onVerdict?: (v: VerdictColumns) => void,
): number {
  let classified = 0;
  for (const d of detected) {
    if (d.summary) store.saveSummary(d.id, d.summary);
    if (d.evidence) store.saveEvidence(d.id, d.evidence);
    const v = d.verdict;
    if (!v) continue;
    store.saveVerdict(d.id, v, now);
    if (d.failed) store.clearFailure(d.id);
    if (v.identityLeaked && v.identity && d.date) store.markLeak(v.identity, d.id, d.date, v);
    // Scored again as no leak (the sender became a customer, a correction): if it was an
    // identity's first leak, the next one takes its place.
    else if (v.identity) store.releaseLeak(d.id);
    onVerdict?.(v);
    classified++;
  }
  return classified;
}

function readRow(row: DetectionRow, readEvidence: boolean): ReadRow {
  const rawHeaders = row.headers.toString('latin1');
  const parsed = parseHeaderBlock(rawHeaders);
  const summary =
    row.summarized === 0 ? summaryColumns(summarizeParsed(parsed), row.internal_date) : null;
  const body =
    row.text || row.html ? { text: row.text ?? undefined, html: row.html ?? undefined } : undefined;
  const evidence = readEvidence && !row.has_evidence ? headerEvidenceOf(parsed) : null;
  return { row, rawHeaders, parsed, body, summary, evidence };
}

/**
 * Adds the Delivered-To / X-Original-To addresses of these rows as identities, each with the
 * earliest date it was seen on; true if any was new.
 */
function addDeliveryIdentities(read: readonly ReadRow[], deps: DetectDeps): boolean {
  const earliest = new Map<string, string | null>();
  for (const { row, parsed, summary } of read) {
    const date = summary ? summary.date : row.date;
    for (const name of ['delivered-to', 'x-original-to']) {
      for (const value of parsed.all(name)) {
        const m = DELIVERY_ADDRESS.exec(value);
        if (!m) continue;
        const address = m[1]!.toLowerCase().replace(/\+[^@]*@/, '@');
        const seen = earliest.get(address);
        if (seen === undefined || (date !== null && (seen === null || date < seen)))
          earliest.set(address, date);
      }
    }
  }
  let added = false;
  for (const [address, date] of earliest)
    if (deps.addIdentity(address, defaultIdentityKind(address), date)) added = true;
  return added;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The columns a verdict is stored in. Of its reasons, the store keeps each signal's code and
 * params (its sentences are made again when shown, in the wording of the day), which halves the
 * row and the time to write it. Legal flags keep their sentences.
 */
function verdictColumns(c: Classification): VerdictColumns {
  const detail = {
    signals: c.signals.map((s) =>
      s.params ? { code: s.code, params: s.params } : { code: s.code },
    ),
    legalFlags: c.legalFlags,
    router: c.router,
    advertiser: c.advertiser,
  };
  return {
    verdict: c.verdict,
    score: c.score,
    unsolicited: c.unsolicited,
    routerId: c.router?.id ?? null,
    routerName: c.router?.name ?? null,
    routerAccount: c.router?.accountId ?? null,
    advertiserDomain: c.advertiser?.domain ?? null,
    advertiserName: c.advertiser?.name ?? null,
    identity: c.identity,
    plusTag: c.plusTag,
    identityLeaked: c.identityLeaked,
    detail: JSON.stringify(detail),
  };
}
