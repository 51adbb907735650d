import { shippedModels } from '../detect/model/shipped.js';

/**
 * A rule's least verdict score when it names none: the learned model's action threshold for
 * header-only scoring (stored mail is classified from its headers unless an excerpt was kept).
 */
export const DEFAULT_MIN_CONFIDENCE = shippedModels().headers.actionThreshold;
