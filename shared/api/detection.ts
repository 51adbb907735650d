/** Detection: verdicts, the user's corrections, and the user's identities (addresses). */
import { z } from 'zod';
import type { IdentityInfo } from '../types.js';
import { call } from './define.js';
import { empty } from './schemas.js';

export const detectionCalls = {
  /**
   * The user marks a message's sender (or its whole domain) wanted or unwanted; the messages
   * of that sender (or domain) are scored again, and later mail follows the decision.
   */
  'messages.correct': call<{ reclassified: number; detectionErrors: number }>()(
    z
      .object({
        id: z.number().int().positive(),
        decision: z.enum(['wanted', 'unwanted']),
        scope: z.enum(['address', 'domain']),
      })
      .strict(),
  ),
  /**
   * Classifies now every stored message that has no verdict yet, trying again those detection
   * failed on (it also runs after each sync). `detectionErrors`: messages it failed on.
   */
  'detect.run': call<{ classified: number; detectionErrors: number; durationMs: number }>()(empty),
  'identities.list': call<IdentityInfo[]>()(empty),
  'identities.update': call<IdentityInfo>()(
    z
      .object({
        address: z.string().min(3).max(320),
        kind: z.enum(['personal', 'professional']).optional(),
        visibility: z.enum(['private', 'public']).optional(),
      })
      .strict(),
  ),
} as const;
