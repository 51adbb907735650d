import type { Migration } from './types.js';

/**
 * Verdicts are written in batches that bring the triage summary up to date
 * once per batch (electron/triage/summary.sql.ts), instead of these two
 * triggers re-counting eight groups for each verdict. A deleted verdict (a
 * message deleted, a failure forgotten) still leaves its groups by trigger.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'verdict-batches-keep-triage',
  up(db) {
    db.exec(`DROP TRIGGER triage_verdict_added; DROP TRIGGER triage_verdict_changed;`);
  },
};
