/**
 * The app's classifier with a bug injected: it throws on messages carrying
 * `X-Test-Detection: fail` (test/verdicts/detection-errors.test.ts).
 */
import { classifyMessage } from '../../electron/detect/index.js';
import type { ClassifyFn } from '../../electron/verdicts/index.js';

export const failingClassifier: ClassifyFn = (input, context) => {
  if (input.rawHeaders.includes('X-Test-Detection: fail'))
    throw new TypeError('injected detection bug');
  return classifyMessage(input, context);
};
