import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Folder, ImportReport } from '../../shared/types.js';
import { useCall, useQuery } from './api/hooks.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { Sidebar } from './components/Sidebar.js';
import { Toasts } from './components/Toasts.js';
import { EvidenceScreen } from './evidence/EvidenceScreen.js';
import { ImportScreen } from './import/ImportScreen.js';
import { CasesScreen } from './objections/CasesScreen.js';
import { AccountForm } from './screens/AccountForm.js';
import { AccountSettings } from './screens/AccountSettings.js';
import { FirstSync } from './screens/FirstSync.js';
import { Identities } from './screens/Identities.js';
import { MailView } from './screens/MailView.js';
import { Welcome } from './screens/Welcome.js';
import { TriageScreen } from './triage/TriageScreen.js';
import { Dashboard } from './dashboard/Dashboard.js';
import { RulesScreen } from './rules/RulesScreen.js';
import { AppSettings } from './settings/AppSettings.js';
import { useSync } from './sync/SyncContext.js';

type View =
  | { kind: 'mail' }
  | { kind: 'add-account' }
  | { kind: 'first-sync'; accountId: string }
  | { kind: 'import' }
  | { kind: 'settings'; accountId: string }
  | { kind: 'identities' }
  | { kind: 'cases' }
  /** `advertiser`: opened from a case's complaint, with that advertiser chosen. */
  | { kind: 'evidence'; advertiser?: string }
  | { kind: 'triage' }
  | { kind: 'dashboard' }
  | { kind: 'rules' }
  | { kind: 'app-settings' };

/** A message to show, asked for from elsewhere (an identity's leak); seq remounts the mail view. */
interface OpenRequest {
  messageId: number;
  folderId: number;
  seq: number;
}

export function App() {
  const { t } = useTranslation();
  const accountsQuery = useQuery('accounts.list', {}, (e) => e.type === 'accounts.changed');
  const [view, setView] = useState<View>({ kind: 'mail' });
  const [chosenAccountId, setChosenAccountId] = useState<string | null>(null);
  // An account just added or loaded, shown before the list reloads (no flash of the welcome).
  const [pendingAccount, setPendingAccount] = useState<Account | null>(null);
  const [chosenFolder, setChosenFolder] = useState<Record<string, number>>({});
  const demo = useCall('demo.load');
  const getMessage = useCall('messages.get');
  const [openRequest, setOpenRequest] = useState<OpenRequest | null>(null);
  // Kept here: the first import turns the welcome page into the app, and the report must stay.
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const sync = useSync();

  const loaded = accountsQuery.data;
  const accounts =
    loaded &&
    pendingAccount &&
    accountsQuery.loading &&
    !loaded.some((a) => a.id === pendingAccount.id)
      ? [...loaded, pendingAccount]
      : loaded;
  const account = accounts?.find((a) => a.id === chosenAccountId) ?? accounts?.[0] ?? null;

  const foldersQuery = useQuery(
    'folders.list',
    account ? { accountId: account.id } : null,
    (e) =>
      e.type === 'accounts.changed' ||
      (e.type === 'messages.changed' && e.accountId === account?.id) ||
      // A sync reads the folder list again: new or renamed folders show when it ends.
      (e.type === 'sync.state' && e.status.accountId === account?.id && !e.status.syncing),
  );
  const folders = foldersQuery.data;
  const folder = pickFolder(folders, account ? chosenFolder[account.id] : undefined);

  function showAccount(accountId: string) {
    setChosenAccountId(accountId);
    setView({ kind: 'mail' });
  }

  async function openDemo() {
    const result = await demo.run({});
    if (!result.ok) return;
    setChosenAccountId(result.value.accountId);
    accountsQuery.reload();
  }

  async function openMessage(messageId: number) {
    const result = await getMessage.run({ id: messageId });
    if (!result.ok) return;
    const { accountId, folderId } = result.value;
    // A message no longer on the server (kept as evidence) has no folder to show it in.
    if (folderId === null) return;
    setChosenAccountId(accountId);
    setChosenFolder((c) => ({ ...c, [accountId]: folderId }));
    setOpenRequest((r) => ({ messageId, folderId, seq: (r?.seq ?? 0) + 1 }));
    setView({ kind: 'mail' });
  }

  function openImport() {
    setImportReport(null);
    setView({ kind: 'import' });
  }

  function imported(report: ImportReport) {
    setImportReport(report);
    setChosenAccountId(report.accountId);
    accountsQuery.reload();
  }

  const importScreen = (
    <ImportScreen
      report={importReport}
      onImported={imported}
      onOpenAccount={showAccount}
      onClose={() => setView({ kind: 'mail' })}
    />
  );

  function accountAdded(added: Account) {
    setPendingAccount(added);
    setChosenAccountId(added.id);
    // The first sync's progress, then the triage once detection has sorted what it read.
    setView({ kind: 'first-sync', accountId: added.id });
    accountsQuery.reload();
    sync.startNewAccount(added.id);
  }

  if (!accounts) {
    return (
      <main className="centered-page">
        {accountsQuery.error ? (
          <div className="fatal">
            <ErrorNotice error={accountsQuery.error} />
            {/* Without the token, trying again cannot help: the sentence says what will. */}
            {accountsQuery.error.code !== 'UNAUTHORIZED' && (
              <button type="button" className="button" onClick={accountsQuery.reload}>
                {t('common.retry')}
              </button>
            )}
          </div>
        ) : (
          <p className="muted" aria-busy="true">
            {t('common.loading')}
          </p>
        )}
      </main>
    );
  }

  if (accounts.length === 0) {
    if (view.kind === 'import')
      return (
        <main className="centered-page scrollable">
          <div className="first-run-form">
            <div className="form-card">{importScreen}</div>
            <LanguageSwitch />
          </div>
        </main>
      );
    return view.kind === 'add-account' ? (
      <main className="centered-page scrollable">
        <div className="first-run-form">
          <div className="form-card">
            <AccountForm
              mode="add"
              onDone={accountAdded}
              onCancel={() => setView({ kind: 'mail' })}
            />
          </div>
          <LanguageSwitch />
        </div>
      </main>
    ) : (
      <Welcome
        // Stays busy until the reloaded list shows the demo account.
        openingDemo={demo.busy || (demo.error === null && chosenAccountId !== null)}
        demoError={demo.error}
        onOpenDemo={() => void openDemo()}
        onAddMailbox={() => setView({ kind: 'add-account' })}
        onImportMailbox={openImport}
      />
    );
  }

  const settingsAccount =
    view.kind === 'settings' ? accounts.find((a) => a.id === view.accountId) : undefined;
  const firstSyncAccount =
    view.kind === 'first-sync' ? accounts.find((a) => a.id === view.accountId) : undefined;

  return (
    <div className="app-shell">
      <Sidebar
        accounts={accounts}
        selectedAccountId={account?.id ?? null}
        folders={folders}
        foldersError={foldersQuery.error}
        selectedFolderId={view.kind === 'mail' ? (folder?.id ?? null) : null}
        settingsOpenFor={settingsAccount?.id ?? null}
        onSelectAccount={showAccount}
        onSelectFolder={(folderId) => {
          if (account) setChosenFolder((c) => ({ ...c, [account.id]: folderId }));
          setView({ kind: 'mail' });
        }}
        onOpenSettings={(accountId) => {
          setChosenAccountId(accountId);
          setView({ kind: 'settings', accountId });
        }}
        onAddMailbox={() => setView({ kind: 'add-account' })}
        onImportMailbox={openImport}
        identitiesOpen={view.kind === 'identities'}
        onOpenIdentities={() => setView({ kind: 'identities' })}
        casesOpen={view.kind === 'cases'}
        onOpenCases={() => setView({ kind: 'cases' })}
        evidenceOpen={view.kind === 'evidence'}
        onOpenEvidence={() => setView({ kind: 'evidence' })}
        triageOpen={view.kind === 'triage'}
        onOpenTriage={() => setView({ kind: 'triage' })}
        dashboardOpen={view.kind === 'dashboard'}
        onOpenDashboard={() => setView({ kind: 'dashboard' })}
        rulesOpen={view.kind === 'rules'}
        onOpenRules={() => setView({ kind: 'rules' })}
        appSettingsOpen={view.kind === 'app-settings'}
        onOpenAppSettings={() => setView({ kind: 'app-settings' })}
      />
      <main className="main-area">
        {view.kind === 'add-account' ? (
          <div className="scroll-page">
            <div className="form-card">
              <AccountForm
                mode="add"
                onDone={accountAdded}
                onCancel={() => setView({ kind: 'mail' })}
              />
            </div>
          </div>
        ) : firstSyncAccount ? (
          <div className="scroll-page">
            <div className="form-card">
              <FirstSync
                key={firstSyncAccount.id}
                account={firstSyncAccount}
                onDone={() => setView({ kind: 'triage' })}
              />
            </div>
          </div>
        ) : view.kind === 'import' ? (
          <div className="scroll-page">
            <div className="form-card">{importScreen}</div>
          </div>
        ) : settingsAccount ? (
          <div className="scroll-page">
            <div className="form-card">
              <AccountSettings
                key={settingsAccount.id}
                account={settingsAccount}
                onClose={() => setView({ kind: 'mail' })}
                onRemoved={() => {
                  setPendingAccount(null);
                  setChosenAccountId(null);
                  setView({ kind: 'mail' });
                }}
              />
            </div>
          </div>
        ) : view.kind === 'cases' ? (
          <CasesScreen onComplain={(advertiser) => setView({ kind: 'evidence', advertiser })} />
        ) : view.kind === 'evidence' ? (
          <EvidenceScreen key={view.advertiser ?? ''} advertiser={view.advertiser} />
        ) : view.kind === 'identities' ? (
          <>
            {getMessage.error && <ErrorNotice error={getMessage.error} />}
            <Identities onOpenMessage={(id) => void openMessage(id)} />
          </>
        ) : view.kind === 'app-settings' ? (
          <div className="scroll-page">
            <div className="form-card">
              <AppSettings
                accounts={accounts}
                onOpenAccount={(accountId) => {
                  setChosenAccountId(accountId);
                  setView({ kind: 'settings', accountId });
                }}
                onAddMailbox={() => setView({ kind: 'add-account' })}
              />
            </div>
          </div>
        ) : view.kind === 'rules' ? (
          <RulesScreen accounts={accounts} />
        ) : view.kind === 'dashboard' && account ? (
          <Dashboard key={account.id} accountId={account.id} />
        ) : view.kind === 'triage' && account ? (
          <TriageScreen
            key={account.id}
            accountId={account.id}
            onServer={account.kind === 'imap'}
            onOpenSettings={() => setView({ kind: 'app-settings' })}
          />
        ) : folder ? (
          <MailView
            key={`${folder.id}:${openRequest?.folderId === folder.id ? openRequest.seq : 0}`}
            folder={folder}
            initialMessageId={openRequest?.folderId === folder.id ? openRequest.messageId : null}
          />
        ) : (
          <p className="empty-state centered">
            {folders ? t('messages.chooseFolder') : t('common.loading')}
          </p>
        )}
      </main>
      <Toasts accounts={accounts} />
    </div>
  );
}

/** The folder the user chose, else the inbox, else the first one. */
function pickFolder(folders: Folder[] | undefined, chosenId: number | undefined): Folder | null {
  if (!folders || folders.length === 0) return null;
  return (
    folders.find((f) => f.id === chosenId) ??
    folders.find((f) => f.specialUse === 'inbox') ??
    folders[0] ??
    null
  );
}
