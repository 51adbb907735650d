import type { Migration } from './types.js';

/** Accounts (IMAP mailboxes and local sources) and their encrypted secrets. */
export const migration0001: Migration = {
  version: 1,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('imap', 'local')),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        provider TEXT NOT NULL,
        imap_host TEXT, imap_port INTEGER, imap_security TEXT, imap_user TEXT,
        smtp_host TEXT, smtp_port INTEGER, smtp_security TEXT, smtp_user TEXT,
        -- A certificate the user chose to trust: its SHA-256 and its PEM (the trust anchor).
        tls_pin TEXT,
        tls_pin_pem TEXT,
        -- For local sources: 'demo' or the imported path.
        origin TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Ciphertext only: the key lives in the OS keychain (safeStorage) or a 0600 key file.
      CREATE TABLE secrets (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (name IN ('imap', 'smtp')),
        ciphertext BLOB NOT NULL,
        PRIMARY KEY (account_id, name)
      ) STRICT;
    `);
  },
};
