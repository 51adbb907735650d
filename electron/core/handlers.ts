/**
 * The API's handlers: each capability registers its slice in its own folder
 * (`<capability>/handlers.ts`); the core hands each what it needs and joins
 * them. Inputs arrive already validated by the dispatcher (index.ts).
 */
import { apiCalls, type ApiCalls, type Handlers } from '../../shared/api/index.js';
import { accountsHandlers } from '../accounts/handlers.js';
import { demoMailDir } from '../app-paths.js';
import { evidenceHandlers } from '../evidence/handlers.js';
import { importHandlers } from '../importer/handlers.js';
import { jobsHandlers } from '../jobs/handlers.js';
import { journalHandlers } from '../mail-actions/handlers.js';
import { mailboxHandlers } from '../mailbox/handlers.js';
import { objectionsHandlers } from '../objections/index.js';
import { filesHandlers } from '../platform/handlers.js';
import { previewHandlers } from '../preview/handlers.js';
import {
  createSelectionReader,
  createTriageMailMoves,
  triageActionHandlers,
  triageHandlers,
  type TriageActionDeps,
} from '../triage/index.js';
import { settingsHandlers } from '../settings/handlers.js';
import { createSettingsTable } from '../settings/settings.sql.js';
import {
  createRulesService,
  createRulesStore,
  DEFAULT_MIN_CONFIDENCE,
  rulesHandlers,
  type RulesService,
} from '../rules/index.js';
import { sourcesHandlers } from '../sources/handlers.js';
import { syncHandlers } from '../sync/handlers.js';
import { detectionHandlers } from '../verdicts/handlers.js';
import { appHandlers } from './app-handlers.js';
import { composeHandlers } from './compose.js';
import type { CoreServices } from './services.js';

/** Every capability's slice, built over the services (nothing runs until a call comes). */
export function handlerSlices(s: CoreServices) {
  return [
    appHandlers(s),
    settingsHandlers(s.settings),
    accountsHandlers({
      accounts: s.accounts,
      async stopAccountWork(accountId) {
        await s.sync.stopLive(accountId).catch(() => undefined);
        s.jobs.cancelAccount(accountId);
      },
    }),
    mailboxHandlers({
      mailbox: s.mailbox,
      accountKind: (accountId) => s.accountsRepo.get(accountId)?.kind ?? null,
      refreshFolders: (accountId) => s.accounts.refreshFolders(accountId),
    }),
    sourcesHandlers(s),
    importHandlers({
      stores: s.importStores,
      demoDir: demoMailDir(),
      classifyPending: () => s.writer.classify(),
      chooseImportSource: (kind) => s.files.chooseImportSource(kind),
      emit: s.emit,
    }),
    filesHandlers(s.files),
    detectionHandlers({ identities: s.identities, detection: s.writer, emit: s.emit }),
    syncHandlers(s.sync),
    jobsHandlers(s.jobs),
    journalHandlers(s),
    evidenceHandlers(s.evidence),
    previewHandlers(s),
    triageHandlers(s),
    triageActions(s),
    rulesHandlers(() => rulesServiceOf(s)),
    objectionsHandlers(s.objections),
  ] as const;
}

/** Move, delete and report for the triage's selections, over the write path and objections. */
function triageActions(s: CoreServices) {
  let built: TriageActionDeps | undefined;
  return triageActionHandlers(() => {
    if (built) return built;
    const selection = createSelectionReader(s.db);
    const moves = createTriageMailMoves({
      selection,
      mailActions: s.mailActions,
      jobs: s.jobs,
      onServer: (accountId) => s.accountsRepo.get(accountId)?.kind === 'imap',
      sessionOptions: s.mailSessionOptions,
    });
    return (built = { selection, moves, reportSpam: (ids) => s.objections.report(ids) });
  });
}

const rulesServices = new WeakMap<CoreServices, RulesService>();
/** The one rules service of these services (the API and the schedule's timer share it). */
export function rulesServiceOf(s: CoreServices): RulesService {
  let built = rulesServices.get(s);
  if (!built) rulesServices.set(s, (built = rulesService(s)));
  return built;
}

/** Rules over the store, the account queues and the journaled write path. */
function rulesService(s: CoreServices) {
  return createRulesService({
    store: createRulesStore(s.db),
    jobs: s.jobs,
    journal: s.journal,
    mailActions: s.mailActions,
    serverAccounts: () =>
      s.accountsRepo
        .list()
        .filter((a) => a.kind === 'imap')
        .map((a) => a.id),
    folders: (accountId) => s.mailbox.listFolders(accountId),
    async prepareAccount(accountId) {
      await s.sync.run(accountId);
      await s.writer.classify();
    },
    defaultMinConfidence: DEFAULT_MIN_CONFIDENCE,
    batchSize: s.rulesBatchSize,
    settings: createSettingsTable(s.db),
    unsubscribe: (_accountId, messageIds) => s.objections.unsubscribeByRule(messageIds),
    objectionCases: () => s.objections.cases(),
    onScheduledFailure: (err) => s.log.warn('scheduled rules failed', err),
  });
}

export function createHandlers(s: CoreServices): Handlers<ApiCalls> {
  return composeHandlers(apiCalls, handlerSlices(s));
}
