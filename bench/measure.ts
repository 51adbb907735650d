/**
 * Drives bench/sync-worker.ts in a child process: one request at a time,
 * each answered by one reply.
 *
 * The worker runs the code as it ships: compiled by tsc (tsconfig.bench.json,
 * into dist/bench-build) and run by plain Node, as the built app runs it.
 * Under tsx, every thread the core starts would transpile its modules when it
 * starts (the detection thread starts with the first sync) and keep a loader
 * thread of its own. BENCH_TSX=1 runs the sources under tsx instead.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerReply, WorkerRequest } from './sync-worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const BUILD_DIR = path.join(repoRoot, 'dist', 'bench-build');
const fromSource = process.env.BENCH_TSX === '1';

/** Compiles the worker and the app's code it runs (about 15 s), the model file beside them. */
export function buildSyncWorker(log: (message: string) => void): void {
  if (fromSource) {
    log('sync worker: the sources under tsx (BENCH_TSX=1)');
    return;
  }
  log('sync worker: compiling the app as it ships (tsc -p tsconfig.bench.json)');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.bench.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const model = path.join('electron', 'detect', 'model', 'model.json');
  copyFileSync(path.join(repoRoot, model), path.join(BUILD_DIR, model));
}

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
  const entry = fromSource
    ? path.join(here, 'sync-worker.ts')
    : path.join(BUILD_DIR, 'bench', 'sync-worker.js');
  const child: ChildProcess = fork(entry, [], {
    cwd: repoRoot,
    // tsx resolves from the repo root; --expose-gc lets the worker settle its heap before measuring.
    execArgv: [
      ...(fromSource ? ['--import', 'tsx'] : []),
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
