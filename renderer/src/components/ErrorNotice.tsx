import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import { describeError, type ErrorContext } from '../i18n/errors.js';
import { AlertIcon } from './Icons.js';

/** An error as a sentence to act on, with the core's own words kept for support. */
export function ErrorNotice({
  error,
  context,
  children,
}: {
  error: AppErrorData;
  context?: ErrorContext;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      <AlertIcon />
      <div className="notice-body">
        <p className="error-sentence">{describeError(t, error, context)}</p>
        {children}
        <details className="technical-details">
          <summary>{t('common.technicalDetails')}</summary>
          <p translate="no">
            <code>{error.code}</code> {error.message}
          </p>
        </details>
      </div>
    </div>
  );
}
