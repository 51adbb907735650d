/** Builds the core's services over one data folder. Plain Node: no Electron here. */
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { CoreEvent, Settings } from '../../shared/types.js';
import type { AccountsStore } from '../accounts/accounts.sql.js';
import { createAccountsService, type AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { DATABASE_FILE, LOG_DIR, PRIVATE_FILE_MODE } from '../data-dir.js';
import {
  createEvidenceServices,
  evidenceDocuments,
  type EvidenceServices,
  type TxtResolver,
} from '../evidence/index.js';
import type { ImportStores } from '../importer/index.js';
import type { Logger } from '../log.js';
import type { MailboxReader } from '../mailbox/index.js';
import type { PlatformFiles } from '../platform/files.js';
import { createSettings, type SettingsStore } from '../settings/index.js';
import { createSourcesService, type FetchLimits, type SourcesService } from '../sources/index.js';
import type { SecretBox } from '../secrets/index.js';
import { openDatabase, type Database } from '../store/db.js';
import { startStoreWriter, type StoreWriter } from '../writer/index.js';
import { createJobQueue, type JobQueue } from '../jobs/index.js';
import { createJournal, type Journal } from '../journal/index.js';
import {
  createMailActions,
  type LocationWrites,
  type MailActions,
  type SessionOptions,
} from '../mail-actions/index.js';
import {
  createSyncService,
  type BackoffOptions,
  type SyncService,
  type SyncWrites,
} from '../sync/index.js';
import { createIdentityBook, type IdentityBook } from '../verdicts/index.js';
import type { TriageReader } from '../triage/index.js';
import {
  createCasesStore,
  createFollowUpReader,
  createBatchReader,
  createObjectionsService,
  folderEnsurer,
  OBJECTION_JOURNAL_KINDS,
  smtpAccessFrom,
  type ObjectionsService,
  type ObjectionsTestOptions,
} from '../objections/index.js';
import { openMainStores, type MainStores } from './stores.js';

export interface CoreServices {
  dataDir: string;
  /** Messages per server command of a rule run, when not the default. */
  rulesBatchSize?: number;
  /** Test-only: a hook between the journal's intent and the server (the triage's moves). */
  mailSessionOptions?: SessionOptions;
  db: Database;
  secrets: SecretBox;
  log: Logger;
  accountsRepo: AccountsStore;
  accounts: AccountsService;
  /** What the UI reads of the mailbox (folders, messages). */
  mailbox: MailboxReader;
  /** What an import writes (`importInto(importStores, ...)`). */
  importStores: ImportStores;
  /** The user's identities as the UI lists and classifies them. */
  identities: IdentityBook;
  jobs: JobQueue;
  journal: Journal;
  mailActions: MailActions;
  sync: SyncService;
  /** Messages' original sources: fetched in batches, kept, exported. */
  sources: SourcesService;
  writer: StoreWriter;
  settings: SettingsStore;
  /** DKIM kept at receipt; bundles for complaints. */
  evidence: EvidenceServices;
  /** Unsubscribes, letters and reports the user confirmed, and their cases. */
  objections: ObjectionsService;
  /** Dialogs and file delivery: the desktop app's, or the browser's (serve mode). */
  files: PlatformFiles;
  /** Unsolicited mail grouped for the triage screen. */
  triage: TriageReader;
  emit(event: CoreEvent): void;
}

export interface ServicesOptions {
  dataDir: string;
  secrets: SecretBox;
  log: Logger;
  files: PlatformFiles;
  emit(event: CoreEvent): void;
  imapTimeouts?: ImapTimeouts;
  syncBackoff?: BackoffOptions;
  sourceFetchLimits?: FetchLimits;
  /** The writer thread's module (tests: an entry that starts it with another classifier). */
  writerEntry?: URL;
  /** DNS for DKIM keys (tests: a resolver they control); the system's by default. */
  dkimResolver?: TxtResolver;
  /** Verify pending evidence's DKIM after each sync (the app and serve mode; tests opt in). */
  authenticateAfterSync?: boolean;
  /** Test-only: loopback peers for objections (the app never sets it). */
  objections?: ObjectionsTestOptions;
  /** Messages per server command of a rule run (the CLI's --batch). */
  rulesBatchSize?: number;
  mailSessionOptions?: SessionOptions;
}

/** Where the core writes the files it makes for the user (under the data folder). */
export const EXPORTS_DIR = 'exports';

/** Over a data folder prepareDataDir has checked and made private. */
export function createServices(o: ServicesOptions): CoreServices {
  const dbFile = path.join(o.dataDir, DATABASE_FILE);
  // Created private whatever the umask (SQLite gives its -wal and -shm files the database's mode).
  closeSync(openSync(dbFile, 'a', PRIVATE_FILE_MODE));
  // Checkpoints are the writer thread's (after its work, while idle): this thread's small
  // writes must not find a scan's worth of WAL to copy on their commit.
  const db = openDatabase(dbFile, { role: 'main' });
  const stores = openMainStores(db);
  const accounts = createAccountsService({
    accounts: stores.accounts,
    folders: stores.folders,
    secrets: o.secrets,
    log: o.log,
    timeouts: o.imapTimeouts,
    onChange: () => o.emit({ type: 'accounts.changed' }),
    removeStored: (id) => writer.removeAccount(id),
  });
  const settings = createSettings(stores.settings);
  // Inserts and all of detection run on the writer thread, off the main thread.
  const writer = startStoreWriter({
    dbFile,
    logDir: path.join(o.dataDir, LOG_DIR),
    onEvent: o.emit,
    entry: o.writerEntry,
  });
  const jobs = createJobQueue({
    emit: o.emit,
    onFailure: (job, err) => o.log.warn(`job ${job.kind} (${job.accountId}) failed`, err),
  });
  const sync = createSyncService({
    jobs,
    reads: stores.sync,
    writes: syncWrites(writer),
    // Moves by other clients and retention first, so detection sees each message once.
    afterSync: (accountId) =>
      writer
        .reconcile(settings.get().goneRetentionDays)
        .then(() => applyRetention(stores, accountId, settings.get()))
        .then(() => writer.classify())
        .then((report) => {
          if (o.authenticateAfterSync) authenticateInBackground(evidence, o.log);
          // Replies and violations among what just arrived (a job after this sync's).
          void objections
            .followUp(accountId)
            .catch((err: unknown) => o.log.warn('objections follow-up failed', err));
          return report.classified;
        }),
    accounts,
    log: o.log,
    emit: o.emit,
    timeouts: o.imapTimeouts,
    backoff: o.syncBackoff,
  });
  const sources = createSourcesService({
    store: stores.sources,
    accounts,
    jobs,
    timeouts: o.imapTimeouts,
    limits: o.sourceFetchLimits,
  });
  const journal = openJournal(stores, o.log);
  const mailActions = createMailActions({
    accounts,
    folders: stores.folders,
    locations: stores.actionTargets,
    locationWrites: locationWrites(writer),
    journal,
    otherKinds: OBJECTION_JOURNAL_KINDS,
    // Marked as the app's own doing: the rules follow new mail, not what they just moved.
    onChanged: (accountId) => o.emit({ type: 'messages.changed', accountId, byAction: true }),
  });
  const objections = createObjectionsService({
    cases: createCasesStore(db),
    journal,
    jobs,
    mailbox: stores.mailbox,
    sources,
    mailActions,
    smtpAccess: smtpAccessFrom(stores.accounts, o.secrets),
    followUpReader: createFollowUpReader(db),
    markEvidence: (ids, reason) => writer.markEvidence(ids, reason),
    batch: createBatchReader(db),
    ensureFolder: folderEnsurer({ accounts, journal, folders: stores.folders }),
    secrets: o.secrets,
    redact: (secret) => o.log.redact(secret),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    now: () => new Date(),
    options: o.objections,
  });
  const evidence = createEvidenceServices({
    store: stores.authentication,
    cases: stores.cases,
    mailbox: stores.mailbox,
    accounts: stores.accounts,
    objections: objections.reader,
    sources,
    jobs,
    files: o.files,
    exportsDir: path.join(o.dataDir, EXPORTS_DIR),
    resolver: o.dkimResolver,
    documents: evidenceDocuments(),
    markEvidence: (ids, reason) => writer.markEvidence(ids, reason),
  });
  return {
    jobs,
    journal,
    mailActions,
    objections,
    sync,
    sources,
    writer,
    settings,
    evidence,
    dataDir: o.dataDir,
    rulesBatchSize: o.rulesBatchSize,
    mailSessionOptions: o.mailSessionOptions,
    db,
    secrets: o.secrets,
    log: o.log,
    accountsRepo: stores.accounts,
    accounts,
    mailbox: stores.mailbox,
    importStores: {
      accounts: stores.accounts,
      folders: stores.folders,
      writer: {
        importBatch: (req) => writer.importBatch(req),
        importEnded: (accountId) => writer.importEnded(accountId),
      },
    },
    identities: createIdentityBook({ accounts: stores.accounts, identities: stores.identities }),
    files: o.files,
    triage: stores.triage,
    emit: o.emit,
  };
}

/** DKIM of what detection just found worth proving, before the senders' keys rotate. */
function authenticateInBackground(evidence: EvidenceServices, log: Logger): void {
  evidence.authentication.authenticatePending().catch((err: unknown) => {
    log.warn('evidence: keeping DKIM of new messages failed', err);
  });
}

/** The journal; a process that died mid-action left entries pending: they become unknown. */
function openJournal(stores: MainStores, log: Logger): Journal {
  const journal = createJournal(stores.journal);
  const interrupted = journal.recoverInterrupted();
  if (interrupted.length)
    log.warn(`journal: entries ${interrupted.join(', ')} were cut short; their outcome is unknown`);
  return journal;
}

/**
 * Sync's writes into the bulk tables, made by the writer thread: it holds the only write
 * handle on them, so this thread never waits for a detection pass's transaction.
 */
function syncWrites(writer: StoreWriter): SyncWrites {
  return {
    storeBatch: (req) => writer.insert(req),
    removeUids: (folderId, uids) => writer.removeUids(folderId, uids),
    updateFlags: (folderId, changes) => writer.updateFlags(folderId, changes),
    resetFolder: (folderId, uidvalidity) => writer.resetFolder(folderId, uidvalidity),
    saveExcerpts: (accountId, rows) => writer.saveExcerpts(accountId, rows),
  };
}

/** A mail action's effect on the store's places, made by the writer thread too. */
function locationWrites(writer: StoreWriter): LocationWrites {
  return {
    recordTransfer: (moves, keepOriginals) => writer.recordTransfer(moves, keepOriginals),
    removeUids: (folderId, uids) => writer.removeUids(folderId, uids),
  };
}

/**
 * The app's own data past its retention, after each sync: sources the server can give again
 * (evidence never), and journal entries nothing rests on.
 */
function applyRetention(
  stores: Pick<MainStores, 'sources' | 'journal'>,
  accountId: string,
  settings: Settings,
): void {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  stores.sources.dropRefetchable(accountId, daysAgo(settings.sourceRetentionDays));
  stores.journal.dropEndedBefore(accountId, daysAgo(settings.journalRetentionDays));
}
