/**
 * Objections (issue 14): making it stop — one-click and mailto unsubscribe,
 * GDPR letters, abuse reports, Signal Spam — sent for real with the user's
 * confirmation, journaled, tracked to their deadline.
 */
export type {
  CaseAdvertiser,
  CaseIdentity,
  CaseReply,
  CaseStatus,
  CaseViolation,
  ObjectionCase,
  ObjectionCasesReader,
  ObjectionChannel,
  RequestProof,
  RequestState,
  SentRequest,
} from './types.js';
export { createCasesStore, type CasesStore } from './cases.sql.js';
export { createBatchReader, type BatchReader } from './batch.sql.js';
export {
  createObjectionsService,
  type ObjectionsDeps,
  type ObjectionsService,
  type ObjectionsTestOptions,
} from './service.js';
export { objectionsHandlers } from './handlers.js';
export { smtpAccessFrom } from './smtp.js';
export { createFollowUpReader, type FollowUpReader } from './follow-up.sql.js';
export { folderEnsurer } from './folders.js';
export { VIOLATIONS_FOLDER } from './follow-up.js';
export { OBJECTION_JOURNAL_KINDS, type ObjectionJournalKind } from './journal-kinds.js';
