/**
 * Messages' original sources, byte for byte with their SHA-256: fetched in
 * batches (one connection per account, one EXAMINE per folder) or one at a
 * time by the same path, kept in `message_sources`, exported as `.eml`.
 */
export {
  createSourcesService,
  SOURCES_JOB,
  type SourcesService,
  type SourcesServiceOptions,
} from './service.js';
export { createSourcesStore, type SourcesStore } from './sources.sql.js';
export { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-server.js';
