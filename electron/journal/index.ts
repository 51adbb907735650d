export {
  createJournal,
  INTERRUPTED,
  type Journal,
  type JournalEntry,
  type JournalError,
} from './journal.js';
export { createJournalStore, type JournalStore } from './journal.sql.js';
export {
  describeEntry,
  undoEntry,
  type ActionKind,
  type ActionKinds,
  type Sentence,
} from './undo.js';
