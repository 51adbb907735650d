/**
 * The IMAP write path over a core's data folder, built from the same
 * factories the core uses (a test, or a child process, drives it directly),
 * and an independent look at what the server holds.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { connectAlice } from './dovecot-account.js';
import { createAccountsStore } from '../../electron/accounts/accounts.sql.js';
import { createAccountsService, type AccountsService } from '../../electron/accounts/service.js';
import { createJournal, createJournalStore, type Journal } from '../../electron/journal/index.js';
import { createLogger } from '../../electron/log.js';
import {
  createLocationStore,
  createMailActions,
  type MailActions,
} from '../../electron/mail-actions/index.js';
import { createFoldersStore } from '../../electron/mailbox/folders.sql.js';
import { createLocationsStore } from '../../electron/mailbox/locations.sql.js';
import { createKeyFileSecretBox } from '../../electron/secrets/index.js';
import { openDatabase, type Database } from '../../electron/store/db.js';

export interface WritePath {
  db: Database;
  accounts: AccountsService;
  journal: Journal;
  actions: MailActions;
  close(): void;
}

/** Opens the data folder's store (beside a running core, or alone in a child process). */
export function openWritePath(dataDir: string): WritePath {
  const db = openDatabase(path.join(dataDir, 'inbox-guard.sqlite'));
  const folders = createFoldersStore(db);
  const locations = createLocationsStore(db);
  const accountsStore = createAccountsStore(db);
  const accounts = createAccountsService({
    accounts: accountsStore,
    folders,
    secrets: createKeyFileSecretBox(dataDir),
    log: createLogger(null),
    onChange: () => undefined,
    // Without the app's writer thread, this connection writes (as every connection may).
    removeStored: async (id) => accountsStore.remove(id),
  });
  const journal = createJournal(createJournalStore(db));
  return {
    db,
    accounts,
    journal,
    // Without the app's writer thread, the store's places are written on this connection.
    actions: createMailActions({
      accounts,
      folders,
      locations: createLocationStore(db),
      locationWrites: {
        recordTransfer: async (moves, keepOriginals) =>
          locations.recordTransfer(moves, keepOriginals),
        removeUids: async (folderId, uids) => locations.deleteUids(folderId, uids),
      },
      journal,
      onChanged: () => undefined,
    }),
    close: () => db.close(),
  };
}

export interface ServerMessage {
  uid: number;
  messageId: string;
  flags: string[];
  sha256: string;
}

/** What a folder holds on the server, read by another client: UIDs, flags and each source's hash. */
export async function serverFolder(port: number, folder: string): Promise<ServerMessage[]> {
  return withClient(port, async (client) => {
    const box = await client.mailboxOpen(folder, { readOnly: true });
    if (box.exists === 0) return [];
    const out: ServerMessage[] = [];
    for await (const m of client.fetch('1:*', {
      uid: true,
      flags: true,
      source: true,
      envelope: true,
    }))
      out.push({
        uid: m.uid,
        messageId: m.envelope?.messageId ?? '',
        // \Recent depends on which session looks: not part of the message's state.
        flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
        sha256: createHash('sha256').update(m.source!).digest('hex'),
      });
    return out.sort((a, b) => a.uid - b.uid);
  });
}

export async function withClient<T>(port: number, work: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = await connectAlice(port);
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Hashes of sources, sorted: equal multisets mean nothing was lost, duplicated or altered. */
export const hashes = (messages: ServerMessage[]) => messages.map((m) => m.sha256).sort();
