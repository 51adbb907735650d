/**
 * The writer thread as the app runs it, but with a classifier that throws on
 * messages carrying `X-Test-Detection: fail`: a bug in detection, injected
 * where the app would meet one (test/verdicts/detection-errors.test.ts).
 */
import { classifyMessage } from '../../electron/detect/index.js';
import { runStoreWriter } from '../../electron/writer/thread.js';

runStoreWriter({
  classify(input, context) {
    if (input.rawHeaders.includes('X-Test-Detection: fail'))
      throw new TypeError('injected detection bug');
    return classifyMessage(input, context);
  },
});
