/** The writer thread as the app runs it, with a detection thread that crashes on its first slice. */
import { runStoreWriter } from '../../electron/writer/thread.js';

runStoreWriter({
  detectionEntry: new URL('./crashing-detection.detector.ts', import.meta.url),
});
