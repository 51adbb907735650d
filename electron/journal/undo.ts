/**
 * Undo on the journal (the idea of Actual Budget's `undoable`): each kind of
 * action declares how a done entry is reversed, or why it cannot be. Undo
 * runs that inverse as a new journaled action pointing back with `undo_of`;
 * when it is done, the journal marks the original `undone` in the same
 * transaction. An entry whose outcome is unknown is never undone blindly.
 */
import { AppError } from '../errors.js';
import type { JournalEntryInfo } from '../../shared/types.js';
import type { Journal, JournalEntry } from './journal.js';

export interface Sentence {
  en: string;
  fr: string;
}

export interface ActionKind<Action> {
  /** The action itself as a noun phrase ("Move of 3 messages from INBOX to Archive"). */
  describe(entry: JournalEntry): Sentence;
  /** The action that reverses a done entry, or why none can. */
  inverse(entry: JournalEntry): { action: Action } | { notUndoable: Sentence };
}

export type ActionKinds<Action> = Readonly<Record<string, ActionKind<Action>>>;

/** Why `entry` cannot be undone now, or null when it can (with the action that reverses it). */
function undoPlan<Action>(
  journal: Journal,
  kinds: ActionKinds<Action>,
  entry: JournalEntry,
): { action: Action } | { whyNot: string } {
  switch (entry.state) {
    case 'pending':
      return { whyNot: 'This action is still running; wait for it to end.' };
    case 'failed':
      return { whyNot: 'This action failed, so there is nothing to undo.' };
    case 'unknown':
      return {
        whyNot:
          'Inbox Guard stopped during this action, so what it did is unknown; it is not undone blindly. Check the mailbox on the server.',
      };
    case 'undone':
      return { whyNot: 'This action was already undone.' };
    case 'done':
      break;
  }
  const earlier = journal.undoesOf(entry.id).find((u) => u.state !== 'failed');
  if (earlier)
    return {
      whyNot: `An earlier undo of this action (entry ${earlier.id}) is ${earlier.state}: check the mailbox before undoing again.`,
    };
  const kind = kinds[entry.kind];
  if (!kind) return { whyNot: `Inbox Guard does not know how to undo a “${entry.kind}”.` };
  const inverse = kind.inverse(entry);
  return 'action' in inverse ? inverse : { whyNot: inverse.notUndoable.en };
}

/**
 * Reverses a done entry: `perform` runs the inverse action journaled with `undo_of`.
 * Throws NOT_FOUND or NOT_UNDOABLE (with the reason) before anything is touched.
 */
export async function undoEntry<Action>(
  journal: Journal,
  kinds: ActionKinds<Action>,
  entryId: number,
  perform: (action: Action, undoOf: number) => Promise<JournalEntry>,
): Promise<JournalEntry> {
  const entry = journal.get(entryId);
  if (!entry) throw new AppError('NOT_FOUND', 'This journal entry does not exist.');
  const plan = undoPlan(journal, kinds, entry);
  if ('whyNot' in plan) throw new AppError('NOT_UNDOABLE', plan.whyNot, { entryId });
  return perform(plan.action, entry.id);
}

const STATE_PHRASES: Record<JournalEntry['state'], Sentence> = {
  pending: { en: 'in progress', fr: 'en cours' },
  done: { en: 'done', fr: 'fait' },
  failed: { en: 'failed', fr: 'échec' },
  unknown: {
    en: 'outcome unknown (Inbox Guard stopped during it)',
    fr: 'issue inconnue (Inbox Guard s’est arrêté pendant l’action)',
  },
  undone: { en: 'done, then undone', fr: 'fait, puis annulé' },
};

/** An entry as the UI lists it: one sentence, whether it can be undone, and by what it was. */
export function describeEntry<Action>(
  journal: Journal,
  kinds: ActionKinds<Action>,
  entry: JournalEntry,
): JournalEntryInfo {
  const action = kinds[entry.kind]?.describe(entry) ?? { en: entry.kind, fr: entry.kind };
  const state = STATE_PHRASES[entry.state];
  const undo: Sentence =
    entry.undoOf === null
      ? { en: '', fr: '' }
      : { en: `Undo of entry ${entry.undoOf}: `, fr: `Annulation de l’entrée ${entry.undoOf} : ` };
  const plan = undoPlan(journal, kinds, entry);
  const undoneBy =
    entry.state === 'undone'
      ? (journal.undoesOf(entry.id).find((u) => u.state === 'done')?.id ?? null)
      : null;
  return {
    id: entry.id,
    accountId: entry.accountId,
    kind: entry.kind,
    state: entry.state,
    sentence: {
      en: `${undo.en}${action.en}: ${state.en}.`,
      fr: `${undo.fr}${action.fr} : ${state.fr}.`,
    },
    error: entry.error,
    createdAt: entry.createdAt,
    finishedAt: entry.finishedAt,
    undoOf: entry.undoOf,
    undoneBy,
    undoable: 'action' in plan,
    whyNot: 'whyNot' in plan ? plan.whyNot : null,
  };
}
