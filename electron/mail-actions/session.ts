/**
 * A batch of IMAP actions on one account over one connection, each journaled
 * on its own: the intent is committed, then the connection is opened (on the
 * first action, unless `warmUp` opened it) and the server touched, then the
 * outcome is recorded. A
 * refusal is a failed entry; a connection lost mid-command leaves the entry
 * `unknown` and ends the batch.
 */
import type { ImapFlow } from 'imapflow';
import type { AccountsService } from '../accounts/service.js';
import { AppError, isAppError } from '../errors.js';
import type { Journal, JournalEntry, JournalError } from '../journal/index.js';
import {
  ActionRefused,
  ConnectionLost,
  appendMessage,
  changeFlags,
  createFolder,
  purge,
  refusedByServer,
  transfer,
} from './imap-steps.js';
import { planAction, type PlanDeps, type MailRequest } from './plan.js';
import type { PlannedAction } from './types.js';

export interface SessionOptions {
  /**
   * Runs once an action's intent is committed, before the server is touched. Tests use it to
   * stop a process at that very point; the app never sets it.
   */
  beforeServerCall?(entry: JournalEntry): void | Promise<void>;
}

export interface MailSession {
  /** Plans the request from the store, then runs it journaled. Resolves with its entry. */
  run(request: MailRequest): Promise<JournalEntry>;
  /** Runs an action already planned (an undo's inverse, with the entry it reverses). */
  perform(action: PlannedAction, undoOf?: number): Promise<JournalEntry>;
  /**
   * Connects, logs in and selects this folder read-write ahead of the first action, while the
   * caller still works out what to do: none of it touches a message, so nothing is journaled.
   * Never fails: a failure is left to the first action, which connects again and reports it.
   */
  warmUp(folder: string): void;
  /** Logs out. */
  close(): Promise<void>;
}

export interface SessionDeps extends PlanDeps {
  accounts: AccountsService;
  journal: Journal;
  /** Brings the store in line with what the server did (after the outcome is journaled). */
  recordInStore(accountId: string, action: PlannedAction, outcome: unknown): Promise<void>;
  /** Once per session that changed the store, at its close: lists and counts refresh. */
  onChanged(accountId: string): void;
}

export function openMailSession(
  deps: SessionDeps,
  accountId: string,
  options: SessionOptions = {},
): MailSession {
  let client: ImapFlow | null = null;
  let warming: Promise<void> | null = null;
  let busy = false;
  let changed = false;

  const connection = async (): Promise<ImapFlow> => {
    await warming;
    if (client?.usable) return client;
    // QRESYNC: a MOVE's expunges come as one VANISHED range, not a line per message.
    client = await deps.accounts.open(accountId, { qresync: true });
    return client;
  };

  async function perform(action: PlannedAction, undoOf?: number): Promise<JournalEntry> {
    if (busy) throw new Error('A mail session runs one action at a time.');
    busy = true;
    try {
      const entry = deps.journal.begin(accountId, action.kind, action.intent, { undoOf });
      return await carryOut(entry, action);
    } finally {
      busy = false;
    }
  }

  async function carryOut(entry: JournalEntry, action: PlannedAction): Promise<JournalEntry> {
    let imap: ImapFlow;
    try {
      await options.beforeServerCall?.(entry);
      imap = await connection();
    } catch (err) {
      // Nothing reached the server: the action certainly did not happen.
      deps.journal.fail(entry.id, journalError(err));
      throw err;
    }
    let outcome: unknown;
    let done: JournalEntry;
    try {
      outcome = await execute(imap, action);
      done = deps.journal.complete(entry.id, outcome);
    } catch (err) {
      if (err instanceof ActionRefused)
        return deps.journal.fail(entry.id, { code: err.code, message: err.message }, err.partial);
      if (refusedByServer(imap, err))
        return deps.journal.fail(entry.id, {
          code: 'SERVER_REFUSED',
          message: `The server refused: ${serverText(err)}`,
        });
      return lostTrack(entry, imap, err);
    }
    // The outcome is journaled: a failure from here on is the store's, not the server's.
    await deps.recordInStore(accountId, action, outcome);
    changed = true;
    return done;
  }

  /** The server may or may not have acted: the entry says unknown, and the error goes up. */
  function lostTrack(entry: JournalEntry, imap: ImapFlow, err: unknown): never {
    const lost = err instanceof ConnectionLost || !imap.usable;
    const message = err instanceof Error ? err.message : String(err);
    deps.journal.markUnknown(entry.id, {
      code: lost ? 'CONNECTION_LOST' : 'INTERNAL',
      message,
    });
    if (!lost) throw err;
    client = null;
    throw new AppError(
      'CONNECTION_LOST',
      `${message} Whether the server carried out the action is unknown: the journal shows it so, and it is not retried.`,
    );
  }

  async function warm(folder: string): Promise<void> {
    try {
      client = await deps.accounts.open(accountId, { qresync: true });
      await client.mailboxOpen(folder);
    } catch {
      // Only time was to be won here: the first action opens its own connection (a broken
      // one is not `usable`) and selects its folder, and reports what goes wrong then.
    }
  }

  return {
    run: (request) => perform(planAction(deps, accountId, request)),
    perform,
    warmUp(folder) {
      if (!client && !warming) warming = warm(folder);
    },
    async close() {
      await warming;
      const c = client as ImapFlow | null;
      client = null;
      if (changed) deps.onChanged(accountId);
      changed = false;
      await c?.logout().catch(() => c.close());
    },
  };
}

async function execute(client: ImapFlow, action: PlannedAction): Promise<unknown> {
  switch (action.kind) {
    case 'move':
    case 'copy':
      if (action.intent.createFolder) await createFolder(client, action.intent.to);
      return transfer(client, action.intent, action.kind);
    case 'trash': {
      const created = action.intent.createFolder && (await createFolder(client, action.intent.to));
      const outcome = await transfer(client, action.intent, 'move');
      return created ? { ...outcome, createdFolder: action.intent.to } : outcome;
    }
    case 'flags.add':
      return changeFlags(client, action.intent, 'add');
    case 'flags.remove':
      return changeFlags(client, action.intent, 'remove');
    case 'append':
      return appendMessage(client, action.intent, action.raw);
    case 'purge':
      return purge(client, action.intent);
  }
}

function journalError(err: unknown): JournalError {
  if (isAppError(err)) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

function serverText(err: unknown): string {
  const e = err as { responseText?: unknown; message?: unknown };
  return String(e.responseText ?? e.message ?? 'no reason given');
}
