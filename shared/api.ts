/**
 * The API contract between the UI and the core: one entry per call, with the
 * zod schema its input must satisfy and the type of its output. Both
 * transports (Electron IPC and the serve mode) carry exactly this map.
 */
import { z } from 'zod';
import type { Result } from './result.js';
import { VERDICTS } from './types.js';
import type {
  Account,
  AppInfo,
  ConnectionReport,
  CoreEvent,
  FileDelivery,
  Folder,
  IdentityInfo,
  ImportChoice,
  ImportReport,
  JobInfo,
  JournalEntryInfo,
  MessageDetail,
  MessageSourceInfo,
  MessageSummary,
  Settings,
  SyncReport,
  SyncStatus,
} from './types.js';

const hostname = z
  .string()
  .trim()
  .min(1, 'A server name is required')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Not a valid server name');

export const serverSettingsSchema = z
  .object({
    host: hostname,
    port: z.number().int().min(1).max(65535),
    security: z.enum(['tls', 'starttls', 'plain']),
    user: z.string().min(1).max(320),
  })
  .strict();

const fingerprint = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, 'Expected a SHA-256 fingerprint (AA:BB:...)');

export const accountDraftSchema = z
  .object({
    name: z.string().trim().max(100).optional(),
    email: z.email().max(320),
    provider: z.string().min(1).max(40),
    imap: serverSettingsSchema,
    password: z.string().min(1).max(1024),
    smtp: serverSettingsSchema.nullable().optional(),
    /** Defaults to the IMAP password when absent. */
    smtpPassword: z.string().min(1).max(1024).optional(),
    /** Trust exactly this self-signed certificate for this account. */
    tlsPin: fingerprint.nullable().optional(),
  })
  .strict();

export type AccountDraft = z.input<typeof accountDraftSchema>;

const accountId = z.string().min(1).max(64);
const empty = z.object({}).strict();

/** Declares a call: `call<Output>()(inputSchema)`. */
const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });

export const apiCalls = {
  'app.info': call<AppInfo>()(empty),
  'accounts.list': call<Account[]>()(empty),
  /** Connects and logs in without saving anything. */
  'accounts.test': call<ConnectionReport>()(accountDraftSchema),
  /** Tests the connection, then saves the account and lists its folders. */
  'accounts.add': call<Account>()(accountDraftSchema),
  'accounts.update': call<Account>()(
    z
      .object({
        id: accountId,
        // The password may be left out to keep the stored one, but only while the server (host,
        // port, security) stays: a stored password never goes elsewhere (PASSWORD_REQUIRED).
        draft: accountDraftSchema.extend({ password: z.string().min(1).max(1024).optional() }),
      })
      .strict(),
  ),
  /** Connects with an account's stored settings and password (to check an existing account). */
  'accounts.check': call<ConnectionReport>()(z.object({ id: accountId }).strict()),
  'settings.get': call<Settings>()(empty),
  'settings.set': call<Settings>()(
    z
      .object({
        language: z.enum(['fr', 'en']).nullable().optional(),
        goneRetentionDays: z.number().int().min(0).max(3650).optional(),
      })
      .strict(),
  ),
  'accounts.remove': call<{ removed: true }>()(z.object({ id: accountId }).strict()),
  /** The folders as last seen; `refresh` asks the server again. */
  'folders.list': call<Folder[]>()(
    z.object({ accountId, refresh: z.boolean().optional() }).strict(),
  ),
  /** Loads the bundled demo mailbox (idempotent). */
  'demo.load': call<ImportReport>()(empty),
  /** Imports an .mbox file, an .eml file or a folder of .eml files, read-only. */
  'import.local': call<ImportReport>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /**
   * The desktop app's system open dialog (a file, or a folder of .eml files), then the same
   * import as `import.local`. Serve mode has no dialog: its UI asks for the path.
   */
  'import.choose': call<ImportChoice>()(z.object({ kind: z.enum(['file', 'folder']) }).strict()),
  /** Shows in the system's file manager a file the desktop app saved in this session. */
  'files.reveal': call<{ shown: true }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'messages.list': call<{ total: number; items: MessageSummary[] }>()(
    z
      .object({
        accountId,
        folderId: z.number().int().positive().optional(),
        search: z.string().max(200).optional(),
        verdict: z.enum(VERDICTS).optional(),
        unsolicited: z.boolean().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'messages.get': call<MessageDetail>()(z.object({ id: z.number().int().positive() }).strict()),
  /** Fetches (once) and stores the complete source of a message, byte for byte, with its SHA-256. */
  'messages.source': call<MessageSourceInfo>()(
    z.object({ id: z.number().int().positive() }).strict(),
  ),
  /** The message's stored source, byte for byte, as `<date>-<sender>.eml`: saved, or downloaded. */
  'messages.exportSource': call<FileDelivery>()(
    z.object({ id: z.number().int().positive() }).strict(),
  ),
  /**
   * The user marks a message's sender (or its whole domain) wanted or unwanted; the messages
   * of that sender (or domain) are scored again, and later mail follows the decision.
   */
  'messages.correct': call<{ reclassified: number; detectionErrors: number }>()(
    z
      .object({
        id: z.number().int().positive(),
        decision: z.enum(['wanted', 'unwanted']),
        scope: z.enum(['address', 'domain']),
      })
      .strict(),
  ),
  /**
   * Classifies now every stored message that has no verdict yet, trying again those detection
   * failed on (it also runs after each sync). `detectionErrors`: messages it failed on.
   */
  'detect.run': call<{ classified: number; detectionErrors: number; durationMs: number }>()(empty),
  'identities.list': call<IdentityInfo[]>()(empty),
  'identities.update': call<IdentityInfo>()(
    z
      .object({
        address: z.string().min(3).max(320),
        kind: z.enum(['personal', 'professional']).optional(),
        visibility: z.enum(['private', 'public']).optional(),
      })
      .strict(),
  ),
  /** Syncs every folder of an account; resolves when done. Joins a sync already running. */
  'sync.run': call<SyncReport>()(z.object({ accountId }).strict()),
  'sync.cancel': call<{ cancelled: boolean }>()(z.object({ accountId }).strict()),
  'sync.status': call<SyncStatus[]>()(empty),
  /** Turns live updates (IDLE on the Inbox) on or off for an account. */
  'sync.live': call<SyncStatus>()(z.object({ accountId, enabled: z.boolean() }).strict()),
  // Jobs, the journal and undo.
  /** Running and queued jobs (sync, rule runs, moves, sending), oldest first. */
  'jobs.list': call<JobInfo[]>()(z.object({ accountId: accountId.optional() }).strict()),
  /** Cancels one job, or every job of an account: a queued job never starts. */
  'jobs.cancel': call<{ cancelled: number }>()(
    z.union([
      z.object({ jobId: z.string().min(1).max(32) }).strict(),
      z.object({ accountId }).strict(),
    ]),
  ),
  /** Actions done on servers, newest first, each with a sentence and whether it can be undone. */
  'journal.list': call<JournalEntryInfo[]>()(
    z
      .object({
        accountId: accountId.optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  /** Reverses a done action as a new journaled one; answers with that new entry. */
  'journal.undo': call<JournalEntryInfo>()(z.object({ id: z.number().int().positive() }).strict()),
} as const;

export type ApiName = keyof typeof apiCalls;
export type ApiInput<N extends ApiName> = z.input<(typeof apiCalls)[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<(typeof apiCalls)[N]['input']>;
export type ApiOutput<N extends ApiName> = (typeof apiCalls)[N]['output'];

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(apiCalls, name);
}

/** What the renderer sees, whatever the transport. */
export interface InboxGuardApi {
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<Result<ApiOutput<N>>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/** IPC channel names, shared by main and preload. */
export const IPC_CALL = 'inbox-guard:call';
export const IPC_EVENT = 'inbox-guard:event';
