/** One handler per API call. Inputs arrive already validated by the dispatcher. */
import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { demoMailDir, appVersion } from '../app-paths.js';
import { describeLocalSource, importLocal } from '../importer/index.js';
import { readStoredSource } from '../sync/index.js';
import { listIdentities, updateIdentity } from '../verdicts/index.js';
import { messageSourceFileName } from './file-names.js';
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
      s.jobs.cancelAccount(id);
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
    'import.local': ({ path }) => importPath(s, path),
    'import.choose': async ({ kind }) => {
      const chosen = await s.files.chooseImportSource(kind);
      return { report: chosen === null ? null : await importPath(s, chosen) };
    },
    'files.reveal': async ({ path }) => {
      await s.files.showFolder(path);
      return { shown: true };
    },
    'messages.list': (q) => s.mailbox.listMessages(q),
    'messages.source': ({ id }) => s.sync.source(id),
    'messages.exportSource': async ({ id }) => {
      const message = s.mailbox.getMessage(id);
      if (!message) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      // Fetched once from the server (or the imported file), then always the stored bytes.
      await s.sync.source(id);
      const bytes = readStoredSource(s.db, id);
      if (!bytes) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return s.files.saveFile({
        name: messageSourceFileName(message),
        type: 'message/rfc822',
        bytes,
      });
    },
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
    // Jobs, the journal and undo.
    'jobs.list': ({ accountId }) => s.jobs.list(accountId),
    'jobs.cancel': (target) => ({
      cancelled:
        'jobId' in target
          ? Number(s.jobs.cancel(target.jobId))
          : s.jobs.cancelAccount(target.accountId),
    }),
    'journal.list': (query) => s.mailActions.list(query),
    'journal.undo': async ({ id }) => {
      const entry = s.journal.get(id);
      if (!entry) throw new AppError('NOT_FOUND', 'This journal entry does not exist.');
      // A job of the account's queue: the undo never runs beside a sync or a rule run.
      const undo = await s.jobs.run(entry.accountId, 'undo', () => s.mailActions.undo(id)).done;
      return s.mailActions.describe(undo);
    },
  };
}

/** Imports a local mailbox (every check is the importer's), then classifies what it added. */
async function importPath(s: CoreServices, inputPath: string) {
  const report = await importLocal(inputPath, describeLocalSource(inputPath), {
    db: s.db,
    accounts: s.accountsRepo,
    mailbox: s.mailbox,
  });
  await s.writer.classify();
  s.emit({ type: 'accounts.changed' });
  s.emit({ type: 'messages.changed', accountId: report.accountId });
  return report;
}
