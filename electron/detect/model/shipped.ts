/**
 * The model shipped with the app (model.json, written by `npm run train`),
 * read once, when detection first needs it. A file trained on other features
 * than the extractor's is refused loudly: detection would be wrong silently.
 */
import data from './model.json' with { type: 'json' };
import { learnedModelsOf, type LearnedModels, type ModelData } from './scorer.js';

let loaded: LearnedModels | null = null;

export function shippedModels(): LearnedModels {
  loaded ??= learnedModelsOf(data as ModelData);
  return loaded;
}

/** What the shipped file says about itself (its feature spec, what it was trained on). */
export const SHIPPED_MODEL_INFO: Pick<ModelData, 'spec' | 'trainedOn'> = {
  spec: data.spec,
  trainedOn: data.trainedOn,
};
