/** The accounts and secrets tables. Secrets go in and out as ciphertext only. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../store/db.js';
import type { Account, AccountKind, Security, ServerSettings } from '../../shared/types.js';
import type { TlsPin } from './imap-client.js';
import { writeTransaction } from '../store/transaction.js';

export interface AccountRecord {
  id: string;
  kind: AccountKind;
  name: string;
  email: string;
  provider: string;
  imap: ServerSettings | null;
  smtp: ServerSettings | null;
  pin: TlsPin | null;
  origin: string | null;
  createdAt: string;
}

interface AccountRow {
  id: string;
  kind: AccountKind;
  name: string;
  email: string;
  provider: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_security: Security | null;
  imap_user: string | null;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: Security | null;
  smtp_user: string | null;
  tls_pin: string | null;
  tls_pin_pem: string | null;
  origin: string | null;
  created_at: string;
}

export interface AccountsReader {
  get(id: string): AccountRecord | null;
  /** The local account (demo, import) made from this source. */
  findLocal(origin: string): AccountRecord | null;
  list(): AccountRecord[];
  secret(id: string, name: 'imap' | 'smtp'): Buffer | null;
  /** The accounts' own addresses, lowercase: the user's identities before any is classified. */
  emails(): string[];
  /** The account as the UI sees it (no secrets, whether a password is kept). */
  toPublic(a: AccountRecord): Account;
}

export interface AccountsWriter {
  newId(): string;
  insert(
    a: Omit<AccountRecord, 'createdAt'>,
    secrets: Partial<Record<'imap' | 'smtp', Buffer>>,
  ): void;
  /** A secret given as null is deleted (it belonged to a server the account left). */
  update(a: Omit<AccountRecord, 'createdAt'>, secrets: SecretChanges): void;
  /** Deletes the account and, by cascade, everything stored for it. */
  remove(id: string): boolean;
}

export type AccountsStore = AccountsReader & AccountsWriter;

export function createAccountsStore(db: Database): AccountsStore {
  const toParams = (a: Omit<AccountRecord, 'createdAt'>, now: string) => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    email: a.email,
    provider: a.provider,
    imapHost: a.imap?.host ?? null,
    imapPort: a.imap?.port ?? null,
    imapSecurity: a.imap?.security ?? null,
    imapUser: a.imap?.user ?? null,
    smtpHost: a.smtp?.host ?? null,
    smtpPort: a.smtp?.port ?? null,
    smtpSecurity: a.smtp?.security ?? null,
    smtpUser: a.smtp?.user ?? null,
    tlsPin: a.pin?.fingerprint256 ?? null,
    tlsPinPem: a.pin ? a.pin.chainPem.join('') : null,
    origin: a.origin,
    now,
  });
  const insert = db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, imap_host, imap_port, imap_security, imap_user,
      smtp_host, smtp_port, smtp_security, smtp_user, tls_pin, tls_pin_pem, origin, created_at, updated_at)
     VALUES (@id, @kind, @name, @email, @provider, @imapHost, @imapPort, @imapSecurity, @imapUser,
      @smtpHost, @smtpPort, @smtpSecurity, @smtpUser, @tlsPin, @tlsPinPem, @origin, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE accounts SET name = @name, email = @email, provider = @provider, imap_host = @imapHost,
      imap_port = @imapPort, imap_security = @imapSecurity, imap_user = @imapUser, smtp_host = @smtpHost,
      smtp_port = @smtpPort, smtp_security = @smtpSecurity, smtp_user = @smtpUser, tls_pin = @tlsPin,
      tls_pin_pem = @tlsPinPem, updated_at = @now WHERE id = @id`,
  );
  const remove = db.prepare(`DELETE FROM accounts WHERE id = ?`);
  const byId = db.prepare(`SELECT * FROM accounts WHERE id = ?`);
  const localByOrigin = db.prepare(`SELECT * FROM accounts WHERE kind = 'local' AND origin = ?`);
  const all = db.prepare(`SELECT * FROM accounts ORDER BY kind, created_at`);
  const emails = db.prepare(`SELECT DISTINCT lower(email) FROM accounts WHERE email != ''`).pluck();
  const secret = db.prepare(`SELECT ciphertext FROM secrets WHERE account_id = ? AND name = ?`);
  const secretsOf = db.prepare(`SELECT name FROM secrets WHERE account_id = ?`).pluck();
  const upsertSecret = db.prepare(
    `INSERT INTO secrets (account_id, name, ciphertext) VALUES (?, ?, ?)
     ON CONFLICT (account_id, name) DO UPDATE SET ciphertext = excluded.ciphertext`,
  );
  const removeSecret = db.prepare(`DELETE FROM secrets WHERE account_id = ? AND name = ?`);

  function writeSecrets(accountId: string, secrets: SecretChanges) {
    for (const [name, blob] of Object.entries(secrets)) {
      if (blob) upsertSecret.run(accountId, name, blob);
      else if (blob === null) removeSecret.run(accountId, name);
    }
  }

  return {
    newId: () => randomUUID(),

    insert: writeTransaction(db, (a, secrets) => {
      insert.run(toParams(a, new Date().toISOString()));
      writeSecrets(a.id, secrets);
    }),

    update: writeTransaction(db, (a, secrets) => {
      update.run(toParams(a, new Date().toISOString()));
      writeSecrets(a.id, secrets);
    }),

    remove: (id) => remove.run(id).changes > 0,

    get(id) {
      const row = byId.get(id) as AccountRow | undefined;
      return row ? toRecord(row) : null;
    },

    findLocal(origin) {
      const row = localByOrigin.get(origin) as AccountRow | undefined;
      return row ? toRecord(row) : null;
    },

    list: () => (all.all() as AccountRow[]).map(toRecord),

    secret(id, name) {
      const row = secret.get(id, name) as { ciphertext: Buffer } | undefined;
      return row?.ciphertext ?? null;
    },

    emails: () => emails.all() as string[],

    toPublic(a) {
      return {
        id: a.id,
        kind: a.kind,
        name: a.name,
        email: a.email,
        provider: a.provider,
        imap: a.imap,
        smtp: a.smtp,
        tlsPin: a.pin?.fingerprint256 ?? null,
        hasPassword: (secretsOf.all(a.id) as string[]).includes('imap'),
        localSource: a.kind === 'local' ? (a.origin === 'demo' ? 'demo' : 'import') : null,
        createdAt: a.createdAt,
      };
    },
  };
}

/** New ciphertexts by name; null deletes that secret, absent keeps it. */
export type SecretChanges = Partial<Record<'imap' | 'smtp', Buffer | null>>;

function server(
  host: string | null,
  port: number | null,
  security: Security | null,
  user: string | null,
): ServerSettings | null {
  return host && port && security && user !== null ? { host, port, security, user } : null;
}

function toRecord(r: AccountRow): AccountRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    email: r.email,
    provider: r.provider,
    imap: server(r.imap_host, r.imap_port, r.imap_security, r.imap_user),
    smtp: server(r.smtp_host, r.smtp_port, r.smtp_security, r.smtp_user),
    pin:
      r.tls_pin && r.tls_pin_pem
        ? { fingerprint256: r.tls_pin, chainPem: splitPem(r.tls_pin_pem) }
        : null,
    origin: r.origin,
    createdAt: r.created_at,
  };
}

function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];
}
