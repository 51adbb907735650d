/** A detection thread that crashes on the first slice it is handed (a bug, or out of memory). */
import { parentPort } from 'node:worker_threads';

parentPort!.once('message', () => {
  throw new Error('injected crash of the detection thread');
});
