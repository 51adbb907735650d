/**
 * What the store knows of the messages an action names, read before its
 * intent is written: the folder's UIDVALIDITY (so a recreated folder is
 * caught) and each message's Message-ID (so it can be found again).
 */
import type { Database } from '../store/db.js';
import { messageIdIn } from './message-ids.js';
import type { FolderRef, MessageRef } from './types.js';

export interface LocationStore {
  folder(accountId: string, path: string): FolderRef;
  messages(accountId: string, path: string, uids: number[]): MessageRef[];
}

export function createLocationStore(db: Database): LocationStore {
  const folder = db.prepare(`SELECT uidvalidity FROM folders WHERE account_id = ? AND path = ?`);
  // A row detection has not summarized yet has no message_id: its raw header block has it.
  const messages = db.prepare(
    `SELECT l.uid, m.message_id AS messageId, CASE WHEN m.message_id IS NULL THEN h.raw END AS raw
     FROM message_locations l JOIN folders f ON f.id = l.folder_id JOIN messages m ON m.id = l.message_id
     LEFT JOIN message_headers h ON h.message_id = m.id
     WHERE f.account_id = ? AND f.path = ? AND l.uid IN (SELECT value FROM json_each(?))`,
  );
  return {
    folder(accountId, path) {
      const row = folder.get(accountId, path) as { uidvalidity: number | null } | undefined;
      return { path, uidValidity: row?.uidvalidity ?? null };
    },
    messages(accountId, path, uids) {
      const rows = messages.all(accountId, path, JSON.stringify(uids)) as Array<{
        uid: number;
        messageId: string | null;
        raw: Buffer | null;
      }>;
      const known = new Map(rows.map((r) => [r.uid, r.messageId ?? messageIdIn(r.raw)]));
      return uids.map((uid) => ({ uid, messageId: known.get(uid) ?? null }));
    },
  };
}
