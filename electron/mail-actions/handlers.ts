/** The journal slice of the API: actions done on servers, and undo. */
import type { Handlers } from '../../shared/api/define.js';
import type { journalCalls } from '../../shared/api/journal.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type { Journal } from '../journal/index.js';
import type { MailActions } from './service.js';

export interface JournalHandlerDeps {
  jobs: JobQueue;
  journal: Journal;
  mailActions: MailActions;
}

export function journalHandlers(d: JournalHandlerDeps): Handlers<typeof journalCalls> {
  return {
    'journal.list': (query) => d.mailActions.list(query),
    'journal.undo': async ({ id }) => {
      const entry = d.journal.get(id);
      if (!entry) throw new AppError('NOT_FOUND', 'This journal entry does not exist.');
      // A job of the account's queue: the undo never runs beside a sync or a rule run.
      const undo = await d.jobs.run(entry.accountId, 'undo', () => d.mailActions.undo(id)).done;
      return d.mailActions.describe(undo);
    },
  };
}
