/** The jobs slice of the API: the per-account queue, listed and cancelled. */
import type { Handlers } from '../../shared/api/define.js';
import type { jobsCalls } from '../../shared/api/jobs.js';
import type { JobQueue } from './queue.js';

export function jobsHandlers(jobs: JobQueue): Handlers<typeof jobsCalls> {
  return {
    'jobs.list': ({ accountId }) => jobs.list(accountId),
    'jobs.cancel': (target) => ({
      cancelled:
        'jobId' in target
          ? Number(jobs.cancel(target.jobId))
          : jobs.cancelAccount(target.accountId),
    }),
  };
}
