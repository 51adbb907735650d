/**
 * The one standing consent to send (issue 14): a rule with the unsubscribe
 * action is saved only once the user ticks this box, next to the sentence
 * that says exactly what will be sent, to whom, and what never will.
 */
import { useTranslation } from 'react-i18next';

export function UnsubscribeConsent(p: { allowed: boolean; onAllow(allow: boolean): void }) {
  const { t } = useTranslation();
  return (
    <div className="unsubscribe-consent">
      <p id="unsubscribe-consent-what">{t('objections.ruleConsent.what')}</p>
      <label className="check-line">
        <input
          type="checkbox"
          checked={p.allowed}
          aria-describedby="unsubscribe-consent-what"
          onChange={(e) => p.onAllow(e.target.checked)}
        />
        {t('objections.ruleConsent.allow')}
      </label>
      {!p.allowed && <p className="muted">{t('objections.ruleConsent.needed')}</p>}
    </div>
  );
}
