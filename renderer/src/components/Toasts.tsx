import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/result.js';
import { useCoreEvents } from '../api/hooks.js';
import { describeError } from '../i18n/errors.js';
import { AlertIcon, CloseIcon } from './Icons.js';

interface Toast {
  id: number;
  code: string;
  message: string;
}

const TOAST_LIFETIME_MS = 12_000;
let nextToastId = 1;

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Errors the core reports outside any action of the user (a background sync, say). */
export function Toasts() {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);

  useCoreEvents((event) => {
    if (event.type !== 'error') return;
    setToasts((current) => [
      ...current.slice(-3),
      { id: nextToastId++, code: event.code, message: event.message },
    ]);
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
          <p>
            {isErrorCode(toast.code)
              ? describeError(t, { code: toast.code, message: toast.message })
              : toast.message}
          </p>
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
