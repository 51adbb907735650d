/**
 * The writer's handle on its detection thread (detection-thread.ts): hands it
 * a slice of stored messages and resolves with what it found. Once the thread
 * has stopped (it crashed, or was closed), every slice handed over and every
 * later one is refused with the reason, and `available()` answers false: the
 * writer then classifies where it writes, as before the thread existed.
 */
import { inspect } from 'node:util';
import type { DetectedSlice, DetectionAside } from '../verdicts/classify-chunk.js';
import type {
  DetectAnswer,
  DetectionThreadReply,
  DetectionThreadRequest,
} from './detection-protocol.js';
import { spawnWorker } from './spawn.js';

export interface DetectionHelper extends DetectionAside {
  close(): Promise<void>;
}

/** `onStop`: the thread stopped on an error (logged by the writer). */
export function startDetectionHelper(
  file: string,
  entry: URL,
  onStop: (err: Error) => void,
): DetectionHelper {
  const worker = spawnWorker(entry, { file });
  const waiting = new Map<
    number,
    { resolve: (s: DetectedSlice) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let failure: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const stop = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (reply: DetectionThreadReply) => {
    if ('ready' in reply) return;
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    w?.resolve(sliceOf(reply));
  });
  worker.on('error', (err) => {
    const e = new Error(
      `The detection thread stopped: ${err instanceof Error ? err.message : inspect(err, { depth: 3 })}`,
    );
    stop(e);
    onStop(e);
  });
  void exited.then(() => stop(new Error('The detection thread has exited.')));

  return {
    available: () => failure === null,
    detect(ids: number[], again: boolean, epoch: number) {
      if (failure) return Promise.reject(failure);
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
      await worker.terminate();
      await exited;
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
