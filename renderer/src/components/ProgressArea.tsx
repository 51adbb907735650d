import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, CoreEvent } from '../../../shared/types.js';
import { useCoreEvents, useQuery } from '../api/hooks.js';
import { useSync } from '../sync/SyncContext.js';
import { useAccountName } from './account-name.js';
import { useFolderLabel } from './FolderTree.js';

type ProgressEvent = Extract<CoreEvent, { type: 'progress' }>;

/**
 * Long work the core reports: one bar per task, gone when done. A sync's
 * folder scan comes from the sync context (which also drops it when the
 * sync ends, finished or not); other tasks are followed here.
 */
export function ProgressArea({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  const sync = useSync();
  const [tasks, setTasks] = useState<Record<string, ProgressEvent>>({});

  useCoreEvents((event) => {
    if (event.type !== 'progress' || event.task === 'sync') return;
    const key = `${event.task}:${event.accountId ?? ''}`;
    const finished = event.total !== null && event.done >= event.total;
    setTasks((current) => {
      const next = { ...current };
      if (finished) delete next[key];
      else next[key] = event;
      return next;
    });
  });

  const scans = accounts.flatMap((account) => {
    const scan = sync.progress(account.id);
    return scan ? [{ account, scan }] : [];
  });
  return (
    <section className="progress-area" aria-label={t('progress.region')} aria-live="polite">
      {scans.map(({ account, scan }) => (
        <FolderScan key={`sync:${account.id}`} account={account} scan={scan} />
      ))}
      {Object.entries(tasks).map(([key, task]) => (
        <ProgressTask
          key={key}
          label={task.task === 'classify' ? t('progress.classify') : task.label}
          task={task}
        />
      ))}
    </section>
  );
}

/** "Synchronisation de Travail : Boîte de réception", with the folder's translated role name. */
function FolderScan({ account, scan }: { account: Account; scan: ProgressEvent }) {
  const { t } = useTranslation();
  const accountName = useAccountName()(account);
  const folderLabel = useFolderLabel();
  const folders = useQuery('folders.list', { accountId: account.id });
  const folder = folders.data?.find((f) => f.path === scan.label);
  const name = folder
    ? folderLabel(folder)
    : scan.label === 'INBOX'
      ? t('folders.inbox')
      : scan.label;
  return (
    <ProgressTask
      label={t('sync.progress', { account: accountName, folder: name })}
      task={scan}
      testId="sync-progress"
    />
  );
}

function ProgressTask({
  label,
  task,
  testId,
}: {
  label: string;
  task: ProgressEvent;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="progress-task" data-testid={testId}>
      <div className="progress-label">{label}</div>
      <progress
        value={task.total === null ? undefined : task.done}
        max={task.total ?? 1}
        aria-label={label}
      />
      {task.total !== null && (
        // Hidden from the live region: four announcements a second would drown everything else.
        <div className="progress-count" aria-hidden="true">
          {t('progress.counted', { done: task.done, total: task.total })}
        </div>
      )}
    </div>
  );
}
