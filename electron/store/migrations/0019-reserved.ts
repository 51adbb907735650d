import type { Migration } from './types.js';

/**
 * A placeholder in the `dryrun` branch only: 0019 belongs to another branch (verdict batches),
 * and the runner wants migration N at position N. Merging that branch replaces this file and its
 * line in index.ts with the real 0019; nothing here may ship.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'reserved',
  up() {},
};
