/** The accounts and secrets tables. Secrets go in and out as ciphertext only. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../store/db.js';
import type { Account, AccountKind, Security, ServerSettings } from '../../shared/types.js';
import type { TlsPin } from './imap-client.js';

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

export function createAccountsRepo(db: Database) {
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
  const secretsOf = db.prepare(`SELECT name FROM secrets WHERE account_id = ?`).pluck();

  return {
    newId: () => randomUUID(),

    insert: db.transaction(
      (a: Omit<AccountRecord, 'createdAt'>, secrets: Partial<Record<'imap' | 'smtp', Buffer>>) => {
        db.prepare(
          `INSERT INTO accounts (id, kind, name, email, provider, imap_host, imap_port, imap_security, imap_user,
          smtp_host, smtp_port, smtp_security, smtp_user, tls_pin, tls_pin_pem, origin, created_at, updated_at)
         VALUES (@id, @kind, @name, @email, @provider, @imapHost, @imapPort, @imapSecurity, @imapUser,
          @smtpHost, @smtpPort, @smtpSecurity, @smtpUser, @tlsPin, @tlsPinPem, @origin, @now, @now)`,
        ).run(toParams(a, new Date().toISOString()));
        writeSecrets(db, a.id, secrets);
      },
    ),

    /** A secret given as null is deleted (it belonged to a server the account left). */
    update: db.transaction((a: Omit<AccountRecord, 'createdAt'>, secrets: SecretChanges) => {
      db.prepare(
        `UPDATE accounts SET name = @name, email = @email, provider = @provider, imap_host = @imapHost,
          imap_port = @imapPort, imap_security = @imapSecurity, imap_user = @imapUser, smtp_host = @smtpHost,
          smtp_port = @smtpPort, smtp_security = @smtpSecurity, smtp_user = @smtpUser, tls_pin = @tlsPin,
          tls_pin_pem = @tlsPinPem, updated_at = @now WHERE id = @id`,
      ).run(toParams(a, new Date().toISOString()));
      writeSecrets(db, a.id, secrets);
    }),

    remove(id: string): boolean {
      return db.prepare(`DELETE FROM accounts WHERE id = ?`).run(id).changes > 0;
    },

    get(id: string): AccountRecord | null {
      const row = db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(id) as
        AccountRow | undefined;
      return row ? toRecord(row) : null;
    },

    findLocal(origin: string): AccountRecord | null {
      const row = db
        .prepare(`SELECT * FROM accounts WHERE kind = 'local' AND origin = ?`)
        .get(origin) as AccountRow | undefined;
      return row ? toRecord(row) : null;
    },

    list(): AccountRecord[] {
      return (
        db.prepare(`SELECT * FROM accounts ORDER BY kind, created_at`).all() as AccountRow[]
      ).map(toRecord);
    },

    secret(id: string, name: 'imap' | 'smtp'): Buffer | null {
      const row = db
        .prepare(`SELECT ciphertext FROM secrets WHERE account_id = ? AND name = ?`)
        .get(id, name) as { ciphertext: Buffer } | undefined;
      return row?.ciphertext ?? null;
    },

    toPublic(a: AccountRecord): Account {
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

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;

/** New ciphertexts by name; null deletes that secret, absent keeps it. */
export type SecretChanges = Partial<Record<'imap' | 'smtp', Buffer | null>>;

function writeSecrets(db: Database, accountId: string, secrets: SecretChanges) {
  const upsert = db.prepare(
    `INSERT INTO secrets (account_id, name, ciphertext) VALUES (?, ?, ?)
     ON CONFLICT (account_id, name) DO UPDATE SET ciphertext = excluded.ciphertext`,
  );
  const remove = db.prepare(`DELETE FROM secrets WHERE account_id = ? AND name = ?`);
  for (const [name, blob] of Object.entries(secrets)) {
    if (blob) upsert.run(accountId, name, blob);
    else if (blob === null) remove.run(accountId, name);
  }
}

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
