/** Per-folder sync state: what the store knows of the server's view of a folder. */
import type { Database } from '../store/db.js';
import type { SpecialUse } from '../../shared/types.js';

export interface FolderSyncState {
  id: number;
  accountId: string;
  path: string;
  listedPath: string;
  specialUse: SpecialUse | null;
  skipReason: string | null;
  uidvalidity: number | null;
  uidnext: number | null;
  highestmodseq: string | null;
  scanComplete: boolean;
  scanModseq: string | null;
}

interface Row {
  id: number;
  account_id: string;
  path: string;
  listed_path: string | null;
  special_use: string | null;
  skip_reason: string | null;
  uidvalidity: number | null;
  uidnext: number | null;
  highestmodseq: string | null;
  scan_complete: number;
  scan_modseq: string | null;
}

export function createSyncStateRepo(db: Database) {
  const toState = (r: Row): FolderSyncState => ({
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    listedPath: r.listed_path ?? r.path,
    specialUse: r.special_use as SpecialUse | null,
    skipReason: r.skip_reason,
    uidvalidity: r.uidvalidity,
    uidnext: r.uidnext,
    highestmodseq: r.highestmodseq,
    scanComplete: r.scan_complete === 1,
    scanModseq: r.scan_modseq,
  });

  return {
    folders(accountId: string): FolderSyncState[] {
      const rows = db
        .prepare(
          `SELECT * FROM folders WHERE account_id = ? ORDER BY special_use IS NOT 'inbox', id`,
        )
        .all(accountId) as Row[];
      return rows.map(toState);
    },

    get(folderId: number): FolderSyncState | null {
      const row = db.prepare(`SELECT * FROM folders WHERE id = ?`).get(folderId) as Row | undefined;
      return row ? toState(row) : null;
    },

    /** A new UIDVALIDITY: forget where the folder's messages were and start its scan again. */
    reset: db.transaction((folderId: number, uidvalidity: number) => {
      db.prepare(`DELETE FROM message_locations WHERE folder_id = ?`).run(folderId);
      db.prepare(`DELETE FROM message_problems WHERE folder_id = ?`).run(folderId);
      db.prepare(
        `UPDATE folders SET uidvalidity = ?, uidnext = NULL, highestmodseq = NULL, scan_complete = 0, scan_modseq = NULL WHERE id = ?`,
      ).run(uidvalidity, folderId);
    }),

    beginScan(folderId: number, uidvalidity: number, modseq: string | null) {
      db.prepare(
        `UPDATE folders SET uidvalidity = ?, scan_modseq = COALESCE(scan_modseq, ?) WHERE id = ?`,
      ).run(uidvalidity, modseq, folderId);
    },

    completeScan(folderId: number, uidnext: number | null) {
      db.prepare(
        `UPDATE folders SET scan_complete = 1, highestmodseq = scan_modseq, uidnext = ? WHERE id = ?`,
      ).run(uidnext, folderId);
    },

    /** After an incremental pass: the server's view now matches the store. */
    saveSynced(
      folderId: number,
      s: {
        uidnext: number | null;
        highestmodseq: string | null;
        messages: number;
        unseen: number | null;
      },
    ) {
      db.prepare(
        `UPDATE folders SET uidnext = ?, highestmodseq = ?, messages = ?, unseen = COALESCE(?, unseen), synced_at = ? WHERE id = ?`,
      ).run(s.uidnext, s.highestmodseq, s.messages, s.unseen, new Date().toISOString(), folderId);
    },

    recordProblem(folderId: number, uid: number, reason: string) {
      db.prepare(
        `INSERT INTO message_problems (folder_id, uid, reason, seen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (folder_id, uid) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`,
      ).run(folderId, uid, reason, new Date().toISOString());
    },

    problems(folderId: number): Array<{ uid: number; reason: string }> {
      return db
        .prepare(`SELECT uid, reason FROM message_problems WHERE folder_id = ? ORDER BY uid`)
        .all(folderId) as Array<{ uid: number; reason: string }>;
    },

    countUnseen(folderId: number): number {
      return (
        db
          .prepare(
            `SELECT COUNT(*) AS n FROM message_locations WHERE folder_id = ? AND ' ' || flags || ' ' NOT LIKE '% \\Seen %'`,
          )
          .get(folderId) as { n: number }
      ).n;
    },
  };
}

export type SyncStateRepo = ReturnType<typeof createSyncStateRepo>;
