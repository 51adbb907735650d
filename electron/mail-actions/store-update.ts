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
import type { PlannedAction, PurgeOutcome, TransferOutcome } from './types.js';

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
      // A move whose originals stay flagged \Deleted (no MOVE, no UIDPLUS) is a copy for now.
      await deps.writes.recordTransfer(moves, action.kind === 'copy' || !expunged);
      return;
    }
    case 'purge':
      await deps.writes.removeUids(
        folderId(action.intent.folder.path),
        (outcome as PurgeOutcome).expunged,
      );
      return;
    case 'flags.add':
    case 'flags.remove':
    case 'append':
      return;
  }
}
