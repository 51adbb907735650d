/** Mail accounts: their servers, passwords and certificates, tested before they are saved. */
import { z } from 'zod';
import type { Account, ConnectionReport } from '../types.js';
import { call } from './define.js';
import { accountId, empty } from './schemas.js';

const hostname = z
  .string()
  .trim()
  .min(1, 'A server name is required')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Not a valid server name');

export const serverSettingsSchema = z
  .object({
    host: hostname,
    port: z.number().int().min(1).max(65535),
    security: z.enum(['tls', 'starttls', 'plain']),
    user: z.string().min(1).max(320),
  })
  .strict();

const fingerprint = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, 'Expected a SHA-256 fingerprint (AA:BB:...)');

export const accountDraftSchema = z
  .object({
    name: z.string().trim().max(100).optional(),
    email: z.email().max(320),
    provider: z.string().min(1).max(40),
    imap: serverSettingsSchema,
    password: z.string().min(1).max(1024),
    smtp: serverSettingsSchema.nullable().optional(),
    /** Defaults to the IMAP password when absent. */
    smtpPassword: z.string().min(1).max(1024).optional(),
    /** Trust exactly this self-signed certificate for this account. */
    tlsPin: fingerprint.nullable().optional(),
  })
  .strict();

export type AccountDraft = z.input<typeof accountDraftSchema>;

export const accountsCalls = {
  'accounts.list': call<Account[]>()(empty),
  /** Connects and logs in without saving anything. */
  'accounts.test': call<ConnectionReport>()(accountDraftSchema),
  /** Tests the connection, then saves the account and lists its folders. */
  'accounts.add': call<Account>()(accountDraftSchema),
  'accounts.update': call<Account>()(
    z
      .object({
        id: accountId,
        // The password may be left out to keep the stored one, but only while the server (host,
        // port, security) stays: a stored password never goes elsewhere (PASSWORD_REQUIRED).
        draft: accountDraftSchema.extend({ password: z.string().min(1).max(1024).optional() }),
      })
      .strict(),
  ),
  /** Connects with an account's stored settings and password (to check an existing account). */
  'accounts.check': call<ConnectionReport>()(z.object({ id: accountId }).strict()),
  'accounts.remove': call<{ removed: true }>()(z.object({ id: accountId }).strict()),
} as const;
