/**
 * Drives bench/sync-worker.ts in a child process: one request at a time,
 * each answered by one reply.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerReply, WorkerRequest } from './sync-worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

export interface SyncWorker {
  request<T extends WorkerReply['type']>(
    message: WorkerRequest,
    expect: T,
  ): Promise<Extract<WorkerReply, { type: T }>>;
  /** Lets the worker close its core and exit; kills it after 10 s. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

export function startSyncWorker(): SyncWorker {
  const child: ChildProcess = fork(path.join(here, 'sync-worker.ts'), [], {
    cwd: repoRoot,
    // tsx resolves from the repo root; --expose-gc lets the worker settle its heap before measuring.
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let queue: Promise<unknown> = Promise.resolve();

  return {
    pid: child.pid,
    request(message, expect) {
      const next = queue.then(
        () =>
          new Promise<Extract<WorkerReply, { type: typeof expect }>>((resolve, reject) => {
            if (exited) {
              reject(new Error('the sync worker has exited'));
              return;
            }
            const onExit = () => reject(new Error('the sync worker exited unexpectedly'));
            child.once('exit', onExit);
            child.once('message', (reply: WorkerReply) => {
              child.off('exit', onExit);
              if (reply.type === 'error') reject(new Error(`sync worker: ${reply.message}`));
              else if (reply.type !== expect)
                reject(new Error(`sync worker answered ${reply.type}, expected ${expect}`));
              else resolve(reply as Extract<WorkerReply, { type: typeof expect }>);
            });
            child.send(message);
          }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    async stop() {
      if (exited) return;
      // Disconnecting is the worker's signal to close its core (removing the
      // data folder) and exit, even in the middle of a sync (Ctrl-C).
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        try {
          child.disconnect();
        } catch {
          // already disconnected: the worker is on its way out
        }
        await exit;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
