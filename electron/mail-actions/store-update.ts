/**
 * What the server did, written into the store right after the journal's
 * outcome: a moved message changes place and stays the same message (its
 * verdict, source and history go with it); an expunged one loses its place
 * and is kept while it is evidence. Flags and appended mail come with the
 * next sync. Should the process die before this, that sync recognises the
 * moved message by its header block (mailbox/locations.sql.ts reattachMoved).
 */
import type { FoldersStore } from '../mailbox/folders.sql.js';
import type { Place } from '../mailbox/locations.sql.js';
import type { FlagsOutcome, PlannedAction, PurgeOutcome, TransferOutcome } from './types.js';

/**
 * The writes a mail action makes in the store's places: the writer thread makes them in the
 * app (it holds the only write handle on those tables); a test may write them directly.
 */
export interface LocationWrites {
  /** Each message's new place; it keeps the old one too when `keepOriginals`. */
  recordTransfer(moves: Array<{ from: Place; to: Place }>, keepOriginals: boolean): Promise<void>;
  /** The server expunged these UIDs; answers how many places went. */
  removeUids(folderId: number, uids: number[]): Promise<number>;
}

export interface StoreUpdateDeps {
  folders: FoldersStore;
  writes: LocationWrites;
}

export async function recordInStore(
  deps: StoreUpdateDeps,
  accountId: string,
  action: PlannedAction,
  outcome: unknown,
): Promise<void> {
  const folderId = (path: string) => {
    const known = deps.folders.listFolders(accountId).find((f) => f.path === path);
    return known ? known.id : deps.folders.ensureFolder(accountId, path, null);
  };
  const folders = deps.folders;
  switch (action.kind) {
    case 'move':
    case 'trash':
    case 'copy': {
      const { uidMap, expunged } = outcome as TransferOutcome;
      const from = folderId(action.intent.from.path);
      const to = folderId(action.intent.to);
      const moves = [...uidMap].map(([oldUid, newUid]) => ({
        from: { folderId: from, uid: oldUid },
        to: { folderId: to, uid: newUid },
      }));
      // Read before the places move: the unread among them change folder too.
      const unseen = folders.unseenAmong(
        from,
        moves.map((m) => m.from.uid),
      );
      // A move whose originals stay flagged \Deleted (no MOVE, no UIDPLUS) is a copy for now.
      const keepOriginals = action.kind === 'copy' || !expunged;
      await deps.writes.recordTransfer(moves, keepOriginals);
      folders.adjustCounts(to, moves.length, unseen);
      if (!keepOriginals) folders.adjustCounts(from, -moves.length, -unseen);
      return;
    }
    case 'purge': {
      const from = folderId(action.intent.folder.path);
      const { expunged } = outcome as PurgeOutcome;
      const unseen = folders.unseenAmong(from, expunged);
      await deps.writes.removeUids(from, expunged);
      folders.adjustCounts(from, -expunged.length, -unseen);
      return;
    }
    case 'flags.add':
    case 'flags.remove': {
      // Only \Seen moves a count; the flags themselves come with the next sync.
      const changed = (outcome as FlagsOutcome).changed[SEEN]?.length ?? 0;
      folders.adjustCounts(
        folderId(action.intent.folder.path),
        0,
        action.kind === 'flags.add' ? -changed : changed,
      );
      return;
    }
    case 'append':
      folders.adjustCounts(
        folderId(action.intent.to),
        1,
        action.intent.flags.includes(SEEN) ? 0 : 1,
      );
      return;
  }
}

const SEEN = '\\Seen';
