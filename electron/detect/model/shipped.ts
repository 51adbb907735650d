/**
 * The model shipped with the app (model.json, written by `npm run train`),
 * read once, when detection first needs it. A file trained on other features
 * than the extractor's is refused loudly: detection would be wrong silently.
 *
 * Required (Node parses a required JSON file with JSON.parse) rather than
 * imported as a JSON module: under tsx (serve mode, the CLI, the bench) the
 * 1 MB module cost each thread that loads it about 64 MB of memory, against
 * 27 MB this way, and the parsed file is dropped once its weights are in typed
 * arrays. The build copies the file beside the compiled module (package.json,
 * build:main).
 */
import { createRequire } from 'node:module';
import { learnedModelsOf, type LearnedModels, type ModelData } from './scorer.js';

// Node's require reads a JSON file with JSON.parse; detect/ does no I/O of its own.
const require = createRequire(import.meta.url);
const MODEL_FILE = './model.json';

let loaded: LearnedModels | null = null;
let info: ShippedModelInfo | null = null;

export type ShippedModelInfo = Pick<ModelData, 'spec' | 'trainedOn'>;

function readModelFile(): ModelData {
  const data = require(MODEL_FILE) as ModelData;
  delete require.cache[require.resolve(MODEL_FILE)];
  return data;
}

export function shippedModels(): LearnedModels {
  if (loaded === null) {
    const data = readModelFile();
    info ??= { spec: data.spec, trainedOn: data.trainedOn };
    loaded = learnedModelsOf(data);
  }
  return loaded;
}

/** What the shipped file says about itself (its feature spec, what it was trained on). */
export function shippedModelInfo(): ShippedModelInfo {
  if (info === null) {
    const { spec, trainedOn } = readModelFile();
    info = { spec, trainedOn };
  }
  return info;
}
