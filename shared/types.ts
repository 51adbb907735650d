/** Domain types shared by the core and the UI. Plain data only. */
import type { CertificateInfo } from './certificate.js';
import type { AppErrorData, SourceMissingReason } from './result.js';

export type { SourceMissingReason };

export type { CertificateInfo };

export type Security = 'tls' | 'starttls' | 'plain';

export interface ServerSettings {
  host: string;
  port: number;
  security: Security;
  user: string;
}

export type AccountKind = 'imap' | 'local';

export interface Account {
  id: string;
  kind: AccountKind;
  /** What the user calls it ("Work", "Perso"); defaults to the address. */
  name: string;
  email: string;
  provider: string;
  /** Null for local sources (the demo, an imported mbox or .eml folder). */
  imap: ServerSettings | null;
  smtp: ServerSettings | null;
  /** SHA-256 fingerprint (hex, colon-separated) of a certificate the user chose to trust. */
  tlsPin: string | null;
  hasPassword: boolean;
  /** For local sources: the bundled demo, or an import of the user's files. */
  localSource: 'demo' | 'import' | null;
  createdAt: string;
}

export interface Settings {
  language: 'fr' | 'en' | null;
  /**
   * Days a message is kept after it left the server (moved away by another client, expunged),
   * unless it is evidence: evidence is kept until the user removes it.
   */
  goneRetentionDays: number;
  /**
   * Days a fetched source (a preview's body, a DKIM check's input) is kept when the server still
   * has the message, so it can be fetched again; sources of evidence and of mail no longer on the
   * server are never dropped by it.
   */
  sourceRetentionDays: number;
  /**
   * Days the journal keeps an action that ended, unless something rests on it (a rule run in the
   * history, an objection request, its undo); pending and unknown entries are always kept.
   */
  journalRetentionDays: number;
}

export type SpecialUse =
  'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged';

export interface Folder {
  id: number;
  accountId: string;
  path: string;
  name: string;
  delimiter: string | null;
  specialUse: SpecialUse | null;
  messages: number;
  unseen: number;
}

export interface Address {
  name: string;
  address: string;
}

/** What a message is. Detection, the API's filters and the UI all read this one list. */
export const VERDICTS = [
  'newsletter',
  'cold_prospecting',
  'spam',
  'transactional',
  'personal',
  'list_discussion',
  'unknown',
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** A reason behind a verdict, in words a person can check, in both languages. */
export interface Signal {
  code: string;
  en: string;
  fr: string;
}

export interface ClassificationDetail {
  signals: Signal[];
  /** Hints drawn from the law (CPCE L.34-5, GDPR), never verdicts of law. */
  legalFlags: Signal[];
  router: {
    id: string;
    name: string;
    kind: string;
    accountId: string | null;
    abuse: string | null;
    confidence: 'verified' | 'claimed';
  } | null;
  advertiser: {
    domain: string;
    name: string | null;
    privacyContact: string | null;
    aligned: boolean;
  } | null;
}

export interface MessageSummary {
  id: number;
  accountId: string;
  /** Where the server holds it now; null once it left the server (kept as evidence). */
  folderId: number | null;
  uid: number | null;
  messageId: string | null;
  /** ISO 8601, from the Date header (or the internal date when absent). */
  date: string | null;
  from: Address | null;
  to: Address[];
  subject: string;
  size: number;
  flags: string[];
  hasListUnsubscribe: boolean;
  /** Null until detection has run on the message (or when it failed: see detectionError). */
  verdict: Verdict | null;
  /** Why detection failed on this message, which then has no verdict; null otherwise. */
  detectionError: string | null;
  score: number | null;
  /** Marketing or spam the user did not ask for (relationship-aware). */
  unsolicited: boolean;
  router: string | null;
  advertiser: string | null;
  /** The user's address the message was sent to. */
  identity: string | null;
}

export interface MessageDetail extends MessageSummary {
  /** Header fields in order, decoded (RFC 2047) for display. */
  headers: Array<{ name: string; value: string }>;
  /** The raw header block as received, byte for byte (latin1-preserving string). */
  rawHeaders: string;
  classification: ClassificationDetail | null;
}

export interface IdentityInfo {
  address: string;
  kind: 'personal' | 'professional';
  visibility: 'private' | 'public';
  origin: 'account' | 'seen' | 'user';
  /** Set when a private identity received unsolicited marketing: who used it first. */
  leak: {
    at: string;
    advertiser: string | null;
    router: string | null;
    messageId: number | null;
  } | null;
  messages: number;
}

export interface ConnectionReport {
  folders: number;
  capabilities: string[];
  /** Present for TLS connections: the certificate the server showed. */
  certificate: CertificateInfo | null;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  accounts: number;
  demoLoaded: boolean;
  secretsBackend: 'safeStorage' | 'keyfile';
}

export interface ImportReport {
  accountId: string;
  imported: number;
  /**
   * Every file, folder or message left out (not mail, unreadable...), with why:
   * at most 1,000, then one line with the count of the rest.
   */
  skipped: Array<{ source: string; reason: string }>;
  /** Symbolic links followed, each with the path it resolved to. */
  followedLinks: Array<{ source: string; target: string }>;
}

/** What `import.choose` gives back: null when the user closed the system's open dialog. */
export interface ImportChoice {
  report: ImportReport | null;
}

/**
 * Where a file the core produced went. The desktop app saves it where the user
 * chose (`saved`); a browser (serve mode) fetches it from `downloadUrl` with its
 * session token and saves it as `fileName`; `cancelled` when the save dialog was closed.
 */
export type FileDelivery =
  { saved: string } | { downloadUrl: string; fileName: string } | { cancelled: true };

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'error';

export interface SyncStatus {
  accountId: string;
  /** The live (IDLE) connection's state; 'offline' when live updates are off. */
  connection: ConnectionState;
  live: boolean;
  syncing: boolean;
  /** Detection is reading what the last sync stored: verdicts may still change. */
  detecting: boolean;
  lastSyncAt: string | null;
  /** Why the last sync or the live connection failed, details included (the server it named). */
  lastError: AppErrorData | null;
  /** A sync under way lost its connection and will try again (null while it is not waiting). */
  retry: SyncRetry | null;
}

/** A sync waiting to try again after a network failure. */
export interface SyncRetry {
  /** Failed attempts in a row without progress; the sync gives up at `maxAttempts`. */
  attempt: number;
  maxAttempts: number;
  /** When the next attempt starts (ISO 8601). */
  at: string;
  error: AppErrorData;
}

export interface SyncReport {
  accountId: string;
  folders: number;
  added: number;
  removed: number;
  flagsChanged: number;
  /** Messages skipped with a recorded reason (see the folder's problems). */
  problems: number;
  durationMs: number;
  /** Of durationMs: until every folder's headers were stored (the body excerpts came after). */
  headersMs: number;
  /** Body excerpts fetched for cold-prospecting candidates. */
  excerpts: number;
  cancelled: boolean;
}

export interface MessageSourceInfo {
  messageId: number;
  size: number;
  sha256: string;
  fetchedAt: string;
}

/** One message's part of a batch fetch: its kept source, or why there is none. */
export type SourceFetchOutcome =
  | { messageId: number; ok: true; info: MessageSourceInfo }
  | { messageId: number; ok: false; reason: SourceMissingReason; message: string };

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A job of the per-account queue (sync, rule run, moves, sending), as the UI lists it. */
export interface JobInfo {
  id: string;
  accountId: string;
  /** What the job does: 'sync', 'sync.inbox', 'undo', … */
  kind: string;
  state: JobState;
  /** A read-only job running beside the account's exclusive one. */
  concurrent: boolean;
  done: number;
  total: number | null;
  note: string | null;
  queuedAt: string;
  startedAt: string | null;
}

/**
 * An action journaled before it touched a server or the network: `pending` while it runs,
 * `unknown` when Inbox Guard stopped during it (never retried by itself), `undone` once a
 * later entry reversed it.
 */
export type JournalState = 'pending' | 'done' | 'failed' | 'unknown' | 'undone';

export interface JournalEntryInfo {
  id: number;
  accountId: string;
  /** 'move', 'copy', 'trash', 'flags.add', 'flags.remove', 'append', 'purge', … */
  kind: string;
  state: JournalState;
  /** What was done and how it ended, in a sentence. */
  sentence: { en: string; fr: string };
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  /** The entry this one reversed. */
  undoOf: number | null;
  /** The entry that reversed this one. */
  undoneBy: number | null;
  /** Whether journal.undo would accept it now; `whyNot` says why not. */
  undoable: boolean;
  whyNot: string | null;
}

/** Events the core pushes to the UI. */
export type CoreEvent =
  | {
      type: 'progress';
      task: string;
      accountId: string | null;
      done: number;
      total: number | null;
      label: string;
      /** Items per second since the task began, when it is measurable. */
      rate?: number;
    }
  | { type: 'accounts.changed' }
  | { type: 'sync.state'; status: SyncStatus }
  /** A job was queued, started, progressed or ended; events of one job arrive in this order. */
  | {
      type: 'job.progress';
      jobId: string;
      accountId: string;
      kind: string;
      state: JobState;
      done: number;
      total: number | null;
      note?: string;
    }
  /**
   * accountId '*' means messages of every account may have changed (a correction re-ran
   * detection). `byAction`: the app's own mail actions moved them (no new mail to follow).
   */
  | { type: 'messages.changed'; accountId: string; byAction?: true }
  /** Work no call waits on failed (see BackgroundTask); the UI shows it. */
  | ({ type: 'error'; task: BackgroundTask; accountId: string | null } & AppErrorData);

/**
 * Work that runs in the background and tells its failures with an `error` event: a sync
 * (the user's "sync now" too: the UI does not wait on it), the live connection, detection.
 */
export type BackgroundTask = 'sync' | 'live' | 'detection';
