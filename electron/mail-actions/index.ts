export { createMailActions, type MailActions, type MailActionsDeps } from './service.js';
export type { MailSession, SessionOptions } from './session.js';
export { createLocationStore, type LocationStore } from './locations.sql.js';
export type { LocationWrites } from './store-update.js';
export { findTrash, type MailRequest } from './plan.js';
export { MAIL_ACTION_KINDS } from './kinds.js';
export { uidSet } from './imap-steps.js';
export { RUN_BATCH, UID_SET_CHARS, uidBatches } from './batches.js';
export type {
  AppendOutcome,
  FlagsOutcome,
  MailActionKind,
  PlannedAction,
  PurgeOutcome,
  TransferIntent,
  TransferOutcome,
} from './types.js';
