/** What the objections service is built over, and the knobs only tests turn. */
import type { DNSResolver } from 'mailauth';
import type { JobQueue } from '../jobs/index.js';
import type { Journal, JournalEntry } from '../journal/index.js';
import type { MailActions } from '../mail-actions/index.js';
import type { MailboxReader } from '../mailbox/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { SourcesService } from '../sources/index.js';
import type { BatchReader } from './batch.sql.js';
import type { CasesStore } from './cases.sql.js';
import type { FollowUpReader } from './follow-up.sql.js';
import type { OneClickOptions } from './one-click.js';
import type { SmtpAccess } from './smtp.js';

/** Knobs the tests turn; the app sets none of them. */
export interface ObjectionsTestOptions {
  oneClick?: OneClickOptions;
  /** DNS for DKIM keys. */
  dkimResolver?: DNSResolver;
  smtpCa?: string;
  signalSpamUrl?: string;
  /** Runs once a request's intent is committed, before the network is touched. */
  beforeNetwork?(entry: JournalEntry): void | Promise<void>;
}

export interface ObjectionsDeps {
  cases: CasesStore;
  journal: Journal;
  jobs: Pick<JobQueue, 'run'>;
  mailbox: MailboxReader;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  mailActions: Pick<MailActions, 'session'>;
  smtpAccess(accountId: string): SmtpAccess;
  /** A batch's messages: the latest per advertiser and identity of triage groups or a sender. */
  batch: BatchReader;
  /** What the follow-up reads of the mailbox (messages since a case opened). */
  followUpReader: FollowUpReader;
  /** Marks messages as evidence, kept after they leave the server (the writer thread writes it). */
  markEvidence(messageIds: number[], reason: string): Promise<void>;
  /** Creates a folder on the server when it is missing, journaled, and lists it in the store. */
  ensureFolder(accountId: string, path: string): Promise<void>;
  secrets: SecretBox;
  /** Keeps a secret out of the log (the Signal Spam password, as saved and as read back). */
  redact(secret: string): void;
  timeZone(): string;
  now(): Date;
  options?: ObjectionsTestOptions;
}
