import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Folder } from '../../../shared/types.js';
import type { AppErrorData } from '../../../shared/result.js';
import { accountServer, useAccountName } from './account-name.js';
import { ErrorNotice } from './ErrorNotice.js';
import { FolderTree } from './FolderTree.js';
import {
  AllMailIcon,
  GearIcon,
  PlusIcon,
  SettingsIcon,
  ShieldIcon,
  UploadIcon,
  UsersIcon,
} from './Icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ProgressArea } from './ProgressArea.js';
import { ConnectionDot, SyncButton, SyncLine } from './SyncControls.js';

export interface SidebarProps {
  accounts: Account[];
  selectedAccountId: string | null;
  folders: Folder[] | undefined;
  foldersError: AppErrorData | null;
  selectedFolderId: number | null;
  settingsOpenFor: string | null;
  onSelectAccount: (accountId: string) => void;
  onSelectFolder: (folderId: number) => void;
  onOpenSettings: (accountId: string) => void;
  onAddMailbox: () => void;
  onImportMailbox: () => void;
  identitiesOpen: boolean;
  onOpenIdentities: () => void;
  casesOpen: boolean;
  onOpenCases: () => void;
  evidenceOpen: boolean;
  onOpenEvidence: () => void;
  triageOpen: boolean;
  onOpenTriage: () => void;
  dashboardOpen: boolean;
  onOpenDashboard: () => void;
  rulesOpen: boolean;
  onOpenRules: () => void;
  appSettingsOpen: boolean;
  onOpenAppSettings: () => void;
}

export function Sidebar(p: SidebarProps) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  return (
    <nav className="sidebar" aria-label={t('sidebar.mailboxes')}>
      <div className="brand">
        <ShieldIcon size={20} />
        <span>{t('app.name')}</span>
      </div>
      <div className="sidebar-scroll">
        <NavItem
          open={p.triageOpen}
          onOpen={p.onOpenTriage}
          icon={<ShieldIcon />}
          label={t('triage.nav')}
        />
        <NavItem
          open={p.dashboardOpen}
          onOpen={p.onOpenDashboard}
          icon={<AllMailIcon />}
          label={t('dashboard.nav')}
        />
        <NavItem
          open={p.rulesOpen}
          onOpen={p.onOpenRules}
          icon={<SettingsIcon />}
          label={t('rules.nav')}
        />
        <NavItem
          open={p.identitiesOpen}
          onOpen={p.onOpenIdentities}
          icon={<UsersIcon />}
          label={t('identities.nav')}
        />
        <NavItem
          open={p.casesOpen}
          onOpen={p.onOpenCases}
          icon={<ShieldIcon />}
          label={t('objections.nav')}
        />
        <NavItem
          open={p.evidenceOpen}
          onOpen={p.onOpenEvidence}
          icon={<ShieldIcon />}
          label={t('evidence.nav')}
        />
        <NavItem
          open={p.appSettingsOpen}
          onOpen={p.onOpenAppSettings}
          icon={<GearIcon />}
          label={t('appSettings.nav')}
        />
        <h2 className="sidebar-heading">{t('sidebar.mailboxes')}</h2>
        <ul className="account-list">
          {p.accounts.map((account) => {
            const selected = account.id === p.selectedAccountId;
            const name = nameOf(account);
            const imap = account.kind === 'imap';
            return (
              <li
                key={account.id}
                className={['account', selected && 'selected', imap && 'imap']
                  .filter(Boolean)
                  .join(' ')}
              >
                <div className="account-row">
                  <button
                    type="button"
                    className="account-button"
                    aria-expanded={selected}
                    onClick={() => p.onSelectAccount(account.id)}
                  >
                    <span className="account-name">
                      {imap && <ConnectionDot account={account} />}
                      <span
                        className="account-name-text"
                        translate={account.localSource === 'demo' ? undefined : 'no'}
                      >
                        {name}
                      </span>
                    </span>
                    {/* The badge on the second line leaves the name the whole width. */}
                    {(account.name !== account.email || !imap) && (
                      <span className="account-detail">
                        {account.name !== account.email && (
                          <span className="account-email" translate="no">
                            {account.email}
                          </span>
                        )}
                        {!imap && (
                          <span className="badge badge-muted">{t('sidebar.localBadge')}</span>
                        )}
                      </span>
                    )}
                  </button>
                  {selected && imap && <SyncButton account={account} />}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('sidebar.settingsOf', { name })}
                    aria-pressed={p.settingsOpenFor === account.id}
                    title={t('sidebar.settingsOf', { name })}
                    onClick={() => p.onOpenSettings(account.id)}
                  >
                    <SettingsIcon />
                  </button>
                </div>
                {selected && imap && <SyncLine account={account} />}
                {selected && p.foldersError && (
                  <ErrorNotice
                    error={p.foldersError}
                    context={{ server: accountServer(account) }}
                  />
                )}
                {selected && p.folders && (
                  <FolderTree
                    accountName={name}
                    folders={p.folders}
                    selectedFolderId={p.settingsOpenFor ? null : p.selectedFolderId}
                    onSelect={p.onSelectFolder}
                  />
                )}
              </li>
            );
          })}
        </ul>
        <button type="button" className="button button-quiet add-mailbox" onClick={p.onAddMailbox}>
          <PlusIcon />
          {t('sidebar.addMailbox')}
        </button>
        <button
          type="button"
          className="button button-quiet add-mailbox import-mailbox"
          onClick={p.onImportMailbox}
        >
          <UploadIcon />
          {t('import.action')}
        </button>
      </div>
      <div className="sidebar-footer">
        <ProgressArea accounts={p.accounts} />
        <LanguageSwitch />
      </div>
    </nav>
  );
}

/** One entry of the sidebar's navigation: marked as the current page when its screen is open. */
function NavItem(p: { open: boolean; onOpen: () => void; icon: ReactNode; label: string }) {
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={p.open ? 'page' : undefined}
      onClick={p.onOpen}
    >
      {p.icon}
      <span>{p.label}</span>
    </button>
  );
}
