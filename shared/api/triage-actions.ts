/**
 * The triage's bulk actions on mail (issue 16): move the selected messages to a folder, delete
 * them (to the account's Trash), report them to Signal Spam. A selection is whole triage groups
 * (every message of the group on a server, not just the rows on screen) and single messages.
 */
import { z } from 'zod';
import { call } from './define.js';
import { accountId } from './schemas.js';
import { TRIAGE_GROUPINGS } from './triage.js';

/** The job kind a move or a deletion runs as in the account's queue (its progress events). */
export const TRIAGE_MOVE_JOB = 'triage-move';

/** Groups, and single messages, one selection takes at most. */
export const MAX_SELECTED = 1000;
/** Messages one report sends at most (each is one request to Signal Spam, after one consent). */
export const MAX_REPORTED_MESSAGES = 200;

export const triageSelectionSchema = z
  .object({
    accountId: accountId.optional(),
    by: z.enum(TRIAGE_GROUPINGS),
    keys: z.array(z.string().max(320).nullable()).max(MAX_SELECTED).default([]),
    messageIds: z.array(z.number().int().positive()).max(MAX_SELECTED).default([]),
  })
  .strict()
  .refine((s) => s.keys.length + s.messageIds.length > 0, { message: 'Nothing is selected.' });

export type TriageSelectionInput = z.output<typeof triageSelectionSchema>;

/** What a move or a deletion did: the journal entries to undo it by, newest last. */
export interface TriageMoveResult {
  /** Messages the server moved. */
  moved: number;
  /** Messages already gone from their folder on the server (nothing to move). */
  missing: number;
  /** The done entries, in the order they were made (undo goes the other way). */
  journalIds: number[];
  /** A batch the server refused, or a lost connection that ended the action early. */
  error: { code: string; message: string } | null;
}

export interface SpamReportResult {
  reported: number;
  /** Messages whose very source Signal Spam had already received: not sent again. */
  alreadyReported: number;
  /** Reports that failed, with the first reason. */
  failed: number;
  error: { code: string; message: string } | null;
}

/** A folder's path; no control character (a CR or LF would end the IMAP command line). */
const folder = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^[^\p{Cc}]+$/u, 'A folder name has no control characters.');

export const triageActionsCalls = {
  /** Moves the selected messages to `folder` (created where an account lacks it). */
  'triage.move': call<TriageMoveResult>()(
    z.object({ selection: triageSelectionSchema, folder }).strict(),
  ),
  /** Moves the selected messages to their account's Trash (never a permanent deletion). */
  'triage.delete': call<TriageMoveResult>()(
    z.object({ selection: triageSelectionSchema }).strict(),
  ),
  /**
   * Reports the selected messages to Signal Spam. `confirmation` is what the user agreed to:
   * that many messages to Signal Spam; a selection that no longer counts as many sends nothing.
   */
  'triage.report': call<SpamReportResult>()(
    z
      .object({
        selection: triageSelectionSchema,
        confirmation: z
          .object({
            to: z.literal('signal-spam'),
            messages: z.number().int().min(1).max(MAX_REPORTED_MESSAGES),
          })
          .strict(),
      })
      .strict(),
  ),
} as const;
