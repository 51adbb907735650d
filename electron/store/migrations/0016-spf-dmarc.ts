import type { Migration } from './types.js';

/**
 * SPF and DMARC checked by us, beside DKIM (issue 15), where the headers allow it:
 * - `message_authentication` gains, per message, the SPF result, the domain checked, the IP and
 *   HELO name of the hop where the user's receiving server took the message, the SPF record
 *   used, the DMARC result, policy and record, the From domain, when it was checked, and why it
 *   could not be (no connecting IP, an internal hop, no Return-Path) instead of a guess. Rows
 *   from before have `spf_dmarc_checked_at` null: checked by the next background pass.
 * - `dns_answers`: the DNS cache for every other question than a DKIM key (SPF's TXT, A, AAAA,
 *   MX; DMARC's `_dmarc` TXT), the whole answer as JSON, per name and record type.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'spf-dmarc',
  up(db) {
    db.exec(`
      ALTER TABLE message_authentication ADD COLUMN spf_result TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_reason TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_domain TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_ip TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_helo TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_record TEXT;
      ALTER TABLE message_authentication ADD COLUMN dmarc_result TEXT;
      ALTER TABLE message_authentication ADD COLUMN dmarc_reason TEXT;
      ALTER TABLE message_authentication ADD COLUMN dmarc_policy TEXT;
      ALTER TABLE message_authentication ADD COLUMN dmarc_record TEXT;
      ALTER TABLE message_authentication ADD COLUMN from_domain TEXT;
      ALTER TABLE message_authentication ADD COLUMN spf_dmarc_checked_at TEXT;

      CREATE TABLE dns_answers (
        name TEXT NOT NULL,
        rrtype TEXT NOT NULL,
        -- JSON: the resolver's answer as mailauth reads it; null when the name has none.
        answer TEXT,
        -- Why there is no answer (ENOTFOUND, ENODATA).
        error TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (name, rrtype)
      ) STRICT;
    `);
  },
};
