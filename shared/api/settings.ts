/** The user's preferences, kept in the store so every door shares them. */
import { z } from 'zod';
import type { Settings } from '../types.js';
import { call } from './define.js';
import { empty } from './schemas.js';

export const settingsCalls = {
  'settings.get': call<Settings>()(empty),
  'settings.set': call<Settings>()(
    z
      .object({
        language: z.enum(['fr', 'en']).nullable().optional(),
        goneRetentionDays: z.number().int().min(0).max(3650).optional(),
        sourceRetentionDays: z.number().int().min(1).max(3650).optional(),
        journalRetentionDays: z.number().int().min(1).max(3650).optional(),
      })
      .strict(),
  ),
} as const;
