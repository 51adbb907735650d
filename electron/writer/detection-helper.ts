/**
 * The writer's handle on its detection thread (detection-thread.ts): hands it
 * a slice of stored messages and resolves with what it found. Once the thread
 * has stopped (it crashed, or was closed), every slice handed over and every
 * later one is refused with the reason, and `available()` answers false: the
 * writer then classifies where it writes, as before the thread existed.
 */
import { inspect } from 'node:util';
import type { DetectedSlice, DetectionAside } from '../verdicts/classify-chunk.js';
import type { Worker } from 'node:worker_threads';
import type { DetectAnswer, DetectionThreadRequest } from './detection-protocol.js';
import { spawnWorker } from './spawn.js';

export interface DetectionHelper extends DetectionAside {
  close(): Promise<void>;
}

/**
 * Started with the first slice it is handed: a start of the app that classifies nothing new (the
 * CLI, an app opened to read) pays neither the thread nor its copy of the model.
 * `onStop`: the thread stopped on an error (logged by the writer).
 */
export function createDetectionHelper(
  file: string,
  entry: URL,
  onStop: (err: Error) => void,
): DetectionHelper {
  const waiting = new Map<
    number,
    { resolve: (s: DetectedSlice) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let failure: Error | null = null;
  let thread: { worker: Worker; exited: Promise<void> } | null = null;

  const stop = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };

  function start(): Worker {
    const worker = spawnWorker(entry, { file });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (answer: DetectAnswer) => {
      const w = waiting.get(answer.id);
      waiting.delete(answer.id);
      w?.resolve(sliceOf(answer));
    });
    worker.on('error', (err) => {
      const e = new Error(
        `The detection thread stopped: ${err instanceof Error ? err.message : inspect(err, { depth: 3 })}`,
      );
      stop(e);
      onStop(e);
    });
    void exited.then(() => stop(new Error('The detection thread has exited.')));
    thread = { worker, exited };
    return worker;
  }

  return {
    available: () => failure === null,
    detect(ids: number[], again: boolean, epoch: number) {
      if (failure) return Promise.reject(failure);
      const worker = thread?.worker ?? start();
      const id = nextId++;
      return new Promise<DetectedSlice>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({
          kind: 'detect',
          id,
          ids,
          again,
          epoch,
        } satisfies DetectionThreadRequest);
      });
    },
    // It writes nothing: stopped at once, whatever it was doing (what it had in hand is
    // classified at the next start), so that quitting never waits for it.
    async close() {
      failure ??= new Error('The detection thread was closed.');
      if (!thread) return;
      await thread.worker.terminate();
      await thread.exited;
    },
  };
}

function sliceOf(answer: DetectAnswer): DetectedSlice {
  return {
    detected: answer.detected,
    identities: answer.identities,
    failures: answer.failures.map((f) => {
      const error = new Error(f.message);
      if (f.stack) error.stack = f.stack;
      return { messageId: f.messageId, error };
    }),
  };
}
