/**
 * The store as the main thread reaches it: every table's typed interface over
 * the main connection, built once. Only composition (this file, the writer
 * thread's start, tests) hands the database to the `*.sql.ts` factories; the
 * services get these interfaces, a reader where they only read.
 */
import { createAccountsStore, type AccountsStore } from '../accounts/accounts.sql.js';
import { createImportStores, type ImportStores } from '../importer/index.js';
import { createJournalStore, type JournalStore } from '../journal/index.js';
import { createLocationStore, type LocationStore } from '../mail-actions/index.js';
import { createExcerptsStore, type ExcerptsReader } from '../mailbox/excerpts.sql.js';
import { createFoldersStore, type FoldersStore } from '../mailbox/folders.sql.js';
import { createLocationsStore, type LocationsReader } from '../mailbox/locations.sql.js';
import { createMessagesStore, type MessagesReader } from '../mailbox/messages.sql.js';
import { createRelationshipsStore, type RelationshipsReader } from '../relationships/index.js';
import { createSettingsTable, type SettingsTable } from '../settings/settings.sql.js';
import type { Database } from '../store/db.js';
import {
  createSourcesStore,
  createSyncStateStore,
  type SourcesStore,
  type SyncStateStore,
} from '../sync/index.js';
import { createIdentitiesStore, type IdentitiesStore } from '../verdicts/index.js';

export interface MainStores {
  accounts: AccountsStore;
  folders: FoldersStore;
  messages: MessagesReader;
  /** Where messages are; the writes go to the writer thread (core/services.ts). */
  locations: LocationsReader;
  /** The writes go to the writer thread too. */
  excerpts: ExcerptsReader;
  relationships: RelationshipsReader;
  /** Scan progress and problems (a folder's reset empties its places: the writer thread's). */
  syncState: Omit<SyncStateStore, 'reset'>;
  sources: SourcesStore;
  settings: SettingsTable;
  /** The user's classification of their identities (detection adds those it sees). */
  identities: IdentitiesStore;
  journal: JournalStore;
  /** What a mail action reads of the messages it names. */
  actionTargets: LocationStore;
  /** What an import writes (on this connection: see docs/architecture.md). */
  imports: ImportStores;
}

export function openMainStores(db: Database): MainStores {
  const accounts = createAccountsStore(db);
  return {
    accounts,
    folders: createFoldersStore(db),
    messages: createMessagesStore(db),
    locations: createLocationsStore(db),
    excerpts: createExcerptsStore(db),
    relationships: createRelationshipsStore(db),
    syncState: createSyncStateStore(db),
    sources: createSourcesStore(db),
    settings: createSettingsTable(db),
    identities: createIdentitiesStore(db),
    journal: createJournalStore(db),
    actionTargets: createLocationStore(db),
    imports: createImportStores(db, accounts),
  };
}
