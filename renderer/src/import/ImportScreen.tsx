import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/types.js';
import { hasSystemDialogs } from '../api/create-api.js';
import { useCall } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { CloseIcon, FolderIcon, InboxIcon } from '../components/Icons.js';
import { ImportReportView } from './ImportReportView.js';

/**
 * Imports a mailbox the user has as files. The desktop app opens the system's
 * dialog; in a browser (serve mode) the server cannot show one, so the user
 * types the path, which the core checks like any other.
 */
export function ImportScreen({
  report,
  onImported,
  onOpenAccount,
  onClose,
}: {
  /** The last import's report, kept by the app across screens. */
  report: ImportReport | null;
  onImported: (report: ImportReport) => void;
  onOpenAccount: (accountId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="import-page" aria-labelledby="import-title">
      <header className="settings-header">
        <h1 id="import-title">{t('import.title')}</h1>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          title={t('common.close')}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <p className="muted">{t('import.intro')}</p>
      {hasSystemDialogs() ? (
        <ChooseWithDialog onImported={onImported} />
      ) : (
        <TypePath onImported={onImported} />
      )}
      {report && <ImportReportView report={report} onOpenAccount={onOpenAccount} />}
    </section>
  );
}

function ChooseWithDialog({ onImported }: { onImported: (report: ImportReport) => void }) {
  const { t } = useTranslation();
  const choose = useCall('import.choose');
  async function run(kind: 'file' | 'folder') {
    const result = await choose.run({ kind });
    if (result.ok && result.value.report) onImported(result.value.report);
  }
  return (
    <>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={choose.busy}
          onClick={() => void run('file')}
        >
          <InboxIcon />
          {t('import.chooseFile')}
        </button>
        <button
          type="button"
          className="button"
          disabled={choose.busy}
          onClick={() => void run('folder')}
        >
          <FolderIcon />
          {t('import.chooseFolder')}
        </button>
      </div>
      <Progress busy={choose.busy} />
      {choose.error && <ErrorNotice error={choose.error} />}
    </>
  );
}

function TypePath({ onImported }: { onImported: (report: ImportReport) => void }) {
  const { t } = useTranslation();
  const importLocal = useCall('import.local');
  const [path, setPath] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await importLocal.run({ path: path.trim() });
    if (result.ok) onImported(result.value);
  }
  return (
    <form className="import-form" onSubmit={(e) => void submit(e)}>
      <Field label={t('import.path')} hint={t('import.pathHint')}>
        <input
          type="text"
          value={path}
          required
          autoComplete="off"
          spellCheck={false}
          translate="no"
          onChange={(e) => setPath(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={importLocal.busy || path.trim() === ''}
        >
          {importLocal.busy ? t('import.importing') : t('import.submit')}
        </button>
      </div>
      <Progress busy={importLocal.busy} />
      {importLocal.error && <ErrorNotice error={importLocal.error} />}
    </form>
  );
}

function Progress({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  if (!busy) return null;
  return (
    <p className="muted" role="status" aria-busy="true">
      {t('import.importingHint')}
    </p>
  );
}
