/**
 * The app's detection thread, but its classifier stops on the first message
 * once the file `hold` exists in $IG_TEST_DETECTION_DIR: it writes `held`,
 * then waits for `release`. The test acts while a slice is in the thread's
 * hands (test/verdicts/detection-thread-failures.dovecot.test.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifyMessage } from '../../electron/detect/index.js';
import { runDetectionThread } from '../../electron/writer/detection-thread.js';

const dir = process.env.IG_TEST_DETECTION_DIR!;
const pause = new Int32Array(new SharedArrayBuffer(4));

runDetectionThread({
  classify(input, context) {
    if (existsSync(path.join(dir, 'hold')) && !existsSync(path.join(dir, 'release'))) {
      writeFileSync(path.join(dir, 'held'), '');
      while (!existsSync(path.join(dir, 'release'))) Atomics.wait(pause, 0, 0, 10);
    }
    return classifyMessage(input, context);
  },
});
