import type { Migration } from './types.js';

/**
 * Objection cases (issue 14): one per advertiser and identity, the requests
 * sent for it (their exact bytes, tied to the journal entry holding intent
 * and outcome), the replies matched to it and the violations caught, each
 * violation's raw source with its SHA-256 and the DKIM result found at once.
 * No foreign key to messages or accounts: a case is proof, kept when the
 * mail or the account goes. `objections` (0010) gains the case its row
 * stands for; detection keeps reading it as before.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'objection-cases',
  up(db) {
    db.exec(`
      CREATE TABLE objection_cases (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        -- The user's address that received the marketing, lowercase.
        identity TEXT NOT NULL,
        -- Registrable domain, lowercase, as detection names advertisers.
        advertiser_domain TEXT NOT NULL,
        advertiser_name TEXT,
        router_id TEXT,
        router_account TEXT,
        privacy_contact TEXT,
        opened_at TEXT NOT NULL,
        -- JSON array of messages.id the user objected to.
        trigger_message_ids TEXT NOT NULL DEFAULT '[]',
        extended_deadline TEXT,
        closed_at TEXT,
        UNIQUE (identity, advertiser_domain)
      ) STRICT;
      CREATE INDEX objection_cases_by_router ON objection_cases (router_id, router_account);

      CREATE TABLE objection_requests (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES objection_cases(id) ON DELETE CASCADE,
        journal_id INTEGER NOT NULL UNIQUE REFERENCES journal(id),
        channel TEXT NOT NULL
          CHECK (channel IN ('one-click', 'mailto', 'letter', 'abuse-report', 'signal-spam')),
        recipient TEXT NOT NULL,
        -- The bytes sent, byte for byte, and their SHA-256 (hex).
        raw BLOB NOT NULL,
        raw_sha256 TEXT NOT NULL,
        language TEXT,
        reference_token TEXT,
        -- The Message-ID of a mail sent (with its angle brackets), replies point at it.
        rfc_message_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX objection_requests_by_case ON objection_requests (case_id);
      CREATE INDEX objection_requests_by_token ON objection_requests (reference_token)
        WHERE reference_token IS NOT NULL;
      CREATE INDEX objection_requests_by_message_id ON objection_requests (rfc_message_id)
        WHERE rfc_message_id IS NOT NULL;

      CREATE TABLE objection_replies (
        case_id INTEGER NOT NULL REFERENCES objection_cases(id) ON DELETE CASCADE,
        message_id INTEGER NOT NULL,
        matched_by TEXT NOT NULL CHECK (matched_by IN ('in-reply-to', 'references', 'token')),
        received_at TEXT NOT NULL,
        PRIMARY KEY (case_id, message_id)
      ) STRICT;

      CREATE TABLE objection_violations (
        case_id INTEGER NOT NULL REFERENCES objection_cases(id) ON DELETE CASCADE,
        message_id INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        raw BLOB NOT NULL,
        raw_sha256 TEXT NOT NULL,
        dkim_result TEXT NOT NULL,
        dkim_domain TEXT,
        dkim_selector TEXT,
        dkim_checked_at TEXT NOT NULL,
        -- The DNS key record the verification used (keys rotate: it lets the check be redone).
        dkim_key_record TEXT,
        -- Filed into the Violations folder: the journal entry of that move.
        filed_journal_id INTEGER,
        PRIMARY KEY (case_id, message_id)
      ) STRICT;

      -- The user's Signal Spam account: the password only as the secrets box's ciphertext.
      CREATE TABLE report_accounts (
        service TEXT PRIMARY KEY CHECK (service IN ('signal-spam')),
        user TEXT NOT NULL,
        secret BLOB NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE objections ADD COLUMN case_id INTEGER REFERENCES objection_cases(id);
    `);
  },
};
