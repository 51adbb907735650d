/** Per-folder sync state: what the store knows of the server's view of a folder. */
import type { Database } from '../store/db.js';
import type { SpecialUse } from '../../shared/types.js';
import { writeTransaction } from '../store/transaction.js';

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

export interface SyncStateReader {
  /** An account's folders, the Inbox first. */
  folders(accountId: string): FolderSyncState[];
  get(folderId: number): FolderSyncState | null;
  /** Messages the scan could not store (UID and why), ascending. */
  problems(folderId: number): Array<{ uid: number; reason: string }>;
}

export interface SyncStateWriter {
  /** A new UIDVALIDITY: forget where the folder's messages were and start its scan again. */
  reset(folderId: number, uidvalidity: number): void;
  beginScan(folderId: number, uidvalidity: number, modseq: string | null): void;
  completeScan(folderId: number, uidnext: number | null): void;
  /** After an incremental pass: the server's view now matches the store. */
  saveSynced(
    folderId: number,
    s: {
      uidnext: number | null;
      highestmodseq: string | null;
      messages: number;
      unseen: number | null;
    },
  ): void;
  recordProblem(folderId: number, uid: number, reason: string): void;
}

export type SyncStateStore = SyncStateReader & SyncStateWriter;

export function createSyncStateStore(db: Database): SyncStateStore {
  const folders = db.prepare(
    `SELECT * FROM folders WHERE account_id = ? ORDER BY special_use IS NOT 'inbox', id`,
  );
  const folder = db.prepare(`SELECT * FROM folders WHERE id = ?`);
  const clearLocations = db.prepare(`DELETE FROM message_locations WHERE folder_id = ?`);
  const clearProblems = db.prepare(`DELETE FROM message_problems WHERE folder_id = ?`);
  const reset = db.prepare(
    `UPDATE folders SET uidvalidity = ?, uidnext = NULL, highestmodseq = NULL, scan_complete = 0, scan_modseq = NULL WHERE id = ?`,
  );
  const beginScan = db.prepare(
    `UPDATE folders SET uidvalidity = ?, scan_modseq = COALESCE(scan_modseq, ?) WHERE id = ?`,
  );
  const completeScan = db.prepare(
    `UPDATE folders SET scan_complete = 1, highestmodseq = scan_modseq, uidnext = ? WHERE id = ?`,
  );
  const saveSynced = db.prepare(
    `UPDATE folders SET uidnext = ?, highestmodseq = ?, messages = ?, unseen = COALESCE(?, unseen), synced_at = ? WHERE id = ?`,
  );
  const recordProblem = db.prepare(
    `INSERT INTO message_problems (folder_id, uid, reason, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (folder_id, uid) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`,
  );
  const problems = db.prepare(
    `SELECT uid, reason FROM message_problems WHERE folder_id = ? ORDER BY uid`,
  );

  return {
    folders: (accountId) => (folders.all(accountId) as Row[]).map(toState),

    get(folderId) {
      const row = folder.get(folderId) as Row | undefined;
      return row ? toState(row) : null;
    },

    reset: writeTransaction(db, (folderId: number, uidvalidity: number) => {
      clearLocations.run(folderId);
      clearProblems.run(folderId);
      reset.run(uidvalidity, folderId);
    }),

    beginScan(folderId, uidvalidity, modseq) {
      beginScan.run(uidvalidity, modseq, folderId);
    },

    completeScan(folderId, uidnext) {
      completeScan.run(uidnext, folderId);
    },

    saveSynced(folderId, s) {
      saveSynced.run(
        s.uidnext,
        s.highestmodseq,
        s.messages,
        s.unseen,
        new Date().toISOString(),
        folderId,
      );
    },

    recordProblem(folderId, uid, reason) {
      recordProblem.run(folderId, uid, reason, new Date().toISOString());
    },

    problems: (folderId) => problems.all(folderId) as Array<{ uid: number; reason: string }>,
  };
}

function toState(r: Row): FolderSyncState {
  return {
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
  };
}
