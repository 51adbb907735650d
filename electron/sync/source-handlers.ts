/** The sources slice of the API: a message's original source, fetched once, then exported. */
import type { Handlers } from '../../shared/api/define.js';
import type { sourcesCalls } from '../../shared/api/sources.js';
import { AppError } from '../errors.js';
import type { MessagesReader } from '../mailbox/messages.sql.js';
import type { PlatformFiles } from '../platform/files.js';
import type { SyncService } from './service.js';
import { messageSourceFileName } from '../platform/file-names.js';

export interface SourcesHandlerDeps {
  mailbox: Pick<MessagesReader, 'getMessage'>;
  sync: Pick<SyncService, 'source' | 'storedSource'>;
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
      const bytes = d.sync.storedSource(id);
      if (!bytes) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return d.files.saveFile({
        name: messageSourceFileName(message),
        type: 'message/rfc822',
        bytes,
      });
    },
  };
}
