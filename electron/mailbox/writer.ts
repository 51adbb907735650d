/**
 * Hands message batches to the writer thread and keeps track of them. The
 * scan awaits `drain()` before it reads counts or records a folder as done,
 * so the store is never seen half-written.
 */
import { Worker } from 'node:worker_threads';
import type { WriteReply, WriteRequest } from './writer-worker.js';

export interface MessageWriter {
  write(req: Omit<WriteRequest, 'id'>): Promise<number>;
  /** Resolves when every batch handed over so far is committed. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function startMessageWriter(dbFile: string): MessageWriter {
  const worker = spawnWorker(
    new URL(`./writer-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    { file: dbFile },
  );
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (reply: WriteReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) p?.reject(new Error(`Storing messages failed: ${reply.error}`));
    else p?.resolve(reply.added);
  });
  worker.on('error', (err) => {
    failure = new Error(`The message writer stopped: ${err.message}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  worker.unref();

  return {
    write(req) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      // Copied, not transferred: small Buffers share Node's pool, which a transfer would detach.
      return new Promise<number>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...req, id } satisfies WriteRequest);
      });
    },
    async drain() {
      await Promise.allSettled(
        [...pending.keys()].map(
          (id) =>
            new Promise<void>((resolve) => {
              const p = pending.get(id);
              if (!p) return resolve();
              pending.set(id, {
                resolve: (n) => (p.resolve(n), resolve()),
                reject: (e) => (p.reject(e), resolve()),
              });
            }),
        ),
      );
    },
    async close() {
      await this.drain();
      worker.postMessage('close');
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
