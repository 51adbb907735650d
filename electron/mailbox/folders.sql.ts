/** The folders table: each account's folders as the server (or a local source) lists them. */
import type { Folder, SpecialUse } from '../../shared/types.js';
import type { Database } from '../store/db.js';
import { writeTransaction } from '../store/transaction.js';

export interface FolderInput {
  path: string;
  /** As the server lists it (modified UTF-7): what commands must name. */
  listedPath?: string;
  /** Why sync leaves it alone, e.g. a virtual folder repeating others. */
  skipReason?: string | null;
  name: string;
  delimiter: string | null;
  specialUse: SpecialUse | null;
  /** The counts; null when not asked of the server: a known folder keeps the ones it has. */
  messages: number | null;
  unseen: number | null;
}

export interface FoldersReader {
  /** The Inbox first, then by path. */
  listFolders(accountId: string): Folder[];
}

export interface FoldersWriter {
  /**
   * Replaces an account's folder list with what the server shows now. A folder gone from the
   * server takes its places with it (its messages stay known, as gone).
   */
  replaceFolders(accountId: string, folders: FolderInput[]): void;
  /** The folder's id, created empty if the store did not know it. */
  ensureFolder(accountId: string, path: string, specialUse: SpecialUse | null): number;
  /** Local folders count what the store holds (there is no server to ask). */
  refreshLocalCounts(folderId: number): void;
  /**
   * Our own mail action put messages in or took them out (negative): the server's counts follow
   * at once instead of at the next sync, which reads them again. Never below zero.
   */
  adjustCounts(folderId: number, messages: number, unseen: number): void;
  /** How many of these UIDs of the folder are unread (before an action moves them). */
  unseenAmong(folderId: number, uids: readonly number[]): number;
}

export type FoldersStore = FoldersReader & FoldersWriter;

interface FolderRow {
  id: number;
  account_id: string;
  path: string;
  name: string;
  delimiter: string | null;
  special_use: string | null;
  messages: number;
  unseen: number;
}

export function createFoldersStore(db: Database): FoldersStore {
  const upsert = db.prepare(`
    INSERT INTO folders (account_id, path, name, delimiter, special_use, messages, unseen, listed_path, skip_reason)
    VALUES (@accountId, @path, @name, @delimiter, @specialUse, COALESCE(@messages, 0), COALESCE(@unseen, 0), @listedPath, @skipReason)
    ON CONFLICT (account_id, path) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter,
      special_use = excluded.special_use, messages = COALESCE(@messages, messages), unseen = COALESCE(@unseen, unseen),
      listed_path = excluded.listed_path, skip_reason = excluded.skip_reason`);
  const pathsOf = db.prepare(`SELECT id, path FROM folders WHERE account_id = ?`);
  const remove = db.prepare(`DELETE FROM folders WHERE id = ?`);
  const idOf = db.prepare(`SELECT id FROM folders WHERE account_id = ? AND path = ?`).pluck();
  const list = db.prepare(
    `SELECT * FROM folders WHERE account_id = ? ORDER BY special_use IS NOT 'inbox', path`,
  );
  const count = db.prepare(`SELECT COUNT(*) FROM message_locations WHERE folder_id = ?`).pluck();
  const setCount = db.prepare(`UPDATE folders SET messages = ? WHERE id = ?`);
  const adjust = db.prepare(
    `UPDATE folders SET messages = max(0, messages + ?), unseen = max(0, unseen + ?) WHERE id = ?`,
  );
  const unseenAmong = db
    .prepare(
      `SELECT COUNT(*) FROM message_locations WHERE folder_id = ?
       AND uid IN (SELECT value FROM json_each(?)) AND ' ' || flags || ' ' NOT LIKE '% \\Seen %'`,
    )
    .pluck();

  return {
    replaceFolders: writeTransaction(db, (accountId: string, folders: FolderInput[]) => {
      const keep = new Set(folders.map((f) => f.path));
      for (const row of pathsOf.all(accountId) as Array<{ id: number; path: string }>)
        if (!keep.has(row.path)) remove.run(row.id);
      for (const f of folders)
        upsert.run({
          accountId,
          ...f,
          listedPath: f.listedPath ?? f.path,
          skipReason: f.skipReason ?? null,
        });
    }),

    ensureFolder(accountId, path, specialUse) {
      const name = path.split('/').pop() || path;
      upsert.run({
        accountId,
        path,
        name,
        delimiter: '/',
        specialUse,
        messages: 0,
        unseen: 0,
        listedPath: path,
        skipReason: null,
      });
      return idOf.get(accountId, path) as number;
    },

    listFolders: (accountId) => (list.all(accountId) as FolderRow[]).map(toFolder),

    refreshLocalCounts(folderId) {
      setCount.run(count.get(folderId) as number, folderId);
    },

    adjustCounts(folderId, messages, unseen) {
      if (messages !== 0 || unseen !== 0) adjust.run(messages, unseen, folderId);
    },

    unseenAmong: (folderId, uids) =>
      uids.length === 0 ? 0 : (unseenAmong.get(folderId, JSON.stringify(uids)) as number),
  };
}

function toFolder(r: FolderRow): Folder {
  return {
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    name: r.name,
    delimiter: r.delimiter,
    specialUse: r.special_use as SpecialUse | null,
    messages: r.messages,
    unseen: r.unseen,
  };
}
