/**
 * The writer's side of the detection helper (detect-helper.ts). Messages a
 * sync stores are read and prepared here (summary, header evidence and
 * delivery identities saved, one transaction), scored on the helper thread
 * while the writer goes on storing, then their verdicts saved here (one
 * transaction). Two batches at most are with the helper, so it never waits
 * and memory stays bounded; the others wait as ids.
 *
 * The verdicts are those the writer would give: a batch scored with a
 * context that has changed since (a correction, an identity, another
 * connection's commit) is scored again here, and so is every batch while
 * the helper is loading or after it failed.
 */
import type { Worker } from 'node:worker_threads';
import {
  addDeliveryIdentities,
  asError,
  readRow,
  saveClassification,
  SLICE,
  type DetectionFailure,
} from './classify-chunk.js';
import type { DetectContextCache } from './context.js';
import type { HelperItem, HelperReply, HelperRequest } from './detect-helper.js';
import type { DetectionRow, DetectionStore } from './verdicts.sql.js';

export interface HelperQueue {
  /** Scores these messages on the helper soon (`again`: those with a verdict too). */
  add(ids: readonly number[], again: boolean): void;
  /** Resolves once nothing waits or is being scored. */
  idle(): Promise<void>;
  /** Drops what waits (the pass at the next start scores it) and stops the helper. */
  close(): Promise<void>;
}

export interface HelperQueueDeps {
  /** Starts the helper thread (on the first batch of a sync; it stops once idle). */
  startHelper(): Worker;
  store: DetectionStore;
  contexts: DetectContextCache;
  /** Scores on the writer, as without a helper. */
  classifyHere(ids: readonly number[], again: boolean): void;
  reportFailures(failures: readonly DetectionFailure[]): void;
  /** The helper thread failed (the writer scores from then on). */
  helperFailed(err: Error | null): void;
}

/** Batches with the helper at once: one scored, the next ready for it. */
const IN_FLIGHT = 2;
/** The helper's memory is given back once no batch has come for this long. */
const STOP_AFTER_MS = 10_000;
/**
 * A batch this large (a scan's, not an incremental sync's handful) starts the helper; smaller
 * ones are scored on the writer unless it runs.
 */
const START_FROM = 200;
/** A helper not loaded by then is given up: the writer scores. */
const LOAD_TIMEOUT_MS = 60_000;

interface Sent {
  rows: DetectionRow[];
  /** The writer's own context changes when sent (contexts.ownChanges). */
  changes: number;
  again: boolean;
}

export function createHelperQueue(d: HelperQueueDeps): HelperQueue {
  const waiting: Array<{ ids: readonly number[]; again: boolean }> = [];
  const sent = new Map<number, Sent>();
  let nextId = 1;
  let helper: Worker | null = null;
  let ready = false;
  /** The helper failed (or the queue closed): the writer scores everything. */
  let down = false;
  let idleWaiters: Array<() => void> = [];
  let stopTimer: NodeJS.Timeout | null = null;

  const isIdle = () => waiting.length === 0 && sent.size === 0;
  const settleIdle = () => {
    if (!isIdle()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
    if (helper && !stopTimer) {
      stopTimer = setTimeout(() => void stop(), STOP_AFTER_MS);
      stopTimer.unref();
    }
  };

  async function stop(): Promise<void> {
    if (stopTimer) clearTimeout(stopTimer);
    stopTimer = null;
    const h = helper;
    helper = null;
    ready = false;
    if (!h) return;
    h.removeAllListeners();
    // An 'error' after this is the thread going away: nothing waits on it.
    h.on('error', () => undefined);
    await h.terminate();
  }

  /** The helper failed: what it held and what waits is scored here, and all that follows. */
  const fallBack = (err?: unknown) => {
    if (down) return;
    d.helperFailed(err instanceof Error ? err : null);
    down = true;
    void stop();
    for (const s of sent.values()) d.classifyHere(idsOf(s.rows), s.again);
    sent.clear();
    for (const w of waiting.splice(0)) d.classifyHere(w.ids, w.again);
    settleIdle();
  };

  function start(): void {
    const h = d.startHelper();
    helper = h;
    const loading = setTimeout(
      () => fallBack(new Error(`not loaded after ${LOAD_TIMEOUT_MS} ms`)),
      LOAD_TIMEOUT_MS,
    );
    loading.unref();
    h.on('message', (reply: HelperReply) => {
      if ('ready' in reply) {
        clearTimeout(loading);
        ready = true;
        pump();
      } else {
        answered(reply);
      }
    });
    h.on('error', fallBack);
    h.on('exit', fallBack);
    h.once('exit', () => clearTimeout(loading));
  }

  function pump(): void {
    while (helper && ready && sent.size < IN_FLIGHT && waiting.length > 0) {
      const { ids, again } = waiting.shift()!;
      // What other connections committed is read afresh for each batch, as on the writer.
      d.contexts.refresh();
      const before = d.contexts.ownChanges();
      const rows = prepare(again ? d.store.byIds(ids) : d.store.unclassifiedByIds(ids), d);
      // Identities this batch adds came after those sent: the writer would have scored them
      // without them too.
      const changes = d.contexts.ownChanges();
      for (const s of sent.values()) if (s.changes === before) s.changes = changes;
      if (rows.length === 0) continue;
      const id = nextId++;
      sent.set(id, { rows, changes, again });
      const generation = d.contexts.generation();
      helper.postMessage({ id, generation, items: rows.map(itemOf) } satisfies HelperRequest);
    }
    settleIdle();
  }

  function answered(reply: Exclude<HelperReply, { ready: true }>): void {
    const s = sent.get(reply.id);
    if (!s) return;
    sent.delete(reply.id);
    // Scored before a correction or an identity's change this thread made: scored again here.
    if ('failure' in reply || d.contexts.ownChanges() !== s.changes) {
      d.classifyHere(idsOf(s.rows), s.again);
    } else {
      d.reportFailures(save(s.rows, reply.results, d.store));
    }
    pump();
  }

  return {
    add(ids, again) {
      if (ids.length === 0) return;
      if (down || (!helper && ids.length < START_FROM)) return d.classifyHere(ids, again);
      if (stopTimer) clearTimeout(stopTimer);
      stopTimer = null;
      // Batches wait while it loads (a fraction of a second), then go in order.
      if (!helper) start();
      waiting.push({ ids, again });
      pump();
    },
    idle: () =>
      isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async close() {
      down = true;
      waiting.splice(0);
      sent.clear();
      settleIdle();
      await stop();
    },
  };
}

const idsOf = (rows: readonly DetectionRow[]) => rows.map((r) => r.id);

const itemOf = (row: DetectionRow & { rawHeaders?: string }): HelperItem => ({
  id: row.id,
  rawHeaders: row.rawHeaders!,
  text: row.text,
  html: row.html,
});

/**
 * What the writer saves before scoring (as classifyChunk does): each row's summary and header
 * evidence, and the delivery addresses as identities (the helper reads them). Answers the rows
 * read, each with its header block as detection reads it.
 */
function prepare(
  rows: readonly DetectionRow[],
  d: HelperQueueDeps,
): Array<DetectionRow & { rawHeaders: string }> {
  const now = new Date().toISOString();
  const failures: DetectionFailure[] = [];
  const prepared: Array<DetectionRow & { rawHeaders: string }> = [];
  const seenAddresses = new Set<string>();
  d.store.transaction(() => {
    for (let i = 0; i < rows.length; i += SLICE) {
      const read = [];
      for (const row of rows.slice(i, i + SLICE)) {
        try {
          read.push(readRow(row, true));
        } catch (err) {
          failures.push({ messageId: row.id, error: asError(err) });
        }
      }
      for (const r of read) {
        if (r.summary) d.store.saveSummary(r.row.id, r.summary);
        if (r.evidence) d.store.saveEvidence(r.row.id, r.evidence);
        prepared.push(Object.assign(r.row, { rawHeaders: r.rawHeaders }));
      }
      if (addDeliveryIdentities(read, { store: d.store, seenAddresses })) d.contexts.invalidate();
    }
    for (const f of failures) d.store.recordFailure(f.messageId, f.error.message, now);
  });
  d.reportFailures(failures);
  return prepared;
}

/** The helper's answers saved in one transaction; answers the messages it failed on. */
function save(
  rows: readonly DetectionRow[],
  results: Extract<HelperReply, { results: unknown }>['results'],
  store: DetectionStore,
): DetectionFailure[] {
  const now = new Date().toISOString();
  const failures: DetectionFailure[] = [];
  store.transaction(() => {
    rows.forEach((row, i) => {
      const result = results[i]!;
      if (result.ok) {
        saveClassification(row, result.classification, store, now);
        return;
      }
      const error = new Error(result.message);
      if (result.stack) error.stack = result.stack;
      failures.push({ messageId: row.id, error });
    });
    for (const f of failures) store.recordFailure(f.messageId, f.error.message, now);
  });
  return failures;
}
