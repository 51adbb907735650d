import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../../shared/result.js';
import type { FileDelivery } from '../../../shared/types.js';
import { useCall } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CheckIcon, DownloadIcon } from '../components/Icons.js';
import { receiveFile, type ReceivedFile } from './receive-file.js';

/**
 * A button that has the core make a file and hands it to the user: saved
 * where they chose (desktop) or downloaded (browser), the outcome shown below.
 */
export function SaveFileButton({
  label,
  title,
  produce,
}: {
  label: string;
  title?: string;
  produce: () => Promise<Result<FileDelivery>>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [received, setReceived] = useState<ReceivedFile | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  async function save() {
    setBusy(true);
    setReceived(null);
    setError(null);
    const made = await produce();
    const taken = made.ok ? await receiveFile(made.value) : made;
    if (taken.ok) setReceived(taken.value);
    else setError(taken.error);
    setBusy(false);
  }

  return (
    <div className="save-file">
      <button
        type="button"
        className="button"
        title={title}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void save()}
      >
        <DownloadIcon />
        {busy ? t('files.preparing') : label}
      </button>
      {received && received.kind !== 'cancelled' && <ReceivedFileNotice received={received} />}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

function ReceivedFileNotice({
  received,
}: {
  received: Exclude<ReceivedFile, { kind: 'cancelled' }>;
}) {
  const { t } = useTranslation();
  const reveal = useCall('files.reveal');
  return (
    <div className="notice notice-success" role="status">
      <CheckIcon />
      <div className="notice-body">
        {received.kind === 'saved' ? (
          <>
            <p>
              {t('files.saved')} <span translate="no">{received.path}</span>
            </p>
            <button
              type="button"
              className="link-button"
              onClick={() => void reveal.run({ path: received.path })}
            >
              {t('files.showInFolder')}
            </button>
          </>
        ) : (
          <p>
            {t('files.downloaded')} <span translate="no">{received.fileName}</span>
          </p>
        )}
        {reveal.error && <ErrorNotice error={reveal.error} />}
      </div>
    </div>
  );
}
