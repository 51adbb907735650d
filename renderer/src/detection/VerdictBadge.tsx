import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../../shared/types.js';
import { ShieldIcon } from '../components/Icons.js';

/** A message's verdict as a short label, one calm colour per verdict. */
export function VerdictBadge({ verdict, failed }: { verdict: Verdict | null; failed?: boolean }) {
  const { t } = useTranslation();
  if (verdict === null && failed)
    return <span className="verdict-badge verdict-failed">{t('verdict.failed')}</span>;
  if (verdict === null)
    return <span className="verdict-badge verdict-pending">{t('verdict.pending')}</span>;
  return (
    <span className={`verdict-badge verdict-${verdict}`} data-verdict={verdict}>
      {t(`verdict.${verdict}`)}
    </span>
  );
}

/** The mark of mail the user did not ask for. */
export function UnsolicitedMark() {
  const { t } = useTranslation();
  return (
    <span className="unsolicited-mark" title={t('verdict.unsolicitedTitle')}>
      <ShieldIcon size={12} />
      <span className="visually-hidden">{t('verdict.unsolicited')}</span>
    </span>
  );
}
