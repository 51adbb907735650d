/**
 * The writer thread as the app runs it, but with a classifier that throws on
 * messages carrying `X-Test-Detection: fail`: a bug in detection, injected
 * where the app would meet one (test/verdicts/detection-errors.test.ts), on
 * the writer and on its detection thread alike.
 */
import { runStoreWriter } from '../../electron/writer/thread.js';
import { failingClassifier } from './failing-classifier.js';

runStoreWriter({
  classify: failingClassifier,
  detectionEntry: new URL('./failing-detection.detector.ts', import.meta.url),
});
