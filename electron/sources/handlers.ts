/** The sources slice of the API: messages' original sources, fetched once, then exported. */
import type { Handlers } from '../../shared/api/define.js';
import type { sourcesCalls } from '../../shared/api/sources.js';
import { AppError } from '../errors.js';
import type { MessagesReader } from '../mailbox/messages.sql.js';
import type { PlatformFiles } from '../platform/files.js';
import { messageSourceFileName } from '../platform/file-names.js';
import type { SourcesService } from './service.js';

export interface SourcesHandlerDeps {
  mailbox: Pick<MessagesReader, 'getMessage'>;
  sources: SourcesService;
  files: Pick<PlatformFiles, 'saveFile'>;
}

export function sourcesHandlers(d: SourcesHandlerDeps): Handlers<typeof sourcesCalls> {
  return {
    'messages.source': ({ id }) => d.sources.source(id),
    'messages.fetchSources': ({ ids }) => d.sources.fetch(ids),
    'messages.exportSource': async ({ id }) => {
      const message = d.mailbox.getMessage(id);
      if (!message) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      // Fetched once from the server (or the imported file), then always the stored bytes.
      await d.sources.source(id);
      const bytes = d.sources.stored(id);
      if (!bytes) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return d.files.saveFile({
        name: messageSourceFileName(message),
        type: 'message/rfc822',
        bytes,
      });
    },
  };
}
