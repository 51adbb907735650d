/**
 * The triage's bulk moves: a selection's messages moved to a folder or to the Trash through
 * the journaled write path (each batch's intent committed before the server is touched), per
 * account as a job of its queue and per folder in batches of UIDs. The store follows at once
 * and `messages.changed` is announced by the sessions; the done entries come back so the UI
 * can undo them with `journal.undo`.
 */
import {
  TRIAGE_MOVE_JOB,
  type TriageMoveResult,
  type TriageSelectionInput,
} from '../../shared/api/triage-actions.js';
import { AppError, isAppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type { JournalEntry } from '../journal/index.js';
import {
  RUN_BATCH,
  uidBatches,
  type MailActions,
  type MailRequest,
  type SessionOptions,
  type TransferOutcome,
} from '../mail-actions/index.js';
import type { SelectedPlace, SelectionReader } from './selection.sql.js';

export interface TriageMailMoves {
  /** To `folder` in each account (created where an account lacks it). */
  move(selection: TriageSelectionInput, folder: string): Promise<TriageMoveResult>;
  /** To each account's Trash (created when an account has none: the user asked to delete). */
  trash(selection: TriageSelectionInput): Promise<TriageMoveResult>;
}

export interface TriageMailMovesDeps {
  selection: SelectionReader;
  mailActions: Pick<MailActions, 'session'>;
  jobs: Pick<JobQueue, 'run'>;
  /** Whether the account's mail is on an IMAP server (a local import's is on none). */
  onServer(accountId: string): boolean;
  /** Test-only: runs once each batch's intent is committed, before the server is touched. */
  sessionOptions?: SessionOptions;
}

type Request = (folder: string, uids: number[]) => MailRequest;

/** Account → folder → UIDs, in the order the places came. */
function byAccountAndFolder(places: readonly SelectedPlace[]) {
  const accounts = new Map<string, Map<string, number[]>>();
  for (const p of places) {
    const folders = accounts.get(p.accountId) ?? new Map<string, number[]>();
    accounts.set(p.accountId, folders);
    const uids = folders.get(p.folder) ?? [];
    folders.set(p.folder, uids);
    // Appended in place: copying the list per message was quadratic on a big group.
    uids.push(p.uid);
  }
  return accounts;
}

export function createTriageMailMoves(d: TriageMailMovesDeps): TriageMailMoves {
  async function act(places: SelectedPlace[], request: Request): Promise<TriageMoveResult> {
    if (places.length === 0)
      throw new AppError('NOT_FOUND', 'None of the selected messages is on a server any more.');
    // Refused before anything is journaled: there is no server to write to.
    if (places.some((p) => !d.onServer(p.accountId)))
      throw new AppError(
        'INVALID_INPUT',
        'Some of these messages come from a local import: they are on no server, so nothing was moved.',
      );
    const result: TriageMoveResult = { moved: 0, missing: 0, journalIds: [], error: null };
    const record = (entry: JournalEntry) => {
      if (entry.state !== 'done') {
        result.error ??= entry.error ?? { code: 'SERVER_REFUSED', message: 'Refused.' };
        return;
      }
      const outcome = entry.outcome as TransferOutcome;
      result.journalIds.push(entry.id);
      result.moved += outcome.uidMap.length;
      result.missing += outcome.missing.length;
    };
    for (const [accountId, folders] of byAccountAndFolder(places)) {
      const work = d.jobs.run(accountId, TRIAGE_MOVE_JOB, async (ctx) => {
        const session = d.mailActions.session(accountId, d.sessionOptions);
        const total = [...folders.values()].reduce((n, uids) => n + uids.length, 0);
        let done = 0;
        ctx.progress(0, total);
        try {
          for (const [folder, uids] of folders)
            for (const batch of uidBatches(uids, RUN_BATCH)) {
              if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The move was cancelled.');
              record(await session.run(request(folder, batch)));
              ctx.progress((done += batch.length), total);
            }
        } finally {
          await session.close();
        }
      });
      try {
        await work.done;
      } catch (err) {
        // What was done before stays undoable: the UI gets its entries with the reason it stopped.
        if (!isAppError(err)) throw err;
        result.error = { code: err.code, message: err.message };
        return result;
      }
    }
    return result;
  }

  return {
    move(selection, to) {
      const places = d.selection.places(selection);
      // Already there: nothing to move.
      const elsewhere = places.filter((p) => p.folder !== to);
      if (places.length > 0 && elsewhere.length === 0)
        throw new AppError(
          'CONFLICT',
          `The selected messages are already in ${to}: nothing to move.`,
        );
      return act(elsewhere, (from, uids) => ({ kind: 'move', from, to, uids, createTarget: true }));
    },
    trash: (selection) =>
      act(d.selection.places(selection), (from, uids) => ({
        kind: 'trash',
        from,
        uids,
        createTrash: true,
      })),
  };
}
