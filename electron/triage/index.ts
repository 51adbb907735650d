/** Triage: unsolicited mail grouped by advertiser, router, identity or verdict. */
export { triageHandlers } from './handlers.js';
export { createTriageReader, type TriageReader } from './triage.sql.js';
/** SQL pieces objections reuse to pick a batch's messages from the same groups the triage shows. */
export { COLUMNS as TRIAGE_COLUMNS, ON_SERVER as UNSOLICITED_ON_SERVER } from './triage.sql.js';
export { createSelectionReader, type SelectionReader } from './selection.sql.js';
export { createTriageMailMoves, type TriageMailMoves } from './bulk.js';
export { triageActionHandlers, type TriageActionDeps } from './action-handlers.js';
