/** The writer thread as the app runs it, with the detection thread of held-answers.detector.ts. */
import { runStoreWriter } from '../../electron/writer/thread.js';

runStoreWriter({ detectionEntry: new URL('./held-answers.detector.ts', import.meta.url) });
