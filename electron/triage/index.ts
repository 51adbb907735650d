/** Triage: unsolicited mail grouped by advertiser, router, identity or verdict. */
export { triageHandlers } from './handlers.js';
export { createTriageReader, type TriageReader } from './triage.sql.js';
