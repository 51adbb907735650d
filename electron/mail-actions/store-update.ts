/**
 * What the server did, written into the store right after the journal's
 * outcome: a moved message changes place and stays the same message (its
 * verdict, source and history go with it); an expunged one loses its place
 * and is kept while it is evidence. Flags and appended mail come with the
 * next sync. Should the process die before this, that sync recognises the
 * moved message by its header block (mailbox/locations.ts reattachMoved).
 */
import type { LocationsRepo } from '../mailbox/locations.js';
import type { MailboxRepo } from '../mailbox/repo.js';
import type { PlannedAction, PurgeOutcome, TransferOutcome } from './types.js';

export interface StoreUpdateDeps {
  locations: LocationsRepo;
  mailbox: MailboxRepo;
}

export function recordInStore(
  deps: StoreUpdateDeps,
  accountId: string,
  action: PlannedAction,
  outcome: unknown,
): void {
  const folderId = (path: string) => {
    const known = deps.mailbox.listFolders(accountId).find((f) => f.path === path);
    return known ? known.id : deps.mailbox.ensureFolder(accountId, path, null);
  };
  switch (action.kind) {
    case 'move':
    case 'trash':
    case 'copy': {
      const { uidMap, expunged } = outcome as TransferOutcome;
      const from = folderId(action.intent.from.path);
      const to = folderId(action.intent.to);
      for (const [oldUid, newUid] of uidMap) {
        const source = { folderId: from, uid: oldUid };
        const target = { folderId: to, uid: newUid };
        // A move whose originals stay flagged \Deleted (no MOVE, no UIDPLUS) is a copy for now.
        if (action.kind === 'copy' || !expunged) deps.locations.addCopy(source, target);
        else deps.locations.relocate(source, target);
      }
      return;
    }
    case 'purge':
      deps.mailbox.deleteUids(
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
