/**
 * Where messages are, apart from what they are (`message_locations`). A move
 * changes a message's location and keeps the message (its verdict, source,
 * excerpt, history); a message the server no longer holds anywhere is kept
 * while it is evidence, or until the retention setting drops it.
 */
import type { Database } from '../store/db.js';
import { headerHash } from './message-rows.js';
import { writeTransaction } from '../store/transaction.js';

/** A message's place: a folder and the UID the server gave it there. */
export interface Place {
  folderId: number;
  uid: number;
}

export interface FlagChange {
  uid: number;
  flags: string[];
  modseq: string | null;
}

export interface LocationsReader {
  /** UIDs stored for a folder, ascending. */
  storedUids(folderId: number): number[];
  /** uid → flags, for the flags check of servers without CONDSTORE. */
  storedFlags(folderId: number): Map<number, string>;
  countInFolder(folderId: number): number;
  /** Messages of the folder without the \Seen flag. */
  countUnseen(folderId: number): number;
  /** Whether some message of the account left the server (kept as evidence or until retention). */
  hasGone(accountId: string): boolean;
}

export interface LocationsWriter {
  /** The server no longer holds these UIDs in this folder; the messages themselves stay known. */
  deleteUids(folderId: number, uids: readonly number[]): number;
  /** New flags where they changed; returns how many places changed. */
  updateFlags(folderId: number, changes: readonly FlagChange[]): number;
  /** The server moved a message (our own move, with the UIDPLUS map): same message, new place. */
  relocate(from: Place, to: Place): boolean;
  /** The server holds a copy of a message in another folder (our own copy). */
  addCopy(from: Place, to: Place): boolean;
  /**
   * Our own move or copy, with the server's UID map, in one transaction: each message gets its
   * new place; it leaves the old one unless `keepOriginals` (a copy, or a move whose originals
   * stay flagged \Deleted).
   */
  recordTransfer(moves: ReadonlyArray<{ from: Place; to: Place }>, keepOriginals: boolean): void;
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

export type LocationsStore = LocationsReader & LocationsWriter;

export function createLocationsStore(db: Database): LocationsStore {
  const uids = db
    .prepare(`SELECT uid FROM message_locations WHERE folder_id = ? ORDER BY uid`)
    .pluck();
  const flags = db.prepare(`SELECT uid, flags FROM message_locations WHERE folder_id = ?`).raw();
  const count = db.prepare(`SELECT COUNT(*) FROM message_locations WHERE folder_id = ?`).pluck();
  const unseen = db
    .prepare(
      `SELECT COUNT(*) FROM message_locations WHERE folder_id = ? AND ' ' || flags || ' ' NOT LIKE '% \\Seen %'`,
    )
    .pluck();
  // Answered from the partial index of gone messages (migration 0008).
  const anyGone = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM messages WHERE account_id = ? AND gone_at IS NOT NULL)`)
    .pluck();
  const location = db.prepare(
    `SELECT message_id, account_id, flags, modseq FROM message_locations WHERE folder_id = ? AND uid = ?`,
  );
  const uidValidity = db.prepare(`SELECT uidvalidity FROM folders WHERE id = ?`).pluck();
  const insert = db.prepare(`
    INSERT INTO message_locations (folder_id, uid, message_id, account_id, uidvalidity, flags, modseq)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (folder_id, uid) DO UPDATE SET message_id = excluded.message_id, flags = excluded.flags`);
  const remove = db.prepare(`DELETE FROM message_locations WHERE folder_id = ? AND uid = ?`);
  const taken = db.prepare(`SELECT 1 FROM message_locations WHERE folder_id = ? AND uid = ?`);
  // In place, with no trigger to run (migration 0022): the triage counts both folders alike.
  const move = db.prepare(
    `UPDATE message_locations SET folder_id = @toFolder, uid = @toUid, modseq = NULL,
       uidvalidity = (SELECT uidvalidity FROM folders WHERE id = @toFolder)
     WHERE folder_id = @fromFolder AND uid = @fromUid`,
  );
  /** Whether the triage leaves this folder's mail out (Trash, Junk). */
  const hiddenFromTriage = db
    .prepare(`SELECT COALESCE(special_use, '') IN ('trash', 'junk') FROM folders WHERE id = ?`)
    .pluck();
  const updateFlags = db.prepare(
    `UPDATE message_locations SET flags = @flags, modseq = COALESCE(@modseq, modseq)
     WHERE folder_id = @folderId AND uid = @uid AND flags != @flags`,
  );
  const markEvidence = db.prepare(
    `UPDATE messages SET evidence = COALESCE(evidence, ?) WHERE id = ?`,
  );
  const dropGone = db.prepare(
    `DELETE FROM messages WHERE gone_at IS NOT NULL AND gone_at <= ? AND evidence IS NULL`,
  );

  type Row = { message_id: number; account_id: string; flags: string };
  const place = (row: Row, to: Place) =>
    insert.run(
      to.folderId,
      to.uid,
      row.message_id,
      row.account_id,
      uidValidity.get(to.folderId) ?? null,
      row.flags,
    );

  /**
   * A move across the triage's line (into or out of Trash or Junk) is a new place and a removed
   * one, which the summary's insert and delete triggers count; any other changes the place in
   * place (the summary's triggers leave a place's folder alone: migration 0022).
   */
  const relocateOne = (from: Place, to: Place, crossesTriage: boolean): boolean => {
    if (!crossesTriage && !taken.get(to.folderId, to.uid)) {
      const moved = move.run({
        toFolder: to.folderId,
        toUid: to.uid,
        fromFolder: from.folderId,
        fromUid: from.uid,
      });
      return moved.changes > 0;
    }
    const row = location.get(from.folderId, from.uid) as Row | undefined;
    if (!row) return false;
    // The new place first: the message never has no place, so it is never marked gone.
    place(row, to);
    remove.run(from.folderId, from.uid);
    return true;
  };
  const copyOne = (from: Place, to: Place): boolean => {
    const row = location.get(from.folderId, from.uid) as Row | undefined;
    if (!row) return false;
    place(row, to);
    return true;
  };
  /** Whether a move crosses the triage's line, read once per pair of folders in a call. */
  const crossing = () => {
    const memo = new Map<string, boolean>();
    return (from: Place, to: Place) => {
      const key = `${from.folderId}:${to.folderId}`;
      let crosses = memo.get(key);
      if (crosses === undefined) {
        crosses = hiddenFromTriage.get(from.folderId) !== hiddenFromTriage.get(to.folderId);
        memo.set(key, crosses);
      }
      return crosses;
    };
  };
  // Plain functions above, one transaction per call here: a batch of 10,000 moves is one
  // transaction, not 10,000 savepoints.
  const relocate = writeTransaction(db, (from: Place, to: Place) =>
    relocateOne(from, to, crossing()(from, to)),
  );
  const addCopy = writeTransaction(db, copyOne);

  return {
    storedUids: (folderId) => uids.all(folderId) as number[],
    storedFlags: (folderId) => new Map(flags.all(folderId) as Array<[number, string]>),
    countInFolder: (folderId) => count.get(folderId) as number,
    countUnseen: (folderId) => unseen.get(folderId) as number,
    hasGone: (accountId) => anyGone.get(accountId) === 1,

    deleteUids: writeTransaction(db, (folderId: number, gone: readonly number[]) => {
      let n = 0;
      for (const uid of gone) n += remove.run(folderId, uid).changes;
      return n;
    }),

    updateFlags: writeTransaction(db, (folderId: number, changes: readonly FlagChange[]) => {
      let n = 0;
      for (const c of changes)
        n += updateFlags.run({
          flags: c.flags.join(' '),
          modseq: c.modseq,
          folderId,
          uid: c.uid,
        }).changes;
      return n;
    }),

    relocate: (from, to) => relocate(from, to),
    addCopy: (from, to) => addCopy(from, to),
    recordTransfer: writeTransaction(
      db,
      (moves: ReadonlyArray<{ from: Place; to: Place }>, keepOriginals: boolean) => {
        const crosses = crossing();
        for (const { from, to } of moves)
          if (keepOriginals) copyOne(from, to);
          else relocateOne(from, to, crosses(from, to));
      },
    ),

    reattachMoved: writeTransaction(db, (accountId?: string) => reattach(db, accountId)),

    markEvidence(messageId, reason) {
      markEvidence.run(reason, messageId);
    },

    dropGone(days, now = new Date()) {
      const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
      return dropGone.run(cutoff).changes;
    },
  };
}

/**
 * Header hashes are worked out only when a move must be recognised (a scan stores none: it
 * would cost every message a hash for the few that move): for the messages that left the
 * server and for the new ones detection has not seen yet.
 */
function hashMissing(db: Database, accountId: string | undefined): void {
  const rows = db
    .prepare(
      `SELECT m.id, h.raw FROM messages m JOIN message_headers h ON h.message_id = m.id
       LEFT JOIN classifications c ON c.message_id = m.id
       WHERE m.header_sha256 IS NULL AND (m.gone_at IS NOT NULL OR c.message_id IS NULL)
         AND (@accountId IS NULL OR m.account_id = @accountId)`,
    )
    .iterate({ accountId: accountId ?? null }) as IterableIterator<{ id: number; raw: Buffer }>;
  const save = db.prepare(`UPDATE messages SET header_sha256 = ? WHERE id = ?`);
  const hashed: Array<[Buffer, number]> = [];
  for (const r of rows) hashed.push([headerHash(r.raw), r.id]);
  for (const [hash, id] of hashed) save.run(hash, id);
}

/** See LocationsWriter.reattachMoved; runs inside its transaction. */
function reattach(db: Database, accountId: string | undefined): number {
  const anyGone = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM messages WHERE gone_at IS NOT NULL)`)
    .pluck()
    .get();
  if (!anyGone) return 0;
  hashMissing(db, accountId);
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
}
