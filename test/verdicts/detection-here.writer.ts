/**
 * The writer thread as the app runs it, but classifying every slice itself,
 * with no detection thread: what test/verdicts/detection-thread.dovecot.test.ts
 * compares the app's verdicts with.
 */
import { runStoreWriter } from '../../electron/writer/thread.js';

runStoreWriter({ detectionEntry: null });
