/** The writer's detection thread with the classifier of failing-detection.writer.ts. */
import { runDetectionThread } from '../../electron/writer/detection-thread.js';
import { failingClassifier } from './failing-classifier.js';

runDetectionThread({ classify: failingClassifier });
