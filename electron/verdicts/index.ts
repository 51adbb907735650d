export { createVerdictService, type VerdictService } from './service.js';
export { listIdentities, updateIdentity } from './identities.js';
