/**
 * Where messages are, apart from what they are. A move changes a message's
 * location and keeps the message (its verdict, source, excerpt, history); a
 * message the server no longer holds anywhere is kept while it is evidence,
 * or until the retention setting drops it.
 */
import type { Database } from '../store/db.js';

export interface LocationsRepo {
  /** The server moved a message (our own move, with the UIDPLUS map): same message, new place. */
  relocate(from: { folderId: number; uid: number }, to: { folderId: number; uid: number }): boolean;
  /** The server holds a copy of a message in another folder (our own copy). */
  addCopy(from: { folderId: number; uid: number }, to: { folderId: number; uid: number }): boolean;
  /**
   * New messages that are known messages moved by another client (same header block as one that
   * left the server) take the known message's place, so its history is kept. Returns how many.
   */
  reattachMoved(accountId?: string): number;
  /** Marks a message as evidence (it is then kept after it leaves the server). */
  markEvidence(messageId: number, reason: string): void;
  /** Drops what left the server more than `days` ago and is not evidence. Returns how many. */
  dropGone(days: number, now?: Date): number;
}

export function createLocationsRepo(db: Database): LocationsRepo {
  const location = db.prepare(
    `SELECT message_id, account_id, flags, modseq FROM message_locations WHERE folder_id = ? AND uid = ?`,
  );
  const uidValidity = db.prepare(`SELECT uidvalidity FROM folders WHERE id = ?`).pluck();
  const insert = db.prepare(`
    INSERT INTO message_locations (folder_id, uid, message_id, account_id, uidvalidity, flags, modseq)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (folder_id, uid) DO UPDATE SET message_id = excluded.message_id, flags = excluded.flags`);
  const remove = db.prepare(`DELETE FROM message_locations WHERE folder_id = ? AND uid = ?`);

  type Row = { message_id: number; account_id: string; flags: string };
  const place = (row: Row, to: { folderId: number; uid: number }) =>
    insert.run(
      to.folderId,
      to.uid,
      row.message_id,
      row.account_id,
      uidValidity.get(to.folderId) ?? null,
      row.flags,
    );

  return {
    relocate: db.transaction((from, to) => {
      const row = location.get(from.folderId, from.uid) as Row | undefined;
      if (!row) return false;
      // The new place first: the message never has no place, so it is never marked gone.
      place(row, to);
      remove.run(from.folderId, from.uid);
      return true;
    }),

    addCopy: db.transaction((from, to) => {
      const row = location.get(from.folderId, from.uid) as Row | undefined;
      if (!row) return false;
      place(row, to);
      return true;
    }),

    reattachMoved: db.transaction((accountId?: string) => {
      const anyGone = db
        .prepare(`SELECT EXISTS (SELECT 1 FROM messages WHERE gone_at IS NOT NULL)`)
        .pluck()
        .get();
      if (!anyGone) return 0;
      // New messages are the ones detection has not seen yet.
      const fresh = db
        .prepare(
          `SELECT m.id, m.account_id, m.header_sha256 FROM messages m
           LEFT JOIN classifications c ON c.message_id = m.id
           WHERE c.message_id IS NULL AND m.gone_at IS NULL AND m.header_sha256 IS NOT NULL
             AND (@accountId IS NULL OR m.account_id = @accountId)`,
        )
        .all({ accountId: accountId ?? null }) as Array<{
        id: number;
        account_id: string;
        header_sha256: Buffer;
      }>;
      const known = db
        .prepare(
          `SELECT id FROM messages WHERE account_id = ? AND header_sha256 = ? AND gone_at IS NOT NULL
           ORDER BY id LIMIT 1`,
        )
        .pluck();
      const move = db.prepare(`UPDATE message_locations SET message_id = ? WHERE message_id = ?`);
      const back = db.prepare(`UPDATE messages SET gone_at = NULL WHERE id = ?`);
      const drop = db.prepare(`DELETE FROM messages WHERE id = ?`);
      let n = 0;
      for (const m of fresh) {
        const knownId = known.get(m.account_id, m.header_sha256) as number | undefined;
        if (knownId === undefined) continue;
        move.run(knownId, m.id);
        back.run(knownId);
        drop.run(m.id);
        n += 1;
      }
      return n;
    }),

    markEvidence(messageId, reason) {
      db.prepare(`UPDATE messages SET evidence = COALESCE(evidence, ?) WHERE id = ?`).run(
        reason,
        messageId,
      );
    },

    dropGone(days, now = new Date()) {
      const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
      return db
        .prepare(
          `DELETE FROM messages WHERE gone_at IS NOT NULL AND gone_at <= ? AND evidence IS NULL`,
        )
        .run(cutoff).changes;
    },
  };
}
