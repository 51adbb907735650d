/**
 * What the rules tests share: a mailbox of generated mail (newsletters through
 * several platforms, prospecting, personal mail, lists) older than a month,
 * a Sent message that makes one newsletter sender a relationship, and an
 * independent look at every folder on the server.
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { generateSamples, type Sample } from '../fixtures/generate-mailbox.js';
import { ImapFlow } from 'imapflow';
import { createJobQueue } from '../../electron/jobs/index.js';
import type { SessionOptions } from '../../electron/mail-actions/index.js';
import { createFoldersStore } from '../../electron/mailbox/folders.sql.js';
import {
  createRulesService,
  createRulesStore,
  type RulesService,
} from '../../electron/rules/index.js';
import { createSettingsTable } from '../../electron/settings/settings.sql.js';
import type { TestCore } from '../support/core.js';
import type { WritePath } from '../support/write-path.js';

export const DAY_MS = 86_400_000;

/** `count` generated messages dated from 90 days ago, 10 minutes apart. */
export function oldMailbox(count: number, seed = 7): Sample[] {
  return [...generateSamples(count, { seed, start: Date.now() - 90 * DAY_MS })];
}

export const fromAddressOf = (raw: Buffer): string =>
  /^From:.*?<?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(raw.toString('latin1'))![1]!.toLowerCase();

export const messageIdOf = (raw: Buffer): string =>
  /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))![1]!;

/** A message alice sent to this address (found in Sent, it makes the address a relationship). */
export function sentTo(address: string): string {
  return (
    `From: Alice Durand <alice@exemple.fr>\r\nTo: ${address}\r\nSubject: Question\r\n` +
    `Date: Mon, 2 Nov 2026 09:00:00 +0100\r\nMessage-ID: <sent-1@exemple.fr>\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n`
  );
}

export interface FolderState {
  /** Message-ID → SHA-256 of the source, for messages not flagged \Deleted. */
  byMessageId: Map<string, string>;
  hashes: string[];
}

/**
 * Every folder on the server, read by another client: each message's source hashed. Messages
 * flagged \Deleted are left out (a server without UIDPLUS keeps moved originals so).
 */
export async function serverState(
  port: number,
  user: 'alice' | 'bob' = 'alice',
): Promise<Map<string, FolderState>> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: `${user}-secret-pw` },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const out = new Map<string, FolderState>();
    for (const box of await client.list()) {
      const opened = await client.mailboxOpen(box.path, { readOnly: true });
      const state: FolderState = { byMessageId: new Map(), hashes: [] };
      if (opened.exists > 0)
        for await (const m of client.fetch('1:*', { flags: true, source: true, envelope: true })) {
          if (m.flags?.has('\\Deleted')) continue;
          const sha = createHash('sha256').update(m.source!).digest('hex');
          state.byMessageId.set(m.envelope?.messageId ?? '', sha);
          state.hashes.push(sha);
        }
      state.hashes.sort();
      out.set(box.path, state);
    }
    return out;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The multiset of every message's hash, all folders together. */
export const allHashes = (state: Map<string, FolderState>): string[] =>
  [...state.values()].flatMap((f) => f.hashes).sort();

/** Folder → sorted hashes, empty folders left out (a created folder that is empty again). */
export const perFolder = (state: Map<string, FolderState>): Record<string, string[]> =>
  Object.fromEntries(
    [...state].filter(([, f]) => f.hashes.length > 0).map(([p, f]) => [p, f.hashes]),
  );

/** The Message-IDs in a folder. */
export const idsIn = (state: Map<string, FolderState>, folder: string): string[] =>
  [...(state.get(folder)?.byMessageId.keys() ?? [])].sort();

/** What the store says of INBOX's messages: Message-ID, verdict, score, sender. */
export function storedVerdicts(dataDir: string) {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT m.message_id AS messageId, c.verdict, c.score, lower(m.from_address) AS sender
         FROM message_locations l JOIN folders f ON f.id = l.folder_id
         JOIN messages m ON m.id = l.message_id LEFT JOIN classifications c ON c.message_id = m.id
         WHERE f.path = 'INBOX'`,
      )
      .all() as Array<{
      messageId: string;
      verdict: string | null;
      score: number | null;
      sender: string;
    }>;
  } finally {
    db.close();
  }
}

/**
 * The rules over the core's data folder, through the write path `w`, with small batches (a
 * hook before each server call in `session`); its sync step is the core's sync and detection.
 */
export function rulesOver(
  t: TestCore,
  w: WritePath,
  accountId: string,
  o: { session: SessionOptions; batchSize: number },
): RulesService {
  const folders = createFoldersStore(w.db);
  return createRulesService({
    store: createRulesStore(w.db),
    jobs: createJobQueue({ emit: () => undefined }),
    journal: w.journal,
    mailActions: w.actions,
    serverAccounts: () => [accountId],
    folders: (a) => folders.listFolders(a),
    prepareAccount: async (a) => void (await t.syncAndDetect(a)),
    defaultMinConfidence: 0.9,
    settings: createSettingsTable(w.db),
    batchSize: o.batchSize,
    sessionOptions: o.session,
  });
}
