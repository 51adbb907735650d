import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { InboxIcon, LockIcon, PlusIcon, ShieldIcon, UploadIcon } from '../components/Icons.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';

/** The first screen, with no mailbox and no demo yet. */
export function Welcome({
  openingDemo,
  demoError,
  onOpenDemo,
  onAddMailbox,
  onImportMailbox,
}: {
  openingDemo: boolean;
  demoError: AppErrorData | null;
  onOpenDemo: () => void;
  onAddMailbox: () => void;
  onImportMailbox: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="centered-page">
      <div className="welcome">
        <div className="welcome-mark">
          <ShieldIcon size={40} />
        </div>
        <h1>{t('welcome.title')}</h1>
        <p className="lead">{t('welcome.line1')}</p>
        <p className="lead">{t('welcome.line2')}</p>
        <div className="welcome-choices">
          <button
            type="button"
            className="choice choice-primary"
            disabled={openingDemo}
            aria-describedby="open-demo-hint"
            onClick={onOpenDemo}
          >
            <span className="choice-title">
              <InboxIcon />
              {openingDemo ? t('welcome.openingDemo') : t('welcome.openDemo')}
            </span>
            <span className="choice-hint" id="open-demo-hint">
              {t('welcome.openDemoHint')}
            </span>
          </button>
          <button
            type="button"
            className="choice"
            aria-describedby="add-mailbox-hint"
            onClick={onAddMailbox}
          >
            <span className="choice-title">
              <PlusIcon />
              {t('welcome.addMailbox')}
            </span>
            <span className="choice-hint" id="add-mailbox-hint">
              {t('welcome.addMailboxHint')}
            </span>
          </button>
          <button
            type="button"
            className="choice choice-wide"
            aria-describedby="import-mailbox-hint"
            onClick={onImportMailbox}
          >
            <span className="choice-title">
              <UploadIcon />
              {t('import.action')}
            </span>
            <span className="choice-hint" id="import-mailbox-hint">
              {t('import.actionHint')}
            </span>
          </button>
        </div>
        {demoError && <ErrorNotice error={demoError} />}
        <p className="local-promise">
          <LockIcon />
          {t('welcome.local')}
        </p>
        <LanguageSwitch />
      </div>
    </main>
  );
}
