/**
 * The complete sources kept of messages (`message_sources`: the bytes and
 * their SHA-256), and where a message's source is to be found when it is not
 * kept yet (its account, folder and UID, or its imported file). A small table
 * the main thread writes (see docs/architecture.md).
 */
import type { MessageSourceInfo } from '../../shared/types.js';
import type { Database } from '../store/db.js';

/**
 * Where a message's source can be read: its place on the server (null fields: it left the
 * server), or the file it came from (`kind` 'local', `origin` the file or `file#n` in an mbox).
 */
export interface SourceLocation {
  id: number;
  account_id: string;
  kind: string;
  origin: string | null;
  /** The size the server or the file announced (0 when unknown): what a fetch will cost. */
  size: number;
  folder_id: number | null;
  uid: number | null;
  listed_path: string | null;
  path: string | null;
  uidvalidity: number | null;
}

export interface SourcesReader {
  /** What is kept of a message's source; null when it was never fetched. */
  info(messageId: number): MessageSourceInfo | null;
  /** The kept bytes; null when the source was never fetched. */
  raw(messageId: number): Buffer | null;
  /** Where to read the source from; null when the store no longer has the message. */
  locate(messageId: number): SourceLocation | null;
}

export interface SourcesWriter {
  /** Keeps a source; the first one kept stays (a source never changes). */
  save(info: MessageSourceInfo, raw: Buffer): void;
  /**
   * Drops the sources of an account fetched before `before` that can be fetched again: the
   * message is still on the IMAP server and no complaint rests on it. Returns how many.
   */
  dropRefetchable(accountId: string, before: string): number;
}

export type SourcesStore = SourcesReader & SourcesWriter;

export function createSourcesStore(db: Database): SourcesStore {
  const info = db.prepare(
    `SELECT message_id AS messageId, length(raw) AS size, sha256, fetched_at AS fetchedAt FROM message_sources WHERE message_id = ?`,
  );
  const raw = db.prepare(`SELECT raw FROM message_sources WHERE message_id = ?`).pluck();
  const locate = db.prepare(
    `SELECT m.id, m.account_id, a.kind, m.origin, m.size, f.id AS folder_id, l.uid,
            f.listed_path, f.path, f.uidvalidity
     FROM messages m JOIN accounts a ON a.id = m.account_id
     LEFT JOIN message_locations l ON l.message_id = m.id LEFT JOIN folders f ON f.id = l.folder_id
     WHERE m.id = ? ORDER BY f.id LIMIT 1`,
  );
  const save = db.prepare(
    `INSERT OR IGNORE INTO message_sources (message_id, raw, sha256, fetched_at) VALUES (?, ?, ?, ?)`,
  );
  // From the kept sources (CROSS JOIN keeps them the outer loop), not from the account's
  // messages: after every sync, this read each message of the account even with no source kept.
  const dropRefetchable = db.prepare(
    `DELETE FROM message_sources WHERE message_id IN (
       SELECT s.message_id FROM message_sources s CROSS JOIN messages m ON m.id = s.message_id
       JOIN accounts a ON a.id = m.account_id
       WHERE m.account_id = @accountId AND a.kind = 'imap' AND m.evidence IS NULL
         AND EXISTS (SELECT 1 FROM message_locations l WHERE l.message_id = m.id))
     AND fetched_at < @before`,
  );
  return {
    dropRefetchable: (accountId, before) => dropRefetchable.run({ accountId, before }).changes,
    info: (messageId) => (info.get(messageId) as MessageSourceInfo | undefined) ?? null,
    raw: (messageId) => (raw.get(messageId) as Buffer | undefined) ?? null,
    locate: (messageId) => (locate.get(messageId) as SourceLocation | undefined) ?? null,
    save(i, bytes) {
      save.run(i.messageId, bytes, i.sha256, i.fetchedAt);
    },
  };
}
