export {
  createVerdictService,
  type ClassifyFn,
  type CorrectionRequest,
  type DetectionReport,
  type VerdictService,
} from './service.js';
export { createIdentityBook, type IdentityBook, type IdentityPatch } from './identities.js';
export { createIdentitiesStore, type IdentitiesStore } from './identities.sql.js';
export { createVerdictStores, type VerdictStores } from './stores.js';
