export {
  createVerdictService,
  type ClassifyFn,
  type CorrectionRequest,
  type DetectionReport,
  type VerdictService,
} from './service.js';
export { listIdentities, updateIdentity } from './identities.js';
