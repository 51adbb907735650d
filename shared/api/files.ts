/** Files the desktop app saved for the user, shown in the system's file manager. */
import { z } from 'zod';
import { call } from './define.js';

export const filesCalls = {
  /** Shows in the system's file manager a file the desktop app saved in this session. */
  'files.reveal': call<{ shown: true }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
} as const;
