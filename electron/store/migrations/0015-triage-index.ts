import type { Migration } from './types.js';

/**
 * The triage counts unsolicited mail per advertiser, router, identity or
 * verdict: one partial index per grouping, over unsolicited verdicts only,
 * answers the count and the latest message (the rowid is the message id)
 * without reading the verdicts' rows. Without them the grouping reads every
 * row of `classifications` at random through the older full indexes.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'triage-index',
  up(db) {
    db.exec(`
      CREATE INDEX classifications_unsolicited_by_advertiser
        ON classifications (advertiser_domain) WHERE unsolicited = 1;
      CREATE INDEX classifications_unsolicited_by_router
        ON classifications (router_id) WHERE unsolicited = 1;
      CREATE INDEX classifications_unsolicited_by_identity
        ON classifications (identity) WHERE unsolicited = 1;
      CREATE INDEX classifications_unsolicited_by_verdict
        ON classifications (verdict) WHERE unsolicited = 1;
    `);
  },
};
