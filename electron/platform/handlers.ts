/** The files slice of the API: a saved file shown in the system's file manager. */
import type { Handlers } from '../../shared/api/define.js';
import type { filesCalls } from '../../shared/api/files.js';
import type { PlatformFiles } from './files.js';

export function filesHandlers(
  files: Pick<PlatformFiles, 'showFolder'>,
): Handlers<typeof filesCalls> {
  return {
    'files.reveal': async ({ path }) => {
      await files.showFolder(path);
      return { shown: true };
    },
  };
}
