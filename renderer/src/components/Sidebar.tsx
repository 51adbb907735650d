import { useTranslation } from 'react-i18next';
import type { Account, Folder } from '../../../shared/types.js';
import type { AppErrorData } from '../../../shared/result.js';
import { ErrorNotice } from './ErrorNotice.js';
import { FolderTree } from './FolderTree.js';
import { PlusIcon, RefreshIcon, SettingsIcon, ShieldIcon } from './Icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ProgressArea } from './ProgressArea.js';

export interface SidebarProps {
  accounts: Account[];
  selectedAccountId: string | null;
  folders: Folder[] | undefined;
  foldersError: AppErrorData | null;
  refreshingFolders: boolean;
  selectedFolderId: number | null;
  settingsOpenFor: string | null;
  onSelectAccount: (accountId: string) => void;
  onSelectFolder: (folderId: number) => void;
  onRefreshFolders: () => void;
  onOpenSettings: (accountId: string) => void;
  onAddMailbox: () => void;
}

export function Sidebar(p: SidebarProps) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('sidebar.mailboxes')}>
      <div className="brand">
        <ShieldIcon size={20} />
        <span>{t('app.name')}</span>
      </div>
      <div className="sidebar-scroll">
        <h2 className="sidebar-heading">{t('sidebar.mailboxes')}</h2>
        <ul className="account-list">
          {p.accounts.map((account) => {
            const selected = account.id === p.selectedAccountId;
            return (
              <li key={account.id} className={selected ? 'account selected' : 'account'}>
                <div className="account-row">
                  <button
                    type="button"
                    className="account-button"
                    aria-expanded={selected}
                    onClick={() => p.onSelectAccount(account.id)}
                  >
                    <span className="account-name">
                      <span className="account-name-text" translate="no">
                        {account.name}
                      </span>
                      {account.kind === 'local' && (
                        <span className="badge badge-muted">{t('sidebar.localBadge')}</span>
                      )}
                    </span>
                    {account.name !== account.email && (
                      <span className="account-email" translate="no">
                        {account.email}
                      </span>
                    )}
                  </button>
                  {selected && account.kind === 'imap' && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('sidebar.refreshFolders')}
                      title={t('sidebar.refreshFolders')}
                      disabled={p.refreshingFolders}
                      onClick={p.onRefreshFolders}
                    >
                      <RefreshIcon />
                    </button>
                  )}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('sidebar.settingsOf', { name: account.name })}
                    aria-pressed={p.settingsOpenFor === account.id}
                    title={t('sidebar.settingsOf', { name: account.name })}
                    onClick={() => p.onOpenSettings(account.id)}
                  >
                    <SettingsIcon />
                  </button>
                </div>
                {selected && p.foldersError && (
                  <ErrorNotice
                    error={p.foldersError}
                    context={{ server: account.imap?.host ?? undefined }}
                  />
                )}
                {selected && p.folders && (
                  <FolderTree
                    accountName={account.name}
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
      </div>
      <div className="sidebar-footer">
        <ProgressArea />
        <LanguageSwitch />
      </div>
    </nav>
  );
}
