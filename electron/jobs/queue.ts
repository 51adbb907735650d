/**
 * The per-account job queue. Work that changes an account's mailbox or reads
 * it in bulk (sync, rule runs, sending, moves) runs one job at a time per
 * account, in the order asked; a read-only job may declare itself concurrent
 * and start at once. Every change of a job's state and every progress report
 * is pushed as a `job.progress` event, in order.
 */
import { AppError } from '../errors.js';
import type { CoreEvent, JobInfo, JobState } from '../../shared/types.js';

export interface JobContext {
  readonly jobId: string;
  /** Aborted when the job is cancelled (by id, by account, or at shutdown). */
  readonly signal: AbortSignal;
  progress(done: number, total: number | null, note?: string): void;
}

export type JobWork<T> = (ctx: JobContext) => Promise<T>;

export interface JobHandle<T> {
  readonly id: string;
  /** Settles with the work's result; rejects with CANCELLED if cancelled before it started. */
  readonly done: Promise<T>;
}

export interface RunOptions {
  /** A read-only job (a source fetch): starts at once, beside the account's exclusive job. */
  concurrent?: boolean;
  /**
   * Joins an existing job of this account instead of adding one: the first job whose kind is
   * listed and whose state is listed. Kinds joined this way must produce the same result type.
   */
  join?: { kinds: readonly string[]; states: readonly ('queued' | 'running')[] };
}

export interface JobQueue {
  run<T>(accountId: string, kind: string, work: JobWork<T>, options?: RunOptions): JobHandle<T>;
  /** Running and queued jobs, oldest first; of one account when given. */
  list(accountId?: string): JobInfo[];
  /** Cancels one job: a queued one never starts, a running one sees its signal aborted. */
  cancel(jobId: string): boolean;
  /** Cancels every job of an account (of the given kinds only, when listed); returns how many. */
  cancelAccount(accountId: string, kinds?: readonly string[]): number;
  /** Cancels everything and waits for the running work to return. */
  close(): Promise<void>;
}

export interface JobQueueOptions {
  emit(event: CoreEvent): void;
  /** Failures of jobs nobody awaits still reach the log. */
  onFailure?(info: JobInfo, err: unknown): void;
}

interface Job {
  info: JobInfo;
  controller: AbortController;
  done: Promise<unknown>;
  start(): void;
  rejectQueued(err: Error): void;
}

interface JobHooks {
  publish(info: JobInfo): void;
  finished(job: Job, err: unknown): void;
}

/** A job's state and promise; `start` runs the work, reporting through the hooks. */
function newJob<T>(info: JobInfo, work: JobWork<T>, hooks: JobHooks): Job {
  const controller = new AbortController();
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The caller may not await it: a failure is reported through onFailure, not as a crash.
  done.catch(() => undefined);
  const job: Job = {
    info,
    controller,
    done,
    start() {
      job.info = { ...job.info, state: 'running', startedAt: now() };
      hooks.publish(job.info);
      const ctx: JobContext = {
        jobId: info.id,
        signal: controller.signal,
        progress(doneCount, total, note) {
          if (job.info.state !== 'running') return;
          job.info = { ...job.info, done: doneCount, total, note: note ?? null };
          hooks.publish(job.info);
        },
      };
      // Started synchronously, so the work sees a cancel that follows run() at once.
      started(work, ctx).then(
        (value) => {
          hooks.finished(job, null);
          resolve(value);
        },
        (err: unknown) => {
          hooks.finished(job, err ?? new Error('job failed'));
          reject(err);
        },
      );
    },
    rejectQueued: (err) => reject(err),
  };
  return job;
}

export function createJobQueue(o: JobQueueOptions): JobQueue {
  let lastId = 0;
  const jobs = new Map<string, Job>();
  /** Exclusive jobs per account, in order; the first one runs. */
  const lines = new Map<string, Job[]>();
  let closed = false;

  const publish = (info: JobInfo) =>
    o.emit({
      type: 'job.progress',
      jobId: info.id,
      accountId: info.accountId,
      kind: info.kind,
      state: info.state,
      done: info.done,
      total: info.total,
      ...(info.note !== null ? { note: info.note } : {}),
    });

  /** Takes an ended job out, and starts the next one of its account. */
  function retire(job: Job, state: JobState) {
    jobs.delete(job.info.id);
    job.info = { ...job.info, state };
    publish(job.info);
    if (job.info.concurrent) return;
    const line = (lines.get(job.info.accountId) ?? []).filter((j) => j !== job);
    if (line.length === 0) lines.delete(job.info.accountId);
    else lines.set(job.info.accountId, line);
    if (line[0]?.info.state === 'queued') line[0].start();
  }

  const hooks: JobHooks = {
    publish,
    finished(job, err) {
      const state = job.controller.signal.aborted ? 'cancelled' : err ? 'failed' : 'done';
      retire(job, state);
      if (state === 'failed') o.onFailure?.(job.info, err);
    },
  };

  function create<T>(accountId: string, kind: string, work: JobWork<T>, concurrent: boolean) {
    const info: JobInfo = {
      id: String(++lastId),
      accountId,
      kind,
      state: 'queued',
      concurrent,
      done: 0,
      total: null,
      note: null,
      queuedAt: now(),
      startedAt: null,
    };
    return newJob(info, work, hooks);
  }

  function findJoinable(accountId: string, join: NonNullable<RunOptions['join']>) {
    for (const job of jobs.values()) {
      const { info } = job;
      if (info.accountId !== accountId || !join.kinds.includes(info.kind)) continue;
      if ((join.states as readonly string[]).includes(info.state)) return job;
    }
    return null;
  }

  function cancelJob(job: Job): void {
    if (job.info.state === 'queued') {
      job.controller.abort(cancelledBeforeStart());
      retire(job, 'cancelled');
      job.rejectQueued(cancelledBeforeStart());
    } else {
      job.controller.abort(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
    }
  }

  return {
    run<T>(accountId: string, kind: string, work: JobWork<T>, options: RunOptions = {}) {
      if (closed) throw new AppError('CANCELLED', 'Inbox Guard is closing; nothing new starts.');
      const joined = options.join ? findJoinable(accountId, options.join) : null;
      if (joined) return { id: joined.info.id, done: joined.done as Promise<T> };
      const concurrent = options.concurrent === true;
      const job = create(accountId, kind, work, concurrent);
      jobs.set(job.info.id, job);
      publish(job.info);
      if (concurrent) job.start();
      else {
        const line = lines.get(accountId) ?? [];
        line.push(job);
        lines.set(accountId, line);
        if (line.length === 1) job.start();
      }
      return { id: job.info.id, done: job.done as Promise<T> };
    },

    list(accountId) {
      return [...jobs.values()]
        .map((j) => j.info)
        .filter((info) => accountId === undefined || info.accountId === accountId);
    },

    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) return false;
      cancelJob(job);
      return true;
    },

    cancelAccount(accountId, kinds) {
      const targets = [...jobs.values()].filter(
        (j) => j.info.accountId === accountId && (!kinds || kinds.includes(j.info.kind)),
      );
      for (const job of targets) cancelJob(job);
      return targets.length;
    },

    async close() {
      closed = true;
      const all = [...jobs.values()];
      for (const job of all) cancelJob(job);
      await Promise.allSettled(all.map((j) => j.done));
    },
  };
}

/** Work that throws synchronously fails its job like work that rejects. */
function started<T>(work: JobWork<T>, ctx: JobContext): Promise<T> {
  try {
    return work(ctx);
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

function cancelledBeforeStart(): AppError {
  return new AppError('CANCELLED', 'The job was cancelled before it started.');
}

function now(): string {
  return new Date().toISOString();
}

/** True for the error a job queued and cancelled before starting rejects with. */
export function isCancelledBeforeStart(err: unknown): boolean {
  return err instanceof AppError && err.code === 'CANCELLED';
}
