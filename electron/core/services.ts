/** Builds the core's services over one data folder. Plain Node: no Electron here. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CoreEvent } from '../../shared/types.js';
import { createAccountsRepo, type AccountsRepo } from '../accounts/repo.js';
import { createAccountsService, type AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import type { Logger } from '../log.js';
import { createSettings } from './settings.js';
import { createVerdictService, type VerdictService } from '../verdicts/index.js';
import { createMailboxRepo, type MailboxRepo } from '../mailbox/repo.js';
import type { SecretBox } from '../secrets/index.js';
import { openDatabase, type Database } from '../store/db.js';
import { startStoreWriter, type StoreWriter } from '../writer/index.js';
import { createJobQueue, type JobQueue } from '../jobs/index.js';
import { createJournal, type Journal } from '../journal/index.js';
import { createMailActions, type MailActions } from '../mail-actions/index.js';
import { createSyncService, type BackoffOptions, type SyncService } from '../sync/index.js';

export interface CoreServices {
  dataDir: string;
  db: Database;
  secrets: SecretBox;
  log: Logger;
  accountsRepo: AccountsRepo;
  accounts: AccountsService;
  mailbox: MailboxRepo;
  jobs: JobQueue;
  journal: Journal;
  mailActions: MailActions;
  sync: SyncService;
  writer: StoreWriter;
  settings: ReturnType<typeof createSettings>;
  verdicts: VerdictService;
  emit(event: CoreEvent): void;
}

export interface ServicesOptions {
  dataDir: string;
  secrets: SecretBox;
  log: Logger;
  emit(event: CoreEvent): void;
  imapTimeouts?: ImapTimeouts;
  syncBackoff?: BackoffOptions;
}

export function createServices(o: ServicesOptions): CoreServices {
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const dbFile = path.join(o.dataDir, 'inbox-guard.sqlite');
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
  const verdicts = createVerdictService({ db, log: o.log, emit: o.emit });
  // Inserts and detection after a sync run on the writer thread, off the main thread.
  const writer = startStoreWriter({
    dbFile,
    logDir: path.join(o.dataDir, 'logs'),
    onEvent: o.emit,
  });
  const jobs = createJobQueue({
    emit: o.emit,
    onFailure: (job, err) => o.log.warn(`job ${job.kind} (${job.accountId}) failed`, err),
  });
  const sync = createSyncService({
    jobs,
    storeBatch: (req) => writer.insert(req),
    afterSync: () => writer.classify(),
    db,
    accounts,
    mailbox,
    log: o.log,
    emit: o.emit,
    timeouts: o.imapTimeouts,
    backoff: o.syncBackoff,
  });
  const journal = createJournal(db);
  // A process that died mid-action left its entries pending: they become unknown, never retried.
  const interrupted = journal.recoverInterrupted();
  if (interrupted.length)
    o.log.warn(
      `journal: entries ${interrupted.join(', ')} were cut short; their outcome is unknown`,
    );
  const mailActions = createMailActions({ db, accounts, mailbox, journal });
  return {
    jobs,
    journal,
    mailActions,
    sync,
    writer,
    verdicts,
    settings: createSettings(db),
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
