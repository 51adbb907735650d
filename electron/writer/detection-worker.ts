// The writer's detection thread as the app runs it (writer/detection-thread.ts).
import { runDetectionThread } from './detection-thread.js';

runDetectionThread();
