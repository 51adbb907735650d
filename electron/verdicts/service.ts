/**
 * Detection over stored mail, on the writer thread (its only owner): every
 * message gets a verdict with its signals, router, advertiser and identity,
 * from its stored header block (and body excerpt when sync fetched one).
 * Runs in chunks after each sync or import and at start; a correction or an
 * identity's change scores again only the messages it can change.
 *
 * A message detection fails on keeps no verdict: the failure is stored (the
 * UI shows it), logged with the message's id, counted in the pass's report
 * and announced by an `error` event. Only an explicit run tries it again.
 */
import { classifyMessage } from '../detect/index.js';
import type { Logger } from '../log.js';
import { headerEvidenceOf, parseHeaderBlock } from '../mail-format/index.js';
import type { CoreEvent } from '../../shared/types.js';
import {
  classifyChunk,
  saveDetected,
  type ClassifyFn,
  type DetectionAside,
  type DetectionFailure,
} from './classify-chunk.js';
import { createContextCache } from './context.js';
import { createCorrectionScopes, type CorrectionRequest } from './corrections.js';
import type { VerdictStores } from './stores.js';
import type { DetectionRow, VerdictColumns } from './verdicts.sql.js';

export type { CorrectionRequest } from './corrections.js';
export type { ClassifyFn } from './classify-chunk.js';

export interface DetectionReport {
  classified: number;
  /** Messages detection failed on: no verdict, the error stored and logged with their id. */
  failed: number;
}

export interface VerdictService {
  /**
   * Classifies every message without a verdict; a call during a run waits for it, then runs.
   * `retryFailed` tries again the messages an earlier pass failed on.
   */
  classifyPending(options?: { retryFailed?: boolean }): Promise<DetectionReport>;
  /**
   * Messages a sync just stored, or whose excerpt just came, classified at once (one
   * transaction, no progress event), so verdicts arrive while the sync goes on; those that have
   * a verdict are skipped unless `again`. What they miss, the pass after the sync catches.
   */
  classifyNow(ids: readonly number[], options?: { again?: boolean }): DetectionReport;
  /**
   * The same, classified on the detection thread while this one goes on writing, then saved
   * here. `retry`: messages to queue again, because the user changed a decision or an identity
   * while they were being classified. Without the thread (none, or it stopped), classifyNow.
   */
  classifyAside(
    ids: readonly number[],
    options?: { again?: boolean },
  ): Promise<{ report: DetectionReport; retry: number[] }>;
  /** Records the user's decision, trains the model, and scores again the messages it covers. */
  correct(request: CorrectionRequest): Promise<DetectionReport>;
  /** An identity's kind or visibility changed: scores again the mail it can change. */
  rescoreIdentity(address: string): Promise<DetectionReport>;
  /** What detection's context reads changed on this thread (relationships a scan recorded). */
  contextChanged(): void;
  /**
   * An import into this account is under way: passes leave its new mail alone until `release`,
   * so that none is classified before the source's Sent folder has fed the relationship index.
   */
  hold(accountId: string): void;
  release(accountId: string): void;
  /** A batch the store failed on (no message's fault): logged with its messages, told to the UI. */
  reportStoreFailure(ids: readonly number[], err: unknown): void;
  /** Resolves once no pass is running. */
  idle(): Promise<void>;
  /** Stops between chunks and resolves once every pass has (before the database closes). */
  close(): Promise<void>;
}

export interface VerdictServiceOptions {
  /** The tables detection reads and writes (`createVerdictStores`, on the writer's connection). */
  stores: VerdictStores;
  log: Logger;
  emit(event: CoreEvent): void;
  /** The classifier (a test entry of the writer injects one that fails). */
  classify?: ClassifyFn;
  /** The writer's detection thread, for classifyAside. */
  aside?: DetectionAside;
}

const CHUNK = 500;
/** Failures logged with their stack in one pass; the others are listed by id in one line. */
const LOGGED_STACKS = 20;

export function createVerdictService(o: VerdictServiceOptions): VerdictService {
  const store = o.stores.detection;
  const scopes = createCorrectionScopes(o.stores.corrections, o.stores.decisions);
  const contexts = createContextCache(o.stores.context, o.stores.othersCommitted);
  const classify = o.classify ?? classifyMessage;
  const passes = new Set<Promise<unknown>>();
  let pendingRun: Promise<DetectionReport> | null = null;
  let evidenceChecked = false;
  let closed = false;
  // What the detection thread's context is read from may have changed: it reads it again.
  let contextEpoch = 0;
  let committedSeen = o.stores.othersCommitted();
  // The user changed a decision or an identity: what the thread classified before is stale.
  let decisionsEpoch = 0;
  /** Accounts an import is filling (see `hold`). */
  const held = new Set<string>();
  /** Messages handed to the detection thread and not yet saved. */
  const inHand = new Set<number>();
  // Advertisers whose receipts reached the user: their marketing is to a customer, not a leak.
  // One named during a pass may have had promotions classified before its receipt was (or
  // beside it, on the detection thread), and one may stop being named (its only receipt scored
  // again as something else, once its excerpt came): each pass ends by scoring again the mail
  // of every advertiser whose standing changed, or was named at all, since the last pass.
  let settledCustomers = new Set(o.stores.context.relationships.customerDomains());
  const namedCustomers = new Set<string>();

  function noteVerdict(v: VerdictColumns): void {
    const domain = v.verdict === 'transactional' ? v.advertiserDomain : null;
    if (domain && !settledCustomers.has(domain)) namedCustomers.add(domain);
  }

  async function settleCustomers(): Promise<DetectionReport> {
    if (closed) return { classified: 0, failed: 0 };
    const current = new Set(o.stores.context.relationships.customerDomains());
    const changed = new Set(namedCustomers);
    for (const d of current) if (!settledCustomers.has(d)) changed.add(d);
    for (const d of settledCustomers) if (!current.has(d)) changed.add(d);
    namedCustomers.clear();
    settledCustomers = current;
    if (changed.size === 0) return { classified: 0, failed: 0 };
    contextMayHaveChanged();
    const ids = [
      ...new Set(
        [...changed].flatMap((d) =>
          o.stores.corrections.customerStandingToSettle(d, current.has(d)),
        ),
      ),
    ];
    return run(chunksOf(ids.sort((a, b) => a - b)), 'customer relationships', ids.length, true);
  }

  function contextMayHaveChanged(): void {
    contexts.invalidate();
    contextEpoch++;
  }

  function userChangedContext(): void {
    contextEpoch++;
    decisionsEpoch++;
  }

  async function classifyAside(
    ids: readonly number[],
    again: boolean,
    aside: DetectionAside,
  ): Promise<{ report: DetectionReport; retry: number[] }> {
    const none = { report: { classified: 0, failed: 0 }, retry: [] };
    const committed = o.stores.othersCommitted();
    if (committed !== committedSeen) {
      committedSeen = committed;
      contextEpoch++;
      contexts.refresh();
    }
    // The thread reads the messages itself (those without a verdict yet, unless `again`); one
    // already in its hands is left to that slice, unless it comes again with its excerpt.
    const handed = again ? [...ids] : ids.filter((id) => !inHand.has(id));
    if (handed.length === 0) return none;
    const decided = decisionsEpoch;
    for (const id of handed) inHand.add(id);
    let slice;
    try {
      slice = await aside.detect(handed, again, contextEpoch);
    } catch (err) {
      if (closed) return none;
      // The thread stopped (the writer logged why): these are classified here, as later ones.
      if (aside.available()) throw err;
      return { report: service.classifyNow(ids, { again }), retry: [] };
    } finally {
      for (const id of handed) inHand.delete(id);
    }
    if (closed) return none;
    if (decided !== decisionsEpoch) return { ...none, retry: handed };
    const now = new Date().toISOString();
    // A message may have left the store meanwhile (its account removed, dropped when gone).
    const stored = store.stillStored(slice.detected.map((d) => d.id));
    const detected = slice.detected.filter((d) => stored.has(d.id));
    const failures = slice.failures.filter((f) => stored.has(f.messageId));
    const classified = store.classifying(
      detected.map((d) => d.id),
      () => {
        let newIdentity = false;
        for (const i of slice.identities)
          if (store.addIdentity(i.address, i.kind, i.firstSeen)) newIdentity = true;
        // The thread knows them already: only this thread's context is read again.
        if (newIdentity) contexts.invalidate();
        const n = saveDetected(detected, store, now, noteVerdict);
        for (const f of failures) store.recordFailure(f.messageId, f.error.message, now);
        return n;
      },
    );
    reportFailures(failures, 'classify');
    return { report: { classified, failed: failures.length }, retry: [] };
  }

  function track<T>(pass: Promise<T>): Promise<T> {
    passes.add(pass);
    void pass.then(
      () => passes.delete(pass),
      () => passes.delete(pass),
    );
    return pass;
  }

  function* pendingChunks(): Generator<DetectionRow[]> {
    for (let after = 0; ;) {
      const rows = store.pending(after, CHUNK, [...held]);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.id;
    }
  }

  function* chunksOf(ids: readonly number[]): Generator<DetectionRow[]> {
    for (let i = 0; i < ids.length; i += CHUNK) yield store.byIds(ids.slice(i, i + CHUNK));
  }

  /**
   * Classifies chunk after chunk, letting other requests in between; reports failures.
   * `rescoring`: the messages were classified before (a correction, an identity's change).
   */
  async function run(
    chunks: Iterable<DetectionRow[]>,
    label: string,
    total: number,
    rescoring: boolean,
  ): Promise<DetectionReport> {
    // What another connection changed since (relationships, identities) is read afresh; what
    // this one changes invalidates the context where it is changed.
    contexts.refresh();
    const failures: DetectionFailure[] = [];
    let classified = 0;
    let done = 0;
    const progress = () =>
      o.emit({ type: 'progress', task: 'classify', accountId: null, done, total, label });
    if (total > 0) progress();
    for (const rows of chunks) {
      if (closed) break;
      const result = classifyChunk(rows, {
        store,
        contexts,
        classify,
        readEvidence: !rescoring,
        onVerdict: noteVerdict,
      });
      classified += result.classified;
      failures.push(...result.failures);
      done += rows.length;
      progress();
      // Let other requests (inserts, a correction) in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    reportFailures(failures, label);
    if (classified > 0 || failures.length > 0)
      o.log.info(`${label}: ${classified} messages classified, ${failures.length} failed`);
    return { classified, failed: failures.length };
  }

  /** Copies what a pass wrote into the database, on the thread that wrote it (autocheckpoints are off). */
  function checkpointAfter(report: DetectionReport): void {
    if (report.classified > 0 || report.failed > 0) store.checkpoint();
  }

  /**
   * A correction's answer does not wait for the copy: it runs on the next turn
   * of the thread, before anything else is written (close() waits for it).
   */
  function checkpointSoon(report: DetectionReport): DetectionReport {
    void track(
      new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (!closed) checkpointAfter(report);
      }),
    );
    return report;
  }

  function reportFailures(failures: readonly DetectionFailure[], label: string): void {
    if (failures.length === 0) return;
    for (const f of failures.slice(0, LOGGED_STACKS))
      o.log.error(`detection failed on message ${f.messageId}`, f.error);
    const ids = failures.map((f) => f.messageId);
    if (ids.length > LOGGED_STACKS)
      o.log.error(
        `detection also failed on messages ${ids.slice(LOGGED_STACKS, 1000).join(', ')}${ids.length > 1000 ? ', …' : ''}`,
      );
    const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
    o.emit({
      type: 'error',
      task: 'detection',
      // A pass covers the whole store (or a sender's mail across accounts).
      accountId: null,
      code: 'DETECTION_FAILED',
      message: `Detection failed on ${ids.length} message${ids.length === 1 ? '' : 's'} during ${label} (id ${shown}): they have no verdict. The log has each error.`,
      details: { messageIds: ids.slice(0, 100), count: ids.length },
    });
  }

  /** Messages stored before detection kept header evidence get theirs (once per thread). */
  async function readMissingEvidence(): Promise<number> {
    const failures: DetectionFailure[] = [];
    let read = 0;
    for (let after = 0; !closed;) {
      const rows = store.withoutEvidence(after, CHUNK);
      if (rows.length === 0) break;
      store.transaction(() => {
        for (const row of rows) {
          try {
            store.saveEvidence(
              row.id,
              headerEvidenceOf(parseHeaderBlock(row.headers.toString('latin1'))),
            );
            read++;
          } catch (err) {
            failures.push({ messageId: row.id, error: err as Error });
          }
        }
      });
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    reportFailures(failures, 'reading header evidence');
    return read;
  }

  async function classifyPending(retryFailed: boolean): Promise<DetectionReport> {
    if (retryFailed) store.forgetFailures();
    const total = store.countPending([...held]);
    // Nothing new (most syncs, every rule run): no pass over the whole store looking for it.
    const report =
      total === 0
        ? { classified: 0, failed: 0 }
        : await run(pendingChunks(), 'classify', total, false);
    // Scored again, not newly classified: not counted in the pass's report.
    const settled = await settleCustomers();
    checkpointAfter({
      classified: report.classified + settled.classified,
      failed: report.failed + settled.failed,
    });
    if (!evidenceChecked && !closed) {
      evidenceChecked = true;
      await readMissingEvidence();
    }
    return report;
  }

  const service: VerdictService = {
    classifyNow(ids, options = {}) {
      if (closed || ids.length === 0) return { classified: 0, failed: 0 };
      // Accounts, identities or objections another connection changed since the last batch; what
      // this thread changes (relationships a scan recorded, corrections) invalidates it there.
      contexts.refresh();
      const rows = options.again ? store.byIds(ids) : store.unclassifiedByIds(ids);
      const result = classifyChunk(rows, {
        store,
        contexts,
        classify,
        // A message whose excerpt came after the scan is classified here first: its evidence is
        // read now (rows that have it are skipped), not left to a pass that parses it again.
        readEvidence: true,
        onVerdict: noteVerdict,
      });
      reportFailures(result.failures, 'classify');
      return { classified: result.classified, failed: result.failures.length };
    },

    classifyAside(ids, options = {}) {
      const aside = o.aside;
      if (closed || ids.length === 0 || !aside?.available())
        return Promise.resolve({ report: service.classifyNow(ids, options), retry: [] });
      return track(classifyAside(ids, options.again ?? false, aside));
    },

    classifyPending(options = {}) {
      const retryFailed = options.retryFailed ?? false;
      if (pendingRun) return pendingRun.then(() => service.classifyPending(options));
      pendingRun = track(classifyPending(retryFailed)).finally(() => {
        pendingRun = null;
      });
      return pendingRun;
    },

    async correct(request) {
      const ids = scopes.record(request, contexts.get());
      contexts.decisionsChanged();
      userChangedContext();
      return checkpointSoon(await track(run(chunksOf(ids), 'correction', ids.length, true)));
    },

    async rescoreIdentity(address) {
      const ids = scopes.identityMessages(address);
      userChangedContext();
      return checkpointSoon(await track(run(chunksOf(ids), 'identity change', ids.length, true)));
    },

    contextChanged: contextMayHaveChanged,
    hold: (accountId) => held.add(accountId),
    release: (accountId) => held.delete(accountId),

    reportStoreFailure(ids, err) {
      o.log.error(`detection failed on messages ${ids.join(', ')}`, err);
      o.emit({
        type: 'error',
        task: 'detection',
        accountId: null,
        code: 'DETECTION_FAILED',
        message: `Detection stopped on ${ids.length} messages (id ${ids[0]}…): ${err instanceof Error ? err.message : String(err)}. They keep no verdict until the next pass; the log has the error.`,
        details: { messageIds: ids.slice(0, 100), count: ids.length },
      });
    },

    async idle() {
      while (passes.size > 0) await Promise.allSettled([...passes]);
    },

    async close() {
      closed = true;
      await service.idle();
    },
  };
  return service;
}
