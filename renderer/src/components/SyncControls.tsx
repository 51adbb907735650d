/** The sync of an IMAP account as the sidebar shows it: state dot, sync button, last-sync line. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Account, SyncStatus } from '../../../shared/types.js';
import { formatSince } from '../format.js';
import { describeError } from '../i18n/errors.js';
import { useSync } from '../sync/SyncContext.js';
import { accountServer, useAccountName } from './account-name.js';
import { RefreshIcon } from './Icons.js';

/** A status's last error as a sentence, naming the account's server. */
export function syncErrorSentence(
  t: TFunction,
  error: NonNullable<SyncStatus['lastError']>,
  account: Account | undefined,
): string {
  // The error names the server it talked to; else it is the account's.
  return describeError(t, error, { server: accountServer(account) });
}

export function connectionLabel(t: TFunction, status: SyncStatus, account: Account): string {
  if (status.connection === 'error')
    return t('sync.connection.error', {
      error: status.lastError ? syncErrorSentence(t, status.lastError, account) : '',
    });
  return t(`sync.connection.${status.connection}`);
}

/** Green online, amber connecting, grey offline (live updates off), red error; the words in a tooltip. */
export function ConnectionDot({ account }: { account: Account }) {
  const { t } = useTranslation();
  const status = useSync().status(account.id);
  const label = connectionLabel(t, status, account);
  return (
    <span className="connection-dot" data-connection={status.connection} title={label}>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Sync now; while a sync runs it turns, and waits. */
export function SyncButton({ account }: { account: Account }) {
  const { t } = useTranslation();
  const name = useAccountName()(account);
  const sync = useSync();
  const syncing = sync.status(account.id).syncing;
  return (
    <button
      type="button"
      className={syncing ? 'icon-button spinning' : 'icon-button'}
      aria-label={syncing ? t('sync.running') : t('sync.now')}
      title={syncing ? t('sync.running') : t('sync.nowTitle', { name })}
      disabled={syncing}
      onClick={() => sync.run(account.id)}
    >
      <RefreshIcon />
    </button>
  );
}

/** Re-renders every `intervalMs`, for "2 min ago" lines that must not go stale. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "Synchronisé il y a 2 min", "Synchronisation… Annuler", "Échec de la synchronisation". */
export function SyncLine({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const name = useAccountName()(account);
  const sync = useSync();
  const status = sync.status(account.id);
  const text = useLastSyncText(account);

  if (status.syncing)
    return (
      <div className="sync-line" aria-live="polite">
        {status.retry ? (
          <span
            className="sync-text sync-failed"
            title={syncErrorSentence(t, status.retry.error, account)}
          >
            {t('sync.retrying')}
          </span>
        ) : (
          <span className="sync-text">{t('sync.running')}</span>
        )}
        <button
          type="button"
          className="link-button"
          title={t('sync.cancelTitle', { name })}
          onClick={() => sync.cancel(account.id)}
        >
          {t('sync.cancel')}
        </button>
      </div>
    );
  const failed = hasFailed(status);
  return (
    <div className="sync-line" aria-live="polite">
      <span
        className={failed ? 'sync-text sync-failed' : 'sync-text'}
        title={
          failed && status.lastError
            ? syncErrorSentence(t, status.lastError, account)
            : status.lastSyncAt
              ? new Date(status.lastSyncAt).toLocaleString(i18n.language)
              : undefined
        }
      >
        {text}
      </span>
    </div>
  );
}

/**
 * The core keeps the last error until a sync succeeds, also while the live
 * connection is back: it counts as current only while nothing says otherwise.
 * An account never synced has nothing else to say ("never synced" hid a
 * first sync that failed while the live connection was trying again).
 */
function hasFailed(status: SyncStatus): boolean {
  return (
    status.lastError !== null &&
    (status.connection === 'error' || !status.live || status.lastSyncAt === null)
  );
}

/** The last-sync sentence, kept current. */
export function useLastSyncText(account: Account): string {
  const { t, i18n } = useTranslation();
  const sync = useSync();
  const status = sync.status(account.id);
  const now = useNow(20_000);
  if (status.syncing) return t('sync.running');
  if (status.detecting) return t('sync.detecting');
  if (hasFailed(status))
    return status.connection === 'error' ? t('sync.connectionLost') : t('sync.failed');
  if (sync.wasCancelled(account.id)) return t('sync.cancelled');
  if (!status.lastSyncAt) return t('sync.never');
  return t('sync.last', {
    when: formatSince(status.lastSyncAt, i18n.language, now) ?? t('sync.justNow'),
  });
}
