/**
 * The IMAP write path as the core sees it: sessions of journaled actions,
 * undo of a journal entry, and the journal's entries as sentences. Callers
 * run these as jobs of the account's queue (a move never overlaps a sync).
 */
import type { AccountsService } from '../accounts/service.js';
import { AppError } from '../errors.js';
import {
  describeEntry,
  undoEntry,
  type ActionKinds,
  type Journal,
  type JournalEntry,
} from '../journal/index.js';
import type { FoldersStore } from '../mailbox/folders.sql.js';
import type { JournalEntryInfo } from '../../shared/types.js';
import { MAIL_ACTION_KINDS } from './kinds.js';
import type { LocationStore } from './locations.sql.js';
import { recordInStore, type LocationWrites } from './store-update.js';
import { openMailSession, type MailSession, type SessionOptions } from './session.js';
import type { PlannedAction } from './types.js';

export interface MailActions {
  /** One connection for a batch of actions, each journaled on its own. The caller closes it. */
  session(accountId: string, options?: SessionOptions): MailSession;
  /**
   * Reverses a done entry as a new journaled action (`undo_of`); the entry becomes `undone`
   * when that succeeds. NOT_UNDOABLE, with the reason, for a purge or an unknown outcome.
   */
  undo(entryId: number, options?: SessionOptions): Promise<JournalEntry>;
  /** Recent entries, newest first, each with its sentence and whether it can be undone. */
  list(query: { accountId?: string; beforeId?: number; limit: number }): JournalEntryInfo[];
  describe(entry: JournalEntry): JournalEntryInfo;
}

export interface MailActionsDeps {
  accounts: AccountsService;
  folders: FoldersStore;
  /** What the store knows of the messages an action names (read before its intent). */
  locations: LocationStore;
  /** Brings the store's places in line with what the server did. */
  locationWrites: LocationWrites;
  journal: Journal;
  /** How other capabilities' entries read (objections' requests): described, never undone here. */
  otherKinds?: ActionKinds<never>;
  /** A session's actions changed the account's messages (emits `messages.changed`). */
  onChanged(accountId: string): void;
}

export function createMailActions(deps: MailActionsDeps): MailActions {
  const kinds: ActionKinds<PlannedAction> = { ...deps.otherKinds, ...MAIL_ACTION_KINDS };
  const sessionDeps = {
    accounts: deps.accounts,
    journal: deps.journal,
    locations: deps.locations,
    folders: (accountId: string) => deps.folders.listFolders(accountId),
    recordInStore: (accountId: string, action: PlannedAction, outcome: unknown) =>
      recordInStore(
        { folders: deps.folders, writes: deps.locationWrites },
        accountId,
        action,
        outcome,
      ),
    onChanged: deps.onChanged,
  };
  const session = (accountId: string, options?: SessionOptions) =>
    openMailSession(sessionDeps, accountId, options);

  return {
    session,
    async undo(entryId, options) {
      const entry = deps.journal.get(entryId);
      if (!entry) throw new AppError('NOT_FOUND', 'This journal entry does not exist.');
      const s = session(entry.accountId, options);
      try {
        return await undoEntry(deps.journal, kinds, entryId, (action, undoOf) =>
          s.perform(action, undoOf),
        );
      } finally {
        await s.close();
      }
    },
    list: (query) => deps.journal.list(query).map((e) => describeEntry(deps.journal, kinds, e)),
    describe: (entry) => describeEntry(deps.journal, kinds, entry),
  };
}
