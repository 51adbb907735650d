/**
 * How objections read in the journal: who sent what, by which channel, to
 * whom (as the mail actions' entries do), and why none can be taken back.
 * The record is keyed by every kind objections write, so a new channel
 * without its sentence does not type-check.
 */
import type { ActionKind, JournalEntry, Sentence } from '../journal/index.js';
import type { RequestIntent } from './ledger.js';
import type { ObjectionChannel } from './types.js';

export type ObjectionJournalKind = `objection.${ObjectionChannel}` | 'folder.create';

const notUndoable = (en: string, fr: string) => ({ notUndoable: { en, fr } });

const SENT_CANNOT_BE_UNDONE = () =>
  notUndoable(
    'What was sent cannot be taken back.',
    'Ce qui a été envoyé ne peut pas être repris.',
  );

/**
 * "<what> from <identity> to <recipient>"; the identity is absent from entries written before
 * intents named it. French agrees the participle with the noun ("envoyée" for a letter).
 */
function requestKind(what: {
  en: string;
  fr: string;
  feminine: boolean;
  /** Phrases the recipient ("to …", "à …") when it is not a plain address. */
  to?: (to: string) => Sentence;
}): ActionKind<never> {
  return {
    describe: (entry: JournalEntry) => {
      const i = entry.intent as RequestIntent;
      const to = what.to?.(i.to) ?? { en: ` to ${i.to}`, fr: ` à ${i.to}` };
      const sent = what.feminine ? 'envoyée' : 'envoyé';
      return i.from
        ? {
            en: `${what.en} from ${i.from}${to.en}`,
            fr: `${what.fr} ${sent} depuis ${i.from}${to.fr}`,
          }
        : { en: `${what.en}${to.en}`, fr: `${what.fr}${to.fr}` };
    },
    inverse: SENT_CANNOT_BE_UNDONE,
  };
}

const letter = requestKind({ en: 'GDPR letter', fr: 'Lettre RGPD', feminine: true });
const reminder = requestKind({
  en: 'Reminder of a GDPR letter',
  fr: 'Relance d’une lettre RGPD',
  feminine: true,
});

export const OBJECTION_JOURNAL_KINDS: Readonly<Record<ObjectionJournalKind, ActionKind<never>>> = {
  'objection.one-click': requestKind({
    en: 'One-click unsubscribe',
    fr: 'Désabonnement en un clic',
    feminine: false,
    to: (url) => ({ en: `, requested at ${url}`, fr: `, demandé à ${url}` }),
  }),
  'objection.mailto': requestKind({
    en: 'Unsubscribe email',
    fr: 'Courriel de désabonnement',
    feminine: false,
  }),
  'objection.letter': {
    describe: (entry) =>
      ((entry.intent as RequestIntent).followUpOf ? reminder : letter).describe(entry),
    inverse: SENT_CANNOT_BE_UNDONE,
  },
  'objection.abuse-report': requestKind({
    en: 'Abuse report',
    fr: 'Signalement d’abus',
    feminine: false,
  }),
  // The one report that does not go from the user's address: it is about a message they received.
  'objection.signal-spam': {
    describe(entry) {
      const { from } = entry.intent as RequestIntent;
      return from
        ? {
            en: `Report to Signal Spam of a message received by ${from}`,
            fr: `Signalement à Signal Spam d’un message reçu par ${from}`,
          }
        : {
            en: 'Report of a message to Signal Spam',
            fr: 'Signalement d’un message à Signal Spam',
          };
    },
    inverse: SENT_CANNOT_BE_UNDONE,
  },
  'folder.create': {
    describe: (entry) => {
      const { path } = entry.intent as { path: string };
      return { en: `Creation of the folder ${path}`, fr: `Création du dossier ${path}` };
    },
    inverse: () =>
      notUndoable(
        'A folder Inbox Guard created is not removed by undo: mail may have been filed in it since.',
        'Un dossier créé par Inbox Guard n’est pas supprimé par une annulation : du courrier a pu y être rangé depuis.',
      ),
  },
};
