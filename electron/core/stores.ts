/**
 * The store as the main thread reaches it: every table's typed interface over
 * the main connection, built once. Only composition (this file, the writer
 * thread's start, tests) hands the database to the `*.sql.ts` factories; the
 * services get these interfaces, a reader where they only read.
 */
import { createAccountsStore, type AccountsStore } from '../accounts/accounts.sql.js';
import {
  createAuthenticationStore,
  type AuthenticationStore,
} from '../evidence/authentication.sql.js';
import { createCasesStore, type CasesReader } from '../evidence/cases.sql.js';
import { createJournalStore, type JournalStore } from '../journal/index.js';
import { createLocationStore, type LocationStore } from '../mail-actions/index.js';
import { createExcerptsStore } from '../mailbox/excerpts.sql.js';
import { createFoldersStore, type FoldersStore } from '../mailbox/folders.sql.js';
import type { MailboxReader } from '../mailbox/index.js';
import { createLocationsStore } from '../mailbox/locations.sql.js';
import { createMessagesStore } from '../mailbox/messages.sql.js';
import { createSettingsTable, type SettingsTable } from '../settings/settings.sql.js';
import type { Database } from '../store/db.js';
import { createSourcesStore, type SourcesStore } from '../sources/index.js';
import { createSyncStateStore, type SyncReads } from '../sync/index.js';
import { createTriageReader, type TriageReader } from '../triage/index.js';
import { createIdentitiesStore, type IdentitiesStore } from '../verdicts/index.js';

export interface MainStores {
  accounts: AccountsStore;
  folders: FoldersStore;
  /** What the UI reads of the mailbox: folders, a page of messages, one message. */
  mailbox: MailboxReader;
  /**
   * What sync reads, and its own small writes (scan state, problems, its setting);
   * its writes into the bulk tables go to the writer thread (core/services.ts).
   */
  sync: SyncReads;
  settings: SettingsTable;
  /** Messages' kept sources (a small table: written on this connection). */
  sources: SourcesStore;
  /** The user's classification of their identities (detection adds those it sees). */
  identities: IdentitiesStore;
  journal: JournalStore;
  /** What a mail action reads of the messages it names. */
  actionTargets: LocationStore;
  /** DKIM kept at receipt and the key records used (evidence; a small table). */
  authentication: AuthenticationStore;
  /** What a complaint's case is made of (evidence reads it). */
  cases: CasesReader;
  /** Unsolicited mail grouped for the triage screen. */
  triage: TriageReader;
}

export function openMainStores(db: Database): MainStores {
  const accounts = createAccountsStore(db);
  const folders = createFoldersStore(db);
  const messages = createMessagesStore(db);
  const settings = createSettingsTable(db);
  return {
    accounts,
    folders,
    mailbox: {
      listFolders: folders.listFolders,
      listMessages: messages.listMessages,
      getMessage: messages.getMessage,
    },
    sync: {
      state: createSyncStateStore(db),
      locations: createLocationsStore(db),
      excerpts: createExcerptsStore(db),
      settings,
    },
    settings,
    sources: createSourcesStore(db),
    identities: createIdentitiesStore(db),
    journal: createJournalStore(db),
    actionTargets: createLocationStore(db),
    authentication: createAuthenticationStore(db),
    cases: createCasesStore(db),
    triage: createTriageReader(db),
  };
}
