/**
 * A bulk action's job while it runs: how many messages are done, and a cancel button (what is
 * done stays done, and undoable; the rest is left where it is).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents } from '../api/hooks.js';

export function JobProgress({ accountId, kind }: { accountId: string; kind: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null);
  useCoreEvents((e) => {
    if (e.type !== 'job.progress' || e.kind !== kind || e.accountId !== accountId) return;
    setJob(
      e.state === 'running' && e.total !== null ? { id: e.jobId, ...e, total: e.total } : null,
    );
  });
  if (!job) return null;
  return (
    <div className="bulk-progress">
      <progress max={job.total} value={job.done} aria-label={t('triageBulk.progressLabel')} />
      <span role="status">{t('triageBulk.progress', { done: job.done, total: job.total })}</span>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => void api.call('jobs.cancel', { jobId: job.id })}
      >
        {t('triageBulk.stop')}
      </button>
    </div>
  );
}
