import type { Migration } from './types.js';

/**
 * The advertisers the user is a customer of (their transactional mail) are
 * read each time detection's context is built: with the verdict index alone,
 * every transactional verdict's row was read at random (paid by the first
 * correction after a sync); with the advertiser beside the verdict, the index
 * answers alone. It serves every
 * lookup by verdict the old one did.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'customer-domains-index',
  up(db) {
    db.exec(`
      DROP INDEX classifications_by_verdict;
      CREATE INDEX classifications_by_verdict_advertiser
        ON classifications (verdict, advertiser_domain);
    `);
  },
};
