/** How a batch of UIDs becomes server commands: each one journal entry, each line short. */
import { uidSet } from './imap-steps.js';

/**
 * UIDs per server command at most: one journal entry each. A server's cost per MOVE, COPY or
 * EXPUNGE grows with the folder's size, not the batch's (Dovecot rewrites the folder's index
 * and UID list each time): ten commands of 1,000 on a 100,000-message folder cost it about
 * five times one of 10,000. A crash still loses nothing: the journal says which batch is
 * unknown and the next run, after a sync, does what the server has not.
 */
export const RUN_BATCH = 10_000;
/** Characters of a batch's UID set at most: scattered UIDs make long command lines. */
export const UID_SET_CHARS = 8000;

/**
 * UIDs cut into batches of at most `size` UIDs whose set (runs written as ranges)
 * stays within UID_SET_CHARS, so no server refuses the command line.
 */
export function uidBatches(uids: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < uids.length;) {
    let end = Math.min(i + size, uids.length);
    // Halve until the set fits: rare, only for UIDs with many gaps.
    while (end - i > 1 && uidSet(uids.slice(i, end)).length > UID_SET_CHARS)
      end = i + Math.ceil((end - i) / 2);
    out.push(uids.slice(i, end));
    i = end;
  }
  return out;
}
