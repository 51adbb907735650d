import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/types.js';
import { useCall } from '../api/hooks.js';
import { useAccountName } from '../components/account-name.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CheckIcon, CloseIcon } from '../components/Icons.js';
import { formatDay } from '../format.js';
import { AccountForm } from './AccountForm.js';
import { SyncSettings } from './SyncSettings.js';

/** Edit an account's settings, or remove it (after a confirmation). */
export function AccountSettings({
  account,
  onClose,
  onRemoved,
}: {
  account: Account;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const remove = useCall('accounts.remove');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const isLocal = account.kind === 'local';
  const name = useAccountName()(account);

  async function confirmRemove() {
    const result = await remove.run({ id: account.id });
    if (result.ok) {
      setConfirming(false);
      onRemoved();
    }
  }

  return (
    <section className="settings-page" aria-labelledby="settings-title">
      <header className="settings-header">
        <div>
          <h1 id="settings-title">{t('settings.title', { name })}</h1>
          <p className="muted">
            {account.email} ·{' '}
            {t('settings.addedOn', { date: formatDay(account.createdAt, i18n.language) })}
          </p>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          title={t('common.close')}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>

      {saved && (
        <div className="notice notice-success" role="status">
          <CheckIcon />
          <p>{t('settings.saved')}</p>
        </div>
      )}
      {isLocal ? <p>{t('settings.localInfo')}</p> : <SyncSettings account={account} />}
      {!isLocal && (
        <AccountForm
          key={account.id}
          mode="edit"
          account={account}
          onDone={() => setSaved(true)}
          onCancel={onClose}
        />
      )}

      <section className="danger-zone" aria-label={t('settings.dangerTitle')}>
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          {isLocal ? t('settings.removeLocal') : t('settings.remove')}
        </button>
      </section>

      {confirming && (
        <ConfirmDialog
          title={t('settings.confirmTitle', { name })}
          confirmLabel={remove.busy ? t('settings.removing') : t('settings.confirm')}
          busy={remove.busy}
          onConfirm={() => void confirmRemove()}
          onCancel={() => {
            remove.clearError();
            setConfirming(false);
          }}
        >
          <p>{isLocal ? t('settings.confirmLocal') : t('settings.confirmImap')}</p>
          {remove.error && <ErrorNotice error={remove.error} />}
        </ConfirmDialog>
      )}
    </section>
  );
}
