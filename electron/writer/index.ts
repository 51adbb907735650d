/**
 * The main thread's handle on the writer thread. Sync hands it batches of
 * fetched messages; detection runs there after a sync. Core events raised on
 * the thread (progress) come back through `onEvent`.
 */
import { Worker } from 'node:worker_threads';
import type { CoreEvent } from '../../shared/types.js';
import type { InsertRequest, ReconcileRequest, WriterReply, WriterRequest } from './protocol.js';

export type { InsertRequest } from './protocol.js';

export interface StoreWriter {
  /** Stores one batch in one transaction; resolves with how many messages were new. */
  insert(req: Omit<InsertRequest, 'id' | 'kind'>): Promise<number>;
  /** Classifies every message without a verdict; resolves with how many were classified. */
  /** Moved messages keep their history; those gone past the retention are dropped. */
  reconcile(goneRetentionDays: number): Promise<number>;
  classify(): Promise<number>;
  /** Resolves once the thread has loaded and opened the store (requests before it wait in line). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function startStoreWriter(o: {
  dbFile: string;
  logDir: string | null;
  onEvent(e: CoreEvent): void;
}): StoreWriter {
  const worker = spawnWorker(
    new URL(`./worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    { file: o.dbFile, logDir: o.logDir },
  );
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void exited.then(() => markReady());
  worker.on('message', (reply: WriterReply) => {
    if ('ready' in reply) return markReady();
    if ('event' in reply) return o.onEvent(reply.event);
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) p?.reject(new Error(`The store could not save: ${reply.error}`));
    else p?.resolve(reply.count);
  });
  worker.on('error', (err) => {
    failure = new Error(`The store's writer stopped: ${err.message}`);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  });
  worker.unref();

  const send = (
    req:
      | (Omit<InsertRequest, 'id' | 'kind'> & { kind: 'insert' })
      | Omit<ReconcileRequest, 'id'>
      | { kind: 'classify' },
  ) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<number>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // A batch's header blocks are handed over, not copied (the sender lets go of them).
      worker.postMessage(
        { ...req, id } as WriterRequest,
        req.kind === 'insert' ? [req.batch.headers] : [],
      );
    });
  };

  return {
    insert: (req) => send({ ...req, kind: 'insert' }),
    reconcile: (goneRetentionDays) => send({ kind: 'reconcile', goneRetentionDays }),
    classify: () => send({ kind: 'classify' }),
    ready,
    async close() {
      await Promise.allSettled(
        [...pending.values()].map(
          (p) =>
            new Promise<void>((resolve) => {
              const { resolve: res, reject: rej } = p;
              p.resolve = (n) => (res(n), resolve());
              p.reject = (e) => (rej(e), resolve());
            }),
        ),
      );
      worker.postMessage({ kind: 'close' } satisfies WriterRequest);
      await exited;
    },
  };
}

/**
 * Starts a worker on a module. Compiled (Electron), the .js file loads as is;
 * from TypeScript sources (serve, CLI, tests) the worker first registers tsx,
 * since loader flags do not carry over to worker threads.
 */
function spawnWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
