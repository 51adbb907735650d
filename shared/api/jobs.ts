/** The per-account job queue, as the UI lists and cancels it. */
import { z } from 'zod';
import type { JobInfo } from '../types.js';
import { call } from './define.js';
import { accountId } from './schemas.js';

export const jobsCalls = {
  /** Running and queued jobs (sync, rule runs, moves, sending), oldest first. */
  'jobs.list': call<JobInfo[]>()(z.object({ accountId: accountId.optional() }).strict()),
  /** Cancels one job, or every job of an account: a queued job never starts. */
  'jobs.cancel': call<{ cancelled: number }>()(
    z.union([
      z.object({ jobId: z.string().min(1).max(32) }).strict(),
      z.object({ accountId }).strict(),
    ]),
  ),
} as const;
