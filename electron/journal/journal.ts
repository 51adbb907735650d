/**
 * The journal of actions on servers and the network (moves, flags, messages
 * sent), shared by the IMAP write path, rules and objections. An action's
 * intent is committed before anything is touched and its outcome after, so
 * a crash in between leaves a `pending` entry that the next start marks
 * `unknown`: shown as such, never retried by itself.
 */
import type { JournalState } from '../../shared/types.js';
import type { JournalRow, JournalStore } from './journal.sql.js';

export interface JournalError {
  code: string;
  message: string;
}

export interface JournalEntry<Intent = unknown, Outcome = unknown> {
  id: number;
  accountId: string;
  kind: string;
  intent: Intent;
  state: JournalState;
  outcome: Outcome | null;
  error: JournalError | null;
  createdAt: string;
  finishedAt: string | null;
  /** The entry this one reverses. */
  undoOf: number | null;
}

export interface Journal {
  /** Writes and commits the intent: call it before the server or the network is touched. */
  begin<I>(
    accountId: string,
    kind: string,
    intent: I,
    options?: { undoOf?: number },
  ): JournalEntry<I, never>;
  /** The action was carried out. An undo also marks the entry it reverses `undone`, atomically. */
  complete<O>(id: number, outcome: O): JournalEntry;
  /** The action certainly did not happen (or only the part the outcome records). */
  fail(id: number, error: JournalError, outcome?: unknown): JournalEntry;
  /** The action may or may not have happened (the connection dropped during the command). */
  markUnknown(id: number, error: JournalError): JournalEntry;
  get(id: number): JournalEntry | null;
  /** Newest first. */
  list(query: { accountId?: string; beforeId?: number; limit: number }): JournalEntry[];
  /** The entries that reverse this one, oldest first. */
  undoesOf(id: number): JournalEntry[];
  /** At start: entries a dead process left pending become unknown; returns their ids. */
  recoverInterrupted(): number[];
}

export const INTERRUPTED: JournalError = {
  code: 'INTERRUPTED',
  message:
    'Inbox Guard stopped during this action: whether the server carried it out is unknown. Check the mailbox before doing it again.',
};

export function createJournal(store: JournalStore): Journal {
  const read = (id: number): JournalEntry => {
    const row = store.get(id);
    if (!row) throw new Error(`journal entry ${id} does not exist`);
    return toEntry(row);
  };

  const end = (
    id: number,
    state: 'done' | 'failed' | 'unknown',
    outcome: unknown,
    error: JournalError | null,
  ): JournalEntry => {
    store.transaction(() => {
      const ended = store.finish(id, {
        state,
        outcome: outcome === undefined ? null : JSON.stringify(outcome),
        error: error ? JSON.stringify(error) : null,
        at: new Date().toISOString(),
      });
      // Ending an entry twice is a bug in its caller: say so rather than overwrite the record.
      if (!ended) throw new Error(`journal entry ${id} is not pending`);
      const undoOf = store.get(id)?.undoOf ?? null;
      if (state === 'done' && undoOf !== null) store.markUndone(undoOf);
    });
    return read(id);
  };

  return {
    begin(accountId, kind, intent, options = {}) {
      const id = store.insertPending({
        accountId,
        kind,
        intent: JSON.stringify(intent),
        createdAt: new Date().toISOString(),
        undoOf: options.undoOf ?? null,
      });
      return read(id) as JournalEntry<typeof intent, never>;
    },
    complete: (id, outcome) => end(id, 'done', outcome, null),
    fail: (id, error, outcome) => end(id, 'failed', outcome, error),
    markUnknown: (id, error) => end(id, 'unknown', undefined, error),
    get(id) {
      const row = store.get(id);
      return row ? toEntry(row) : null;
    },
    list: (query) => store.list(query).map(toEntry),
    undoesOf: (id) => store.undoesOf(id).map(toEntry),
    recoverInterrupted: () =>
      store.pendingToUnknown(JSON.stringify(INTERRUPTED), new Date().toISOString()),
  };
}

function toEntry(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    accountId: row.accountId,
    kind: row.kind,
    intent: JSON.parse(row.intent) as unknown,
    state: row.state,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as JournalError),
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    undoOf: row.undoOf,
  };
}
