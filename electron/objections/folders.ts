/**
 * The "Violations" folder, created on the server the first time a violation
 * is filed: journaled like every action on a server, then listed in the
 * store so moves into it are recorded.
 */
import type { AccountsService } from '../accounts/service.js';
import type { Journal } from '../journal/index.js';
import type { FoldersReader } from '../mailbox/folders.sql.js';
import { errorOf } from './ledger.js';

export interface FolderDeps {
  accounts: Pick<AccountsService, 'open' | 'refreshFolders'>;
  journal: Journal;
  folders: FoldersReader;
}

export function folderEnsurer(d: FolderDeps) {
  return async (accountId: string, path: string): Promise<void> => {
    if (d.folders.listFolders(accountId).some((f) => f.path === path)) return;
    const entry = d.journal.begin(accountId, 'folder.create', { path });
    const client = await d.accounts.open(accountId).catch((err: unknown) => {
      d.journal.fail(entry.id, errorOf(err));
      throw err;
    });
    try {
      const created = await client.mailboxCreate(path);
      d.journal.complete(entry.id, { path: created.path, created: created.created });
    } catch (err) {
      // Another client made it meanwhile: the folder is there, which is what was asked.
      const already = /ALREADYEXISTS/i.test(
        String((err as { responseText?: string }).responseText),
      );
      if (already) d.journal.complete(entry.id, { path, created: false });
      else d.journal.markUnknown(entry.id, errorOf(err));
      if (!already) throw err;
    } finally {
      await client.logout().catch(() => client.close());
    }
    await d.accounts.refreshFolders(accountId);
  };
}
