import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SyncStatus } from '../../../shared/types.js';
import { useCoreEvents } from '../api/hooks.js';
import { describeError } from '../i18n/errors.js';
import { useAccountName } from './account-name.js';
import { AlertIcon, CloseIcon } from './Icons.js';
import { syncErrorSentence } from './SyncControls.js';

interface Toast {
  id: number;
  /** What failed ("La synchronisation de Travail a échoué"), when it was an account's work. */
  title?: string;
  sentence: string;
  /** Two toasts with the same key are one: a reconnecting live connection fails again and again. */
  key: string;
}

const TOAST_LIFETIME_MS = 12_000;
let nextToastId = 1;

/**
 * Errors of work the user did not just ask for on this screen: a sync in the
 * background, the live connection. Each names the server it talked to.
 */
export function Toasts({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  const [toasts, setToasts] = useState<Toast[]>([]);
  /** Per account: was it syncing, and which error was already told. */
  const seen = useRef(new Map<string, { syncing: boolean; told: string | null }>());

  function push(toast: Omit<Toast, 'id'>) {
    setToasts((current) =>
      current.some((c) => c.key === toast.key)
        ? current
        : [...current.slice(-3), { ...toast, id: nextToastId++ }],
    );
  }

  function onStatus(status: SyncStatus) {
    const before = seen.current.get(status.accountId) ?? { syncing: false, told: null };
    const error = status.lastError;
    const errorKey = error ? `${error.code}:${error.message}` : null;
    // A sync that just ended with an error, or a live connection that just failed.
    const failedNow =
      error !== null &&
      (status.connection === 'error' || (before.syncing && !status.syncing)) &&
      errorKey !== before.told;
    seen.current.set(status.accountId, {
      syncing: status.syncing,
      // Back online, an error may be told again when it comes back.
      told: failedNow ? errorKey : error && status.connection !== 'online' ? before.told : null,
    });
    if (!failedNow || !error) return;
    const account = accounts.find((a) => a.id === status.accountId);
    const name = account ? nameOf(account) : '';
    push({
      key: `${status.accountId}:${errorKey}`,
      title:
        status.connection === 'error'
          ? t('sync.toastLive', { name })
          : t('sync.toastFailed', { name }),
      sentence: syncErrorSentence(t, error, account),
    });
  }

  useCoreEvents((event) => {
    if (event.type === 'sync.state') onStatus(event.status);
    else if (event.type === 'error') {
      push({
        key: `${event.code}:${event.message}`,
        sentence: describeError(t, event),
      });
    }
  });

  const oldest = toasts[0];
  useEffect(() => {
    if (!oldest) return;
    const timer = setTimeout(
      () => setToasts((current) => current.filter((toast) => toast.id !== oldest.id)),
      TOAST_LIFETIME_MS,
    );
    return () => clearTimeout(timer);
  }, [oldest]);

  const dismiss = (id: number) =>
    setToasts((current) => current.filter((toast) => toast.id !== id));

  return (
    <div className="toasts" aria-label={t('toast.region')}>
      {toasts.map((toast) => (
        <div className="toast" role="alert" key={toast.id}>
          <AlertIcon />
          <div className="toast-body">
            {toast.title && <p className="toast-title">{toast.title}</p>}
            <p>{toast.sentence}</p>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={t('toast.close')}
            onClick={() => dismiss(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
