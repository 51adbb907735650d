/**
 * "Signaler": nothing goes to Signal Spam before the user agreed to this dialog, which says how
 * many messages go, to whom, whole, and that it cannot be taken back. Without a Signal Spam
 * account it says where to enter one.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPORTED_MESSAGES } from '../../../shared/api/triage-actions.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useQuery } from '../api/hooks.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import type { TriageDialogProps } from './actions.js';
import { JobProgress } from './JobProgress.js';
import { asAppError, cancelled, selectedMessages, selectionInput } from './mail-actions.js';

export function ReportDialog({ selection, onDone, onCancel, onOpenSettings }: TriageDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const account = useQuery('objections.signalSpamAccount', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const count = selectedMessages(selection);
  const tooMany = count > MAX_REPORTED_MESSAGES;

  async function report() {
    setBusy(true);
    const result = await api.call('triage.report', {
      selection: selectionInput(selection),
      confirmation: { to: 'signal-spam', messages: count },
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const { reported, alreadyReported, error: stopped } = result.value;
    onDone({
      done: reported + alreadyReported,
      error: stopped && !cancelled(stopped) ? asAppError(stopped, 'REMOTE_REFUSED') : null,
    });
  }

  if (account.data?.configured === false)
    return (
      <ConfirmDialog
        title={t('triageBulk.report.title', { count })}
        confirmLabel={t('triageBulk.report.openSettings')}
        tone="primary"
        busy={false}
        onConfirm={onOpenSettings}
        onCancel={onCancel}
      >
        <p>{t('triageBulk.report.noAccount')}</p>
      </ConfirmDialog>
    );
  return (
    <ConfirmDialog
      title={t('triageBulk.report.title', { count })}
      confirmLabel={t('triageBulk.report.confirm', { count })}
      busy={busy || account.data === undefined}
      confirmDisabled={tooMany}
      onConfirm={() => void report()}
      onCancel={onCancel}
    >
      <p>{t('triageBulk.report.what', { count })}</p>
      <p>{t('triageBulk.report.final')}</p>
      {tooMany && (
        <p className="notice notice-error">
          {t('triageBulk.report.tooMany', { max: MAX_REPORTED_MESSAGES })}
        </p>
      )}
      {busy && <JobProgress accountId={selection.accountId} kind="objections" />}
      {(error ?? account.error) && <ErrorNotice error={(error ?? account.error)!} />}
    </ConfirmDialog>
  );
}
