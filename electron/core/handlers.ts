/** One handler per API call. Inputs arrive already validated by the dispatcher. */
import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { demoMailDir, appVersion } from '../app-paths.js';
import { describeLocalSource, importLocal } from '../importer/index.js';
import { listIdentities, updateIdentity } from '../verdicts/index.js';
import type { CoreServices } from './services.js';

type Handlers = {
  [N in ApiName]: (input: ApiParsedInput<N>) => Promise<ApiOutput<N>> | ApiOutput<N>;
};

export const DEMO_ORIGIN = 'demo';

export function createHandlers(s: CoreServices): Handlers {
  return {
    'app.info': () => ({
      version: appVersion(),
      dataDir: s.dataDir,
      accounts: s.accountsRepo.list().filter((a) => a.kind === 'imap').length,
      demoLoaded: s.accountsRepo.findLocal(DEMO_ORIGIN) !== null,
      secretsBackend: s.secrets.backend,
    }),
    'accounts.list': () => s.accounts.list(),
    'accounts.test': (draft) => s.accounts.test(draft),
    'accounts.add': (draft) => s.accounts.add(draft),
    'accounts.update': ({ id, draft }) => s.accounts.update(id, draft),
    'accounts.check': ({ id }) => s.accounts.check(id),
    'settings.get': () => s.settings.get(),
    'settings.set': (patch) => s.settings.set(patch),
    'accounts.remove': async ({ id }) => {
      await s.sync.stopLive(id).catch(() => undefined);
      s.sync.cancel(id);
      return s.accounts.remove(id);
    },
    'folders.list': async ({ accountId, refresh }) => {
      const account = s.accountsRepo.get(accountId);
      if (!account) throw new AppError('NOT_FOUND', 'This account no longer exists.');
      const stored = s.mailbox.listFolders(accountId);
      if (account.kind === 'imap' && (refresh || stored.length === 0)) {
        await s.accounts.refreshFolders(accountId);
        return s.mailbox.listFolders(accountId);
      }
      return stored;
    },
    'demo.load': async () => {
      const report = await importLocal(
        demoMailDir(),
        { origin: DEMO_ORIGIN, name: 'Démo — Camille Martin', email: 'camille.martin@gmail.com' },
        { db: s.db, accounts: s.accountsRepo, mailbox: s.mailbox },
      );
      await s.writer.classify();
      s.emit({ type: 'accounts.changed' });
      s.emit({ type: 'messages.changed', accountId: report.accountId });
      return report;
    },
    'import.local': async ({ path }) => {
      const report = await importLocal(path, describeLocalSource(path), {
        db: s.db,
        accounts: s.accountsRepo,
        mailbox: s.mailbox,
      });
      await s.writer.classify();
      s.emit({ type: 'accounts.changed' });
      s.emit({ type: 'messages.changed', accountId: report.accountId });
      return report;
    },
    'messages.list': (q) => s.mailbox.listMessages(q),
    'messages.source': ({ id }) => s.sync.source(id),
    'messages.correct': async ({ id, decision, scope }) => {
      // On the writer thread: this one only waits, and keeps answering other calls meanwhile.
      const report = await s.writer.correct({ messageId: id, decision, scope });
      s.emit({ type: 'messages.changed', accountId: '*' });
      return { reclassified: report.classified, detectionErrors: report.failed };
    },
    'detect.run': async () => {
      const started = Date.now();
      // On the writer thread, after a run the last sync started; tries failed messages again.
      const report = await s.writer.classify({ retryFailed: true });
      return {
        classified: report.classified,
        detectionErrors: report.failed,
        durationMs: Date.now() - started,
      };
    },
    'identities.list': () => listIdentities(s.db),
    'identities.update': async ({ address, ...patch }) => {
      const identity = updateIdentity(s.db, address, patch);
      // Only the mail to this identity (and from its domain) can change: scored again on the writer.
      await s.writer.rescoreIdentity(identity.address);
      s.emit({ type: 'messages.changed', accountId: '*' });
      return identity;
    },
    'sync.run': ({ accountId }) => s.sync.run(accountId),
    'sync.cancel': ({ accountId }) => s.sync.cancel(accountId),
    'sync.status': () => s.sync.statuses(),
    'sync.live': ({ accountId, enabled }) => s.sync.setLive(accountId, enabled),
    'messages.get': ({ id }) => {
      const message = s.mailbox.getMessage(id);
      if (!message) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return message;
    },
  };
}
