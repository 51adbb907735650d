/**
 * The first sync of a mailbox just added: what it has read so far, how fast,
 * how long is left, a cancel button; then "sorting the new mail" while
 * detection classifies what the sync stored; then the triage.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SyncRetry } from '../../../shared/types.js';
import { useCoreEvents, useQuery } from '../api/hooks.js';
import { accountServer, useAccountName } from '../components/account-name.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { syncErrorSentence, useNow } from '../components/SyncControls.js';
import { useFolderLabel } from '../components/FolderTree.js';
import { formatDuration } from '../format.js';
import { useSync } from '../sync/SyncContext.js';

export type FirstSyncStage = 'waiting' | 'syncing' | 'detecting' | 'done' | 'failed';

export function FirstSync({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const sync = useSync();
  const name = useAccountName()(account);
  const folderLabel = useFolderLabel();
  const folders = useQuery('folders.list', { accountId: account.id });
  const status = sync.status(account.id);
  const scan = sync.progress(account.id);
  // Messages read per folder: the core reports one folder at a time.
  const [readByFolder, setReadByFolder] = useState<Record<string, number>>({});
  const [started, setStarted] = useState(false);

  useCoreEvents((event) => {
    if (event.type === 'progress' && event.task === 'sync' && event.accountId === account.id)
      setReadByFolder((current) => ({ ...current, [event.label]: event.done }));
  });
  // A status seen busy, or one that already tells how a sync ended (a tiny mailbox may be done
  // before this page sees it busy).
  const seen =
    status.syncing || status.detecting || status.lastSyncAt !== null || status.lastError !== null;
  if (!started && seen) setStarted(true);

  const stage: FirstSyncStage = status.syncing
    ? 'syncing'
    : status.detecting
      ? 'detecting'
      : !started
        ? 'waiting'
        : status.lastError
          ? 'failed'
          : 'done';
  useEffect(() => {
    if (stage === 'done') onDone();
  }, [stage, onDone]);

  const number = (n: number) => n.toLocaleString(i18n.language);
  const read = Object.values(readByFolder).reduce((sum, n) => sum + n, 0);
  // What the server counted in the folders a sync reads (virtual ones repeat the others).
  const toRead = folders.data
    ?.filter((f) => f.specialUse !== 'all' && f.specialUse !== 'flagged')
    .reduce((sum, f) => sum + f.messages, 0);
  const folder = scan && folders.data?.find((f) => f.path === scan.label);
  const folderName = scan ? (folder ? folderLabel(folder) : scan.label) : null;
  const left =
    scan?.rate && toRead !== undefined && toRead > read
      ? formatDuration((toRead - read) / scan.rate, i18n.language)
      : null;

  return (
    <section className="first-sync" aria-labelledby="first-sync-title" data-stage={stage}>
      <h1 id="first-sync-title">{t('firstRun.title', { name })}</h1>
      {stage === 'failed' && status.lastError ? (
        <ErrorNotice error={status.lastError} context={{ server: accountServer(account) }} />
      ) : (
        <p className="lead" aria-live="polite">
          {sync.wasCancelled(account.id)
            ? t('firstRun.cancelled')
            : stage === 'detecting'
              ? t('sync.detecting')
              : t('firstRun.reading')}
        </p>
      )}
      {stage === 'syncing' && status.retry && (
        <RetryNotice account={account} retry={status.retry} />
      )}
      {stage === 'syncing' && (
        <>
          {scan && folderName && (
            <div className="first-sync-folder">
              <div className="progress-label">
                {scan.total === null
                  ? folderName
                  : t('firstRun.folder', {
                      folder: folderName,
                      done: number(scan.done),
                      total: number(scan.total),
                    })}
              </div>
              <progress
                value={scan.total === null ? undefined : scan.done}
                max={scan.total ?? 1}
                aria-label={t('firstRun.progressOf', { folder: folderName })}
              />
            </div>
          )}
          <dl className="first-sync-facts">
            <dt>{t('firstRun.read')}</dt>
            <dd data-testid="first-sync-read">
              {toRead && toRead >= read
                ? t('firstRun.readOf', { done: number(read), total: number(toRead) })
                : number(read)}
            </dd>
            <dt>{t('firstRun.rate')}</dt>
            <dd>{scan?.rate ? t('firstRun.perSecond', { rate: number(scan.rate) }) : '—'}</dd>
            <dt>{t('firstRun.left')}</dt>
            <dd>{left ?? '—'}</dd>
          </dl>
          <button type="button" className="button" onClick={() => sync.cancel(account.id)}>
            {t('firstRun.cancel')}
          </button>
        </>
      )}
      {stage === 'failed' && (
        <>
          <p>{t('firstRun.failedKept')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => sync.run(account.id)}
            >
              {t('firstRun.retry')}
            </button>
            <button type="button" className="button" onClick={onDone}>
              {t('firstRun.openAnyway')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The connection dropped: why, and when the sync tries again (it resumes where it stopped). */
function RetryNotice({ account, retry }: { account: Account; retry: SyncRetry }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const seconds = (Date.parse(retry.at) - now) / 1000;
  const attempt = { next: retry.attempt + 1, max: retry.maxAttempts };
  return (
    <div className="notice first-sync-retry" role="status" data-testid="first-sync-retry">
      <strong>{t('firstRun.connectionLost')}</strong>{' '}
      <span className="error-sentence">{syncErrorSentence(t, retry.error, account)}</span>{' '}
      <span>
        {seconds >= 1
          ? t('firstRun.nextAttempt', { ...attempt, when: formatDuration(seconds, i18n.language) })
          : t('firstRun.attemptNow', attempt)}
      </span>
    </div>
  );
}
