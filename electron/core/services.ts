/** Builds the core's services over one data folder. Plain Node: no Electron here. */
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { CoreEvent } from '../../shared/types.js';
import { createAccountsRepo, type AccountsRepo } from '../accounts/repo.js';
import { createAccountsService, type AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { DATABASE_FILE, LOG_DIR, PRIVATE_FILE_MODE } from '../data-dir.js';
import type { Logger } from '../log.js';
import { createSettings } from './settings.js';
import { createMailboxRepo, type MailboxRepo } from '../mailbox/repo.js';
import type { SecretBox } from '../secrets/index.js';
import { openDatabase, type Database } from '../store/db.js';
import { startStoreWriter, type StoreWriter } from '../writer/index.js';
import { createSyncService, type BackoffOptions, type SyncService } from '../sync/index.js';

export interface CoreServices {
  dataDir: string;
  db: Database;
  secrets: SecretBox;
  log: Logger;
  accountsRepo: AccountsRepo;
  accounts: AccountsService;
  mailbox: MailboxRepo;
  sync: SyncService;
  writer: StoreWriter;
  settings: ReturnType<typeof createSettings>;
  emit(event: CoreEvent): void;
}

export interface ServicesOptions {
  dataDir: string;
  secrets: SecretBox;
  log: Logger;
  emit(event: CoreEvent): void;
  imapTimeouts?: ImapTimeouts;
  syncBackoff?: BackoffOptions;
  /** The writer thread's module (tests: an entry that starts it with another classifier). */
  writerEntry?: URL;
}

/** Over a data folder prepareDataDir has checked and made private. */
export function createServices(o: ServicesOptions): CoreServices {
  const dbFile = path.join(o.dataDir, DATABASE_FILE);
  // Created private whatever the umask (SQLite gives its -wal and -shm files the database's mode).
  closeSync(openSync(dbFile, 'a', PRIVATE_FILE_MODE));
  const db = openDatabase(dbFile);
  // The writer thread checkpoints the WAL (after its work, while idle): this thread's small
  // writes must not find a scan's worth of WAL to copy on their commit.
  db.pragma('wal_autocheckpoint = 0');
  const accountsRepo = createAccountsRepo(db);
  const mailbox = createMailboxRepo(db);
  const accounts = createAccountsService({
    accounts: accountsRepo,
    mailbox,
    secrets: o.secrets,
    log: o.log,
    timeouts: o.imapTimeouts,
    onChange: () => o.emit({ type: 'accounts.changed' }),
  });
  const settings = createSettings(db);
  // Inserts and all of detection run on the writer thread, off the main thread.
  const writer = startStoreWriter({
    dbFile,
    logDir: path.join(o.dataDir, LOG_DIR),
    onEvent: o.emit,
    entry: o.writerEntry,
  });
  const sync = createSyncService({
    storeBatch: (req) => writer.insert(req),
    // Moves by other clients and retention first, so detection sees each message once.
    afterSync: () =>
      writer
        .reconcile(settings.get().goneRetentionDays)
        .then(() => writer.classify())
        .then((report) => report.classified),
    db,
    accounts,
    mailbox,
    log: o.log,
    emit: o.emit,
    timeouts: o.imapTimeouts,
    backoff: o.syncBackoff,
  });
  return {
    sync,
    writer,
    settings,
    dataDir: o.dataDir,
    db,
    secrets: o.secrets,
    log: o.log,
    accountsRepo,
    accounts,
    mailbox,
    emit: o.emit,
  };
}
