/**
 * The mailbox as the store keeps it: folders, messages with their header
 * blocks, where each message is (locations), header evidence and body
 * excerpts. Each table's SQL is in its `*.sql.ts`, behind a reader and a
 * writer interface.
 */
import type { FoldersReader } from './folders.sql.js';
import type { MessagesReader } from './messages.sql.js';

/** What the UI reads of the mailbox: folders, a page of messages, one message. */
export type MailboxReader = FoldersReader & MessagesReader;

export { createFoldersStore, type FolderInput, type FoldersStore } from './folders.sql.js';
export {
  createMessagesStore,
  type MessageInput,
  type MessageListQuery,
  type MessagesStore,
} from './messages.sql.js';
export {
  createLocationsStore,
  type LocationsReader,
  type LocationsStore,
  type LocationsWriter,
} from './locations.sql.js';
