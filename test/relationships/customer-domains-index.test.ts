/**
 * Detection's context reads the advertisers the user is a customer of each
 * time it is built (after any other connection wrote): from an index alone,
 * never the verdicts' rows one by one (a hundred milliseconds at 100,000
 * messages, which the first correction after a sync waited for).
 */
import { describe, expect, it } from 'vitest';
import { CUSTOMER_DOMAINS } from '../../electron/relationships/relationships.sql.js';
import { openDatabase } from '../../electron/store/db.js';

describe('the customer domains query', () => {
  it('is answered from a covering index', () => {
    const db = openDatabase(':memory:');
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${CUSTOMER_DOMAINS}`).all() as Array<{
        detail: string;
      }>
    )
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX classifications_by_verdict_advertiser/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
