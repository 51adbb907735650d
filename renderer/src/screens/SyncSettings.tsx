import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import type { Account } from '../../../shared/types.js';
import { accountServer } from '../components/account-name.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { RefreshIcon } from '../components/Icons.js';
import { connectionLabel, useLastSyncText } from '../components/SyncControls.js';
import { useSync } from '../sync/SyncContext.js';

/** An IMAP account's sync: live updates on or off, the last sync, sync now. */
export function SyncSettings({ account }: { account: Account }) {
  const { t } = useTranslation();
  const sync = useSync();
  const status = sync.status(account.id);
  const lastSync = useLastSyncText(account);
  const [switching, setSwitching] = useState(false);
  // The switch moves at once; the core's status event confirms it a moment later.
  const [requested, setRequested] = useState<boolean | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const hintId = useId();
  if (requested !== null && !switching && status.live === requested) setRequested(null);

  async function setLive(enabled: boolean) {
    setSwitching(true);
    setRequested(enabled);
    setError(null);
    const result = await sync.setLive(account.id, enabled);
    setSwitching(false);
    if (!result.ok) {
      setRequested(null);
      setError(result.error);
    }
  }

  return (
    <section className="sync-settings" aria-labelledby="sync-settings-title">
      <h2 id="sync-settings-title">{t('sync.section')}</h2>
      <div className="toggle-row">
        <label className="toggle">
          <span className="toggle-control">
            <input
              type="checkbox"
              role="switch"
              checked={requested ?? status.live}
              disabled={switching}
              aria-describedby={hintId}
              onChange={(e) => void setLive(e.target.checked)}
            />
            <span className="toggle-track" aria-hidden="true" />
          </span>
          <span>{t('sync.live')}</span>
        </label>
      </div>
      <p className="field-hint" id={hintId}>
        {t('sync.liveHint')}
      </p>
      {status.live && (
        <p className="connection-state" data-connection={status.connection}>
          <span className="connection-dot" data-connection={status.connection} />
          {connectionLabel(t, status, account)}
        </p>
      )}
      {error && <ErrorNotice error={error} context={{ server: accountServer(account) }} />}
      <div className="sync-now-row">
        <span className="muted">{lastSync}</span>
        {status.syncing ? (
          <button type="button" className="button" onClick={() => sync.cancel(account.id)}>
            {t('sync.cancel')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => sync.run(account.id)}>
            <RefreshIcon />
            {t('sync.now')}
          </button>
        )}
      </div>
    </section>
  );
}
