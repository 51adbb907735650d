/**
 * The writer thread as the app runs it, but holding detection back: a scan is
 * stored and never classified, the state a crash between the two leaves
 * (test/verdicts/detection-after-crash.dovecot.test.ts).
 */
import { runStoreWriter } from '../../electron/writer/thread.js';

runStoreWriter({ holdDetection: true });
