/**
 * Move, delete and report for the triage's selection. A selected group stands for all its
 * messages on the server (the core reads them, not the rows on screen). Move and delete are
 * undone from the notice through the journal, newest entry first; a report cannot be undone,
 * so it asks first.
 */
import type { InboxGuardApi } from '../../../shared/api/index.js';
import { ERROR_CODES, type AppErrorData, type ErrorCode } from '../../../shared/result.js';
import type { TriageMoveResult, TriageSelectionInput } from '../../../shared/api/triage-actions.js';
import type { TriageAction, TriageActionOutcome, TriageSelection } from './actions.js';
import { MoveDialog } from './MoveDialog.js';
import { ReportDialog } from './ReportDialog.js';

/** The selection as the core's calls take it. */
export function selectionInput(s: TriageSelection): TriageSelectionInput {
  return {
    accountId: s.accountId,
    by: s.by,
    keys: s.groups.map((g) => g.key),
    messageIds: s.messages.map((m) => m.id),
  };
}

/** How many messages the selection stands for (each group's count, each single message). */
export const selectedMessages = (s: TriageSelection) =>
  s.groups.reduce((n, g) => n + g.count, 0) + s.messages.length;

const anything = (s: TriageSelection) => s.onServer && s.groups.length + s.messages.length > 0;

/** A journal's or ledger's error as the UI shows errors (its own code when it is an API code). */
export function asAppError(e: { code: string; message: string }, otherwise: ErrorCode) {
  const code = (ERROR_CODES as readonly string[]).includes(e.code) ? e.code : otherwise;
  return { code, message: e.message } as AppErrorData;
}

export const cancelled = (e: { code: string }) => e.code === 'CANCELLED';

/** A move's outcome: the undo goes through the journal, the latest entry first. */
export function movedOutcome(api: InboxGuardApi, result: TriageMoveResult): TriageActionOutcome {
  return {
    done: result.moved,
    // A refused batch: TriageScreen's notice reads CONFLICT as "the server refused part of it".
    // Stopped by the user: what was done is the outcome, not an error.
    error: result.error && !cancelled(result.error) ? asAppError(result.error, 'CONFLICT') : null,
    undo:
      result.journalIds.length === 0
        ? undefined
        : async () => {
            for (const id of [...result.journalIds].reverse()) {
              const undone = await api.call('journal.undo', { id });
              if (!undone.ok) return undone.error;
            }
            return null;
          },
  };
}

export const moveAction: TriageAction = {
  id: 'move',
  shortcut: 'm',
  applies: anything,
  Dialog: MoveDialog,
};

export const deleteAction: TriageAction = {
  id: 'delete',
  shortcut: '#',
  alsoKey: { key: 'Delete', fr: 'Suppr' },
  applies: anything,
  async run(api, s) {
    const result = await api.call('triage.delete', { selection: selectionInput(s) });
    return result.ok ? movedOutcome(api, result.value) : { done: 0, error: result.error };
  },
};

export const reportAction: TriageAction = {
  id: 'report',
  shortcut: '!',
  applies: anything,
  Dialog: ReportDialog,
};
