/** Pieces of input schemas several capabilities share. */
import { z } from 'zod';

export const accountId = z.string().min(1).max(64);

/** A call that takes no input. */
export const empty = z.object({}).strict();

/** A stored message, by its id. */
export const messageRef = z.object({ id: z.number().int().positive() }).strict();
