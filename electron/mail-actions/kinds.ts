/**
 * How each IMAP action reads in the journal and how it is reversed: a move
 * goes back with its UID map, a copy's copies are deleted, a flag change is
 * reverted on the messages it changed, a message put in the Trash comes back,
 * an appended message is deleted. A permanent deletion cannot be undone.
 */
import type { ActionKind, JournalEntry, Sentence } from '../journal/index.js';
import type {
  AppendIntent,
  AppendOutcome,
  FlagsIntent,
  FlagsOutcome,
  MailActionKind,
  MessageRef,
  PlannedAction,
  PurgeIntent,
  TransferIntent,
  TransferOutcome,
  TrashIntent,
} from './types.js';

type Inverse = ReturnType<ActionKind<PlannedAction>['inverse']>;

const count = (n: number): Sentence => ({
  en: `${n} message${n === 1 ? '' : 's'}`,
  fr: `${n} message${n > 1 ? 's' : ''}`,
});

const FLAG_NAMES: Record<string, Sentence> = {
  '\\seen': { en: 'read', fr: 'lu' },
  '\\flagged': { en: 'flagged', fr: 'suivi' },
  '\\answered': { en: 'answered', fr: 'répondu' },
  '\\deleted': { en: 'deleted', fr: 'supprimé' },
  '\\draft': { en: 'draft', fr: 'brouillon' },
};
const flagList = (flags: string[], lang: keyof Sentence) =>
  flags.map((f) => `“${FLAG_NAMES[f.toLowerCase()]?.[lang] ?? f}”`).join(', ');

const notUndoable = (en: string, fr: string): Inverse => ({ notUndoable: { en, fr } });

/** The moved or copied messages where they now are, with their Message-IDs carried over. */
function arrived(intent: TransferIntent, outcome: TransferOutcome): MessageRef[] {
  const ids = new Map(intent.messages.map((m) => [m.uid, m.messageId]));
  return outcome.uidMap.map(([from, to]) => ({ uid: to, messageId: ids.get(from) ?? null }));
}

/** Why moved or copied messages cannot be reached, or null when the UID map names some. */
function unreachable(outcome: TransferOutcome): Inverse | null {
  if (outcome.uidMap.length > 0) return null;
  return outcome.located === 'uidplus'
    ? notUndoable(
        'None of these messages was there any more: nothing was done, so nothing is to undo.',
        'Aucun de ces messages n’était encore là : rien n’a été fait, rien n’est à annuler.',
      )
    : notUndoable(
        'The server did not say where these messages went, so this cannot be undone.',
        'Le serveur n’a pas dit où sont allés ces messages : impossible d’annuler.',
      );
}

/** " (2 no longer there)" when some messages of the intent were gone before the action. */
function missingNote(entry: JournalEntry): Sentence {
  const n = (entry.outcome as TransferOutcome | null)?.missing.length ?? 0;
  return n === 0
    ? { en: '', fr: '' }
    : { en: ` (${n} no longer there)`, fr: ` (${n} déjà absent${n > 1 ? 's' : ''})` };
}

function moveBack(entry: JournalEntry): Inverse {
  const intent = entry.intent as TransferIntent;
  const outcome = entry.outcome as TransferOutcome;
  const blocked = unreachable(outcome);
  if (blocked) return blocked;
  return {
    action: {
      kind: 'move',
      intent: {
        from: { path: intent.to, uidValidity: outcome.uidValidity },
        to: intent.from.path,
        messages: arrived(intent, outcome),
      },
    },
  };
}

const move: ActionKind<PlannedAction> = {
  describe(entry) {
    const i = entry.intent as TransferIntent;
    const n = count(i.messages.length);
    const gone = missingNote(entry);
    return {
      en: `Move of ${n.en} from ${i.from.path} to ${i.to}${gone.en}`,
      fr: `Déplacement de ${n.fr} de ${i.from.path} vers ${i.to}${gone.fr}`,
    };
  },
  inverse: moveBack,
};

const trash: ActionKind<PlannedAction> = {
  describe(entry) {
    const i = entry.intent as TrashIntent;
    const n = count(i.messages.length);
    const gone = missingNote(entry);
    return {
      en: `Deletion of ${n.en} from ${i.from.path} to the Trash (${i.to})${gone.en}`,
      fr: `Mise à la corbeille de ${n.fr} de ${i.from.path} (${i.to})${gone.fr}`,
    };
  },
  inverse: moveBack,
};

const copy: ActionKind<PlannedAction> = {
  describe(entry) {
    const i = entry.intent as TransferIntent;
    const n = count(i.messages.length);
    const gone = missingNote(entry);
    return {
      en: `Copy of ${n.en} from ${i.from.path} to ${i.to}${gone.en}`,
      fr: `Copie de ${n.fr} de ${i.from.path} vers ${i.to}${gone.fr}`,
    };
  },
  inverse(entry) {
    const intent = entry.intent as TransferIntent;
    const outcome = entry.outcome as TransferOutcome;
    const blocked = unreachable(outcome);
    if (blocked) return blocked;
    return {
      action: {
        kind: 'purge',
        intent: {
          folder: { path: intent.to, uidValidity: outcome.uidValidity },
          messages: arrived(intent, outcome),
        },
      },
    };
  },
};

function flagsKind(mode: 'add' | 'remove'): ActionKind<PlannedAction> {
  return {
    describe(entry) {
      const i = entry.intent as FlagsIntent;
      const n = count(i.messages.length);
      return mode === 'add'
        ? {
            en: `Flag ${flagList(i.flags, 'en')} added to ${n.en} in ${i.folder.path}`,
            fr: `Ajout de l’indicateur ${flagList(i.flags, 'fr')} à ${n.fr} de ${i.folder.path}`,
          }
        : {
            en: `Flag ${flagList(i.flags, 'en')} removed from ${n.en} in ${i.folder.path}`,
            fr: `Retrait de l’indicateur ${flagList(i.flags, 'fr')} de ${n.fr} de ${i.folder.path}`,
          };
    },
    inverse(entry) {
      const intent = entry.intent as FlagsIntent;
      const outcome = entry.outcome as FlagsOutcome;
      const changed = new Set(Object.values(outcome.changed).flat());
      return {
        action: {
          kind: mode === 'add' ? 'flags.remove' : 'flags.add',
          intent: {
            folder: { path: intent.folder.path, uidValidity: outcome.uidValidity },
            messages: intent.messages.filter((m) => changed.has(m.uid)),
            flags: intent.flags,
            onlyOn: outcome.changed,
          },
        },
      };
    },
  };
}

const append: ActionKind<PlannedAction> = {
  describe(entry) {
    const i = entry.intent as AppendIntent;
    return {
      en: `Addition of a message (${i.size} bytes) to ${i.to}`,
      fr: `Ajout d’un message (${i.size} octets) dans ${i.to}`,
    };
  },
  inverse(entry) {
    const intent = entry.intent as AppendIntent;
    const outcome = entry.outcome as AppendOutcome;
    if (outcome.uid === null)
      return notUndoable(
        'The server did not say where it put the message, so it cannot be deleted.',
        'Le serveur n’a pas dit où il a rangé le message : impossible de le supprimer.',
      );
    return {
      action: {
        kind: 'purge',
        intent: {
          folder: { path: intent.to, uidValidity: outcome.uidValidity },
          messages: [{ uid: outcome.uid, messageId: intent.messageId }],
        },
      },
    };
  },
};

const purge: ActionKind<PlannedAction> = {
  describe(entry) {
    const i = entry.intent as PurgeIntent;
    const n = count(i.messages.length);
    return {
      en: `Permanent deletion of ${n.en} from ${i.folder.path}`,
      fr: `Suppression définitive de ${n.fr} de ${i.folder.path}`,
    };
  },
  inverse: () =>
    notUndoable(
      'A permanent deletion cannot be undone: the server no longer has these messages.',
      'Une suppression définitive ne peut pas être annulée : le serveur n’a plus ces messages.',
    ),
};

export const MAIL_ACTION_KINDS: Readonly<Record<MailActionKind, ActionKind<PlannedAction>>> = {
  move,
  copy,
  trash,
  'flags.add': flagsKind('add'),
  'flags.remove': flagsKind('remove'),
  append,
  purge,
};
