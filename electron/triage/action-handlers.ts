/** The triage's bulk actions slice of the API: move, delete (to the Trash), report. */
import type { Handlers } from '../../shared/api/define.js';
import type { SpamReportResult, triageActionsCalls } from '../../shared/api/triage-actions.js';
import { AppError } from '../errors.js';
import type { TriageMailMoves } from './bulk.js';
import type { SelectionReader } from './selection.sql.js';

export interface TriageActionDeps {
  selection: SelectionReader;
  moves: TriageMailMoves;
  /** Objections' Signal Spam report (the ledger and its checks are theirs). */
  reportSpam(messageIds: readonly number[]): Promise<SpamReportResult>;
}

/** `deps` is built on the first call: composing the handlers runs nothing. */
export function triageActionHandlers(
  deps: () => TriageActionDeps,
): Handlers<typeof triageActionsCalls> {
  return {
    'triage.move': ({ selection, folder }) => deps().moves.move(selection, folder),
    'triage.delete': ({ selection }) => deps().moves.trash(selection),
    'triage.report': ({ selection, confirmation }) => {
      const d = deps();
      const ids = [...new Set(d.selection.places(selection).map((p) => p.messageId))];
      // The user agreed to send this many: a selection that changed since sends nothing.
      if (ids.length !== confirmation.messages)
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `The selection now holds ${ids.length} messages, not the ${confirmation.messages} you agreed to report: nothing was sent.`,
        );
      return d.reportSpam(ids);
    },
  };
}
