/**
 * Adding, testing, editing and removing accounts. A password is checked
 * against the server before it is saved, saved only encrypted, and never
 * handed back to the UI.
 */
import type { TLSSocket } from 'node:tls';
import type { ImapFlow } from 'imapflow';
import type { AccountDraft } from '../../shared/api/index.js';
import type {
  Account,
  CertificateInfo,
  ConnectionReport,
  ServerSettings,
} from '../../shared/types.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { FoldersWriter } from '../mailbox/folders.sql.js';
import { fetchServerFolders } from '../mailbox/folders.js';
import type { SecretBox } from '../secrets/index.js';
import type { AccountRecord, AccountsStore } from './accounts.sql.js';
import {
  assertSecurityAllowed,
  connectImap,
  type ImapSessionOptions,
  type ImapTimeouts,
  type TlsPin,
} from './imap-client.js';
import { checkPasswordsForUpdate } from './password-binding.js';
import { connectableHost, sameHost } from './server-host.js';
import { probeCertificate } from './tls-probe.js';

export interface AccountsServiceDeps {
  accounts: AccountsStore;
  /** Where the folder list a server shows is stored. */
  folders: FoldersWriter;
  secrets: SecretBox;
  log: Logger;
  timeouts?: ImapTimeouts;
  onChange: () => void;
  /**
   * Deletes the account's row and, with it, everything stored for it: the writer thread's work,
   * which holds the only write handle on the mail's tables. False when it did not exist.
   */
  removeStored(id: string): Promise<boolean>;
}

type Draft = Omit<AccountDraft, 'password'> & { password?: string };

/** The draft with its server names as the core connects to and stores them ("[::1]" → "::1"). */
function withConnectableHosts<D extends Draft>(draft: D): D {
  const smtp = draft.smtp ? { ...draft.smtp, host: connectableHost(draft.smtp.host) } : draft.smtp;
  return { ...draft, imap: { ...draft.imap, host: connectableHost(draft.imap.host) }, smtp };
}

export function createAccountsService(deps: AccountsServiceDeps) {
  const { accounts, folders, secrets, log } = deps;

  /** Connects with a draft's settings; a refused certificate comes back with its details. */
  async function connectDraft(draft: Draft, password: string, keptPin: TlsPin | null) {
    log.redact(password);
    assertSecurityAllowed(draft.imap);
    const pin = draft.tlsPin
      ? await pinFromServer(draft.imap, draft.tlsPin)
      : draft.tlsPin === null
        ? null
        : keptPin;
    try {
      return { client: await connectImap(draft.imap, password, pin, deps.timeouts), pin };
    } catch (err) {
      if (isAppError(err, 'TLS_CERT_UNTRUSTED')) throw await withCertificate(err, draft.imap);
      throw err;
    }
  }

  async function withCertificate(
    err: AppError<'TLS_CERT_UNTRUSTED'>,
    server: ServerSettings,
  ): Promise<AppError> {
    if (server.security === 'plain') return err;
    try {
      const { chainPem: _chain, ...certificate } = await probeCertificate(
        server.host,
        server.port,
        server.security,
      );
      return new AppError(err.code, err.message, { ...err.details, certificate });
    } catch {
      return err;
    }
  }

  async function pinFromServer(server: ServerSettings, fingerprint: string): Promise<TlsPin> {
    if (server.security === 'plain')
      throw new AppError(
        'INVALID_INPUT',
        'A certificate can only be trusted on a TLS or STARTTLS connection.',
      );
    const cert = await probeCertificate(server.host, server.port, server.security).catch(
      (e: unknown) => {
        throw new AppError(
          'TLS_HANDSHAKE_FAILED',
          `Could not read the certificate of ${server.host}:${server.port}: ${(e as Error).message}`,
        );
      },
    );
    if (cert.fingerprint256.toUpperCase() !== fingerprint.toUpperCase()) {
      throw new AppError(
        'TLS_PIN_MISMATCH',
        `The server now shows a different certificate (${cert.fingerprint256}) from the one you chose to trust. Nothing was saved.`,
        { fingerprint256: cert.fingerprint256, pinned: fingerprint },
      );
    }
    return { fingerprint256: cert.fingerprint256, chainPem: cert.chainPem };
  }

  async function report(client: ImapFlow): Promise<ConnectionReport> {
    const folders = await client.list();
    return {
      folders: folders.length,
      capabilities: [...client.capabilities.keys()].sort(),
      certificate: peerCertificate(client),
    };
  }

  async function saveFolders(accountId: string, client: ImapFlow, counts?: boolean) {
    folders.replaceFolders(accountId, await fetchServerFolders(client, counts));
  }

  function recordFromDraft(
    id: string,
    draft: Draft,
    pin: TlsPin | null,
  ): Omit<AccountRecord, 'createdAt'> {
    return {
      id,
      kind: 'imap',
      name: draft.name?.trim() || draft.email,
      email: draft.email.toLowerCase(),
      provider: draft.provider,
      imap: draft.imap,
      smtp: draft.smtp ?? null,
      pin,
      origin: null,
    };
  }

  function encryptSecrets(password: string | undefined, smtpPassword: string | undefined) {
    return {
      ...(password ? { imap: secrets.encrypt(password) } : {}),
      ...(smtpPassword ? { smtp: secrets.encrypt(smtpPassword) } : {}),
    };
  }

  function requireImapAccount(id: string): AccountRecord & { imap: ServerSettings } {
    const account = accounts.get(id);
    if (!account) throw new AppError('NOT_FOUND', 'This account no longer exists.');
    if (!account.imap)
      throw new AppError('INVALID_INPUT', 'This is a local source, not an IMAP account.');
    return account as AccountRecord & { imap: ServerSettings };
  }

  /** The stored password, decrypted only for the moment a connection needs it. */
  function passwordOf(id: string): string {
    const blob = accounts.secret(id, 'imap');
    if (!blob)
      throw new AppError(
        'AUTH_FAILED',
        'No password is stored for this account; edit it to enter one.',
      );
    const password = secrets.decrypt(blob);
    log.redact(password);
    return password;
  }

  return {
    list(): Account[] {
      return accounts.list().map(accounts.toPublic);
    },

    async test(input: AccountDraft): Promise<ConnectionReport> {
      const draft = withConnectableHosts(input);
      const { client } = await connectDraft(draft, draft.password, null);
      try {
        return await report(client);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    async check(id: string): Promise<ConnectionReport> {
      const client = await this.open(id);
      try {
        return await report(client);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    async add(input: AccountDraft): Promise<Account> {
      const draft = withConnectableHosts(input);
      const duplicate = accounts
        .list()
        .find(
          (a) =>
            a.imap && sameHost(a.imap.host, draft.imap.host) && a.imap.user === draft.imap.user,
        );
      if (duplicate)
        throw new AppError(
          'CONFLICT',
          `${draft.imap.user} on ${draft.imap.host} is already set up as “${duplicate.name}”.`,
        );
      const { client, pin } = await connectDraft(draft, draft.password, null);
      try {
        const id = accounts.newId();
        // Encrypt before inserting: no row is written if the secrets box refuses.
        accounts.insert(
          recordFromDraft(id, draft, pin),
          encryptSecrets(draft.password, draft.smtpPassword),
        );
        log.info(`account added: ${id} (${draft.imap.host})`);
        await saveFolders(id, client);
        deps.onChange();
        return accounts.toPublic(accounts.get(id)!);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    async update(id: string, input: Draft): Promise<Account> {
      const draft = withConnectableHosts(input);
      const current = requireImapAccount(id);
      // Before anything is decrypted or sent: a new server needs its password typed.
      const { dropStoredSmtpPassword } = checkPasswordsForUpdate(current, draft);
      const password = draft.password ?? passwordOf(id);
      const samePinnedServer =
        sameHost(current.imap.host, draft.imap.host) && current.imap.port === draft.imap.port;
      const keptPin = samePinnedServer ? current.pin : null;
      const { client, pin } = await connectDraft(draft, password, keptPin);
      try {
        accounts.update(recordFromDraft(id, draft, pin), {
          ...(dropStoredSmtpPassword ? { smtp: null } : {}),
          ...encryptSecrets(draft.password, draft.smtpPassword),
        });
        await saveFolders(id, client);
        deps.onChange();
        return accounts.toPublic(accounts.get(id)!);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    async remove(id: string): Promise<{ removed: true }> {
      if (!(await deps.removeStored(id)))
        throw new AppError('NOT_FOUND', 'This account no longer exists.');
      deps.onChange();
      return { removed: true };
    },

    /** What a connection of the sync needs; the password is decrypted for that moment only. */
    credentials(id: string): { server: ServerSettings; password: string; pin: TlsPin | null } {
      const account = requireImapAccount(id);
      return { server: account.imap, password: passwordOf(id), pin: account.pin };
    },

    /** An authenticated connection for the account's work (folders, sync). Caller logs out. */
    async open(id: string, session?: ImapSessionOptions): Promise<ImapFlow> {
      const account = requireImapAccount(id);
      return connectImap(account.imap, passwordOf(id), account.pin, deps.timeouts, session);
    },

    /** `counts: false`: the folders without their counts, which the caller reads itself. */
    async refreshFolders(id: string, counts?: boolean): Promise<void> {
      const client = await this.open(id);
      try {
        await saveFolders(id, client, counts);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

function peerCertificate(client: ImapFlow): CertificateInfo | null {
  const socket = (client as unknown as { socket?: Partial<TLSSocket> }).socket;
  const cert = socket?.getPeerCertificate?.();
  if (!cert || !cert.fingerprint256) return null;
  return {
    fingerprint256: cert.fingerprint256,
    subject: String(cert.subject?.CN ?? ''),
    issuer: String(cert.issuer?.CN ?? ''),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    trusted: socket?.authorized === true,
  };
}
