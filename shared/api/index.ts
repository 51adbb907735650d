/**
 * The API contract between the UI and the core: each capability declares its
 * calls in its own file here (name, zod schema of the input, type of the
 * output); this one composes them into the map both transports (Electron IPC
 * and the serve mode) carry.
 */
import type { z } from 'zod';
import type { Result } from '../result.js';
import type { CoreEvent } from '../types.js';
import { accountsCalls } from './accounts.js';
import { appCalls } from './app.js';
import { composeCalls } from './define.js';
import { detectionCalls } from './detection.js';
import { evidenceCalls } from './evidence.js';
import { filesCalls } from './files.js';
import { importCalls } from './import.js';
import { jobsCalls } from './jobs.js';
import { journalCalls } from './journal.js';
import { rulesCalls } from './rules.js';
import { mailboxCalls } from './mailbox.js';
import { previewCalls } from './preview.js';
import { triageCalls } from './triage.js';
import { triageActionsCalls } from './triage-actions.js';
import { objectionsCalls } from './objections.js';
import { settingsCalls } from './settings.js';
import { sourcesCalls } from './sources.js';
import { syncCalls } from './sync.js';

export const apiCalls = composeCalls(
  appCalls,
  settingsCalls,
  accountsCalls,
  mailboxCalls,
  sourcesCalls,
  importCalls,
  filesCalls,
  detectionCalls,
  syncCalls,
  jobsCalls,
  journalCalls,
  evidenceCalls,
  previewCalls,
  triageCalls,
  triageActionsCalls,
  rulesCalls,
  objectionsCalls,
);

export type ApiCalls = typeof apiCalls;
export type ApiName = keyof ApiCalls & string;
export type ApiInput<N extends ApiName> = z.input<ApiCalls[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<ApiCalls[N]['input']>;
export type ApiOutput<N extends ApiName> = ApiCalls[N]['output'];

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

export { accountDraftSchema, serverSettingsSchema, type AccountDraft } from './accounts.js';
export type { CallMap, CallSpec, Handlers } from './define.js';
