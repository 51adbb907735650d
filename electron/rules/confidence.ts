import { shippedModels } from '../detect/model/shipped.js';

/**
 * A rule's least verdict score when it names none: the learned model's action threshold, the
 * lowest score at which cross-validated unwanted precision stays at or above 0.98, for verdicts
 * scored with the body excerpt (every received message gets one; those still scored from their
 * headers alone are held to the same number).
 */
export const DEFAULT_MIN_CONFIDENCE = shippedModels().body.actionThreshold;
