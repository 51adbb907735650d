export {
  createJobQueue,
  isCancelledBeforeStart,
  type JobContext,
  type JobHandle,
  type JobQueue,
  type JobQueueOptions,
  type JobWork,
  type RunOptions,
} from './queue.js';
