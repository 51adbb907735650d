/** The sources slice of the API: a message's original source, fetched once, then exported. */
import type { Handlers } from '../../shared/api/define.js';
import type { sourcesCalls } from '../../shared/api/sources.js';
import { AppError } from '../errors.js';
import type { MailboxRepo } from '../mailbox/repo.js';
import type { PlatformFiles } from '../platform/files.js';
import type { Database } from '../store/db.js';
import type { SyncService } from './service.js';
import { readStoredSource } from './source.js';
import { messageSourceFileName } from '../platform/file-names.js';

export interface SourcesHandlerDeps {
  db: Database;
  mailbox: MailboxRepo;
  sync: Pick<SyncService, 'source'>;
  files: Pick<PlatformFiles, 'saveFile'>;
}

export function sourcesHandlers(d: SourcesHandlerDeps): Handlers<typeof sourcesCalls> {
  return {
    'messages.source': ({ id }) => d.sync.source(id),
    'messages.exportSource': async ({ id }) => {
      const message = d.mailbox.getMessage(id);
      if (!message) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      // Fetched once from the server (or the imported file), then always the stored bytes.
      await d.sync.source(id);
      const bytes = readStoredSource(d.db, id);
      if (!bytes) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return d.files.saveFile({
        name: messageSourceFileName(message),
        type: 'message/rfc822',
        bytes,
      });
    },
  };
}
