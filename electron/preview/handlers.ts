/** The preview slice of the API: a message's body, from its kept source. */
import type { Handlers } from '../../shared/api/define.js';
import type { previewCalls } from '../../shared/api/preview.js';
import { AppError } from '../errors.js';
import type { SourcesService } from '../sources/service.js';
import { readMessageBody } from './body.js';

export interface PreviewHandlerDeps {
  sources: Pick<SourcesService, 'source' | 'stored'>;
}

export function previewHandlers(d: PreviewHandlerDeps): Handlers<typeof previewCalls> {
  return {
    'messages.body': async ({ id }) => {
      // Fetched once (server or imported file) and kept; NOT_FOUND says why when it cannot be.
      await d.sources.source(id);
      const raw = d.sources.stored(id);
      if (!raw) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return readMessageBody(id, raw);
    },
  };
}
