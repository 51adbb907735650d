/** The app slice of the API: the core's own, about the data folder it runs on. */
import type { appCalls } from '../../shared/api/app.js';
import type { Handlers } from '../../shared/api/define.js';
import { appVersion } from '../app-paths.js';
import { DEMO_ORIGIN } from '../importer/handlers.js';
import type { CoreServices } from './services.js';

export function appHandlers(s: CoreServices): Handlers<typeof appCalls> {
  return {
    'app.info': () => ({
      version: appVersion(),
      dataDir: s.dataDir,
      accounts: s.accountsRepo.list().filter((a) => a.kind === 'imap').length,
      demoLoaded: s.accountsRepo.findLocal(DEMO_ORIGIN) !== null,
      secretsBackend: s.secrets.backend,
    }),
  };
}
