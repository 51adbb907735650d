import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, BackgroundTask, CoreEvent } from '../../../shared/types.js';
import { useCoreEvents } from '../api/hooks.js';
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

type BackgroundFailure = Extract<CoreEvent, { type: 'error' }>;

const TOAST_LIFETIME_MS = 12_000;
let nextToastId = 1;

/**
 * Failures of work no screen is waiting on, as the core tells them (`error`
 * events): a sync, the live connection, detection. Each names the account
 * and the server it talked to.
 */
export function Toasts({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  const [toasts, setToasts] = useState<Toast[]>([]);

  function push(toast: Omit<Toast, 'id'>) {
    setToasts((current) =>
      current.some((c) => c.key === toast.key)
        ? current
        : [...current.slice(-3), { ...toast, id: nextToastId++ }],
    );
  }

  function onFailure(failure: BackgroundFailure) {
    const account = accounts.find((a) => a.id === failure.accountId);
    const name = account ? nameOf(account) : '';
    const titles: Record<BackgroundTask, string> = {
      sync: t('sync.toastFailed', { name }),
      live: t('sync.toastLive', { name }),
      detection: t('toast.detectionFailed'),
    };
    push({
      // A sync and the live connection of one account often fail alike: one toast.
      key: `${failure.accountId}:${failure.code}:${failure.message}`,
      title: titles[failure.task],
      sentence: syncErrorSentence(t, failure, account),
    });
  }

  useCoreEvents((event) => {
    if (event.type === 'error') onFailure(event);
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
    <div className="toasts" role="region" aria-label={t('toast.region')}>
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
