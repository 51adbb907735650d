import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/types.js';
import { formatDay } from '../format.js';

/** Lets a long fingerprint wrap only between bytes; the text itself is unchanged. */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  const bytes = value.split(':');
  return (
    <code className="fingerprint" data-testid={testId} translate="no">
      {bytes.map((byte, i) => (
        <Fragment key={i}>
          {byte}
          {i < bytes.length - 1 && (
            <>
              :<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}

/** What the user is asked to trust, and the button that trusts it. */
export function CertificateCard({
  certificate,
  busy,
  onTrust,
}: {
  certificate: CertificateInfo;
  busy: boolean;
  onTrust: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="certificate" aria-labelledby="certificate-title">
      <h3 id="certificate-title">{t('certificate.title')}</h3>
      <dl className="field-list certificate-fields">
        <dt>{t('certificate.subject')}</dt>
        <dd translate="no">{certificate.subject}</dd>
        <dt>{t('certificate.issuer')}</dt>
        <dd translate="no">{certificate.issuer}</dd>
        <dt>{t('certificate.validity')}</dt>
        <dd>
          {t('certificate.validityRange', {
            from: formatDay(certificate.validFrom, i18n.language),
            to: formatDay(certificate.validTo, i18n.language),
          })}
        </dd>
        <dt>{t('certificate.fingerprint')}</dt>
        <dd>
          <Fingerprint value={certificate.fingerprint256} testId="certificate-fingerprint" />
        </dd>
      </dl>
      <button type="button" className="button" disabled={busy} onClick={onTrust}>
        {t('certificate.trust')}
      </button>
    </section>
  );
}
