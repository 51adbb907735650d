import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/types.js';
import { CheckIcon } from '../components/Icons.js';

/** What an import did: messages added, what was left out and why, links followed. */
export function ImportReportView({
  report,
  onOpenAccount,
}: {
  report: ImportReport;
  onOpenAccount: (accountId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="import-report" aria-label={t('import.reportTitle')}>
      <div className="notice notice-success" role="status">
        <CheckIcon />
        <p className="import-count">
          {report.imported > 0
            ? t('import.imported', { count: report.imported })
            : t('import.nothingNew')}
        </p>
      </div>
      {report.skipped.length > 0 && (
        <details className="import-details">
          <summary>{t('import.skipped', { count: report.skipped.length })}</summary>
          <p className="muted">{t('import.skippedHint')}</p>
          <ul className="import-list">
            {report.skipped.map((s, i) => (
              <li key={i}>
                <code translate="no">{s.source}</code>
                {/* The core's own words (English), kept for what they name exactly. */}
                <span className="import-reason" lang="en">
                  {s.reason}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.followedLinks.length > 0 && (
        <details className="import-details">
          <summary>{t('import.links', { count: report.followedLinks.length })}</summary>
          <ul className="import-list">
            {report.followedLinks.map((link, i) => (
              <li key={i} translate="no">
                <code>{link.source}</code>
                <span className="import-reason">→ {link.target}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => onOpenAccount(report.accountId)}
        >
          {t('import.open')}
        </button>
      </div>
    </section>
  );
}
