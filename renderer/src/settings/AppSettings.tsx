/**
 * The app's settings, apart from each mailbox's own: language, mailboxes,
 * data folder, how long the app keeps its own data, the Signal Spam account,
 * and what the app is (version, licences).
 */
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/types.js';
import { useQuery } from '../api/hooks.js';
import { useAccountName } from '../components/account-name.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { AboutSection } from './AboutSection.js';
import { LanguageSettings } from './LanguageSettings.js';
import { RetentionSettings } from './RetentionSettings.js';
import { SignalSpamSettings } from './SignalSpamSettings.js';

export function AppSettings({
  accounts,
  onOpenAccount,
  onAddMailbox,
}: {
  accounts: Account[];
  onOpenAccount: (accountId: string) => void;
  onAddMailbox: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  const info = useQuery('app.info', {});
  const settings = useQuery('settings.get', {});

  return (
    <section className="settings-page app-settings" aria-labelledby="app-settings-title">
      <h1 id="app-settings-title">{t('appSettings.title')}</h1>

      <section className="settings-section" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('appSettings.language')}</h2>
        <p className="muted">{t('appSettings.languageHint')}</p>
        {settings.error && <ErrorNotice error={settings.error} />}
        {settings.data && <LanguageSettings stored={settings.data.language} />}
      </section>

      <section className="settings-section" aria-labelledby="settings-accounts">
        <h2 id="settings-accounts">{t('appSettings.accounts')}</h2>
        <ul className="settings-accounts">
          {accounts.map((account) => (
            <li key={account.id}>
              <span translate={account.localSource === 'demo' ? undefined : 'no'}>
                {nameOf(account)}
              </span>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onOpenAccount(account.id)}
              >
                {t('appSettings.accountSettings')}
                <span className="visually-hidden"> {nameOf(account)}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={onAddMailbox}>
          {t('sidebar.addMailbox')}
        </button>
      </section>

      <section className="settings-section" aria-labelledby="settings-data">
        <h2 id="settings-data">{t('appSettings.dataFolder')}</h2>
        {info.error && <ErrorNotice error={info.error} />}
        {info.data && (
          <>
            <p>
              <code className="data-dir" translate="no" data-testid="data-dir">
                {info.data.dataDir}
              </code>
            </p>
            <p className="muted">
              {t('appSettings.dataFolderHint')}{' '}
              {t(`appSettings.secrets.${info.data.secretsBackend}`)}
            </p>
          </>
        )}
      </section>

      <RetentionSettings />
      <SignalSpamSettings />
      <AboutSection version={info.data?.version ?? null} />
    </section>
  );
}
