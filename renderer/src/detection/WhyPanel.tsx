import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail, Signal } from '../../../shared/types.js';
import { useCall } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { AlertIcon, CheckIcon, ShieldIcon } from '../components/Icons.js';
import { formatScore, showsAdvertiser, signalText } from './verdict.js';
import { VerdictBadge } from './VerdictBadge.js';

type Scope = 'address' | 'domain';

/**
 * "Why?": the verdict in words, the signals behind it, who sent it through
 * what, which of the user's addresses it reached, the legal hints apart,
 * and the user's own say on the sender.
 */
export function WhyPanel({
  message,
  refreshing,
  onCorrected,
}: {
  message: MessageDetail;
  /** True while the message is read again after a correction. */
  refreshing: boolean;
  onCorrected: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const c = message.classification;

  return (
    <section
      className={message.unsolicited ? 'why-panel unsolicited' : 'why-panel'}
      aria-labelledby="why-title"
    >
      <h3 id="why-title" className="why-title">
        {t('why.title')}
      </h3>
      {message.verdict === null ? (
        <p className="muted">
          {message.detectionError === null
            ? t('why.pending')
            : t('why.failed', { error: message.detectionError })}
        </p>
      ) : (
        <>
          <p className="why-verdict">
            <VerdictBadge verdict={message.verdict} />
            <strong>
              {t('why.verdictScore', {
                verdict: t(`verdict.long.${message.verdict}`),
                score: formatScore(message.score ?? 0, language),
              })}
            </strong>
          </p>
          <p className={message.unsolicited ? 'why-unsolicited' : 'muted'}>
            {message.unsolicited && <ShieldIcon size={14} />}
            {message.unsolicited ? t('why.unsolicited') : t('why.solicited')}
          </p>
          {c && (
            <div className="why-section">
              <h4>{t('why.signals')}</h4>
              <SignalList signals={c.signals} empty={t('why.noSignals')} language={language} />
            </div>
          )}
          <dl className="field-list why-facts">
            <dt>{t('why.router')}</dt>
            <dd>
              {c?.router ? (
                <>
                  <span translate="no">{c.router.name}</span>{' '}
                  <span className="muted">
                    ({t(`why.routerKind.${routerKind(c.router.kind)}`)})
                  </span>{' '}
                  <span className={`confidence confidence-${c.router.confidence}`}>
                    {c.router.confidence === 'verified' ? t('why.verified') : t('why.claimed')}
                  </span>
                  {c.router.accountId && (
                    <span className="fact-line">
                      {t('why.accountId', { id: '' })}
                      <code translate="no">{c.router.accountId}</code>
                    </span>
                  )}
                  {c.router.abuse && (
                    <span className="fact-line">
                      {t('why.abuse', { address: '' })}
                      <span translate="no">{c.router.abuse}</span>
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">{t('why.noRouter')}</span>
              )}
            </dd>
            {c?.advertiser && (
              <>
                <dt>
                  {showsAdvertiser(message.verdict) ? t('why.advertiser') : t('why.senderDomain')}
                </dt>
                <dd>
                  <span translate="no">
                    {c.advertiser.name ? `${c.advertiser.name} — ` : ''}
                    {c.advertiser.domain}
                  </span>{' '}
                  <span
                    className={
                      c.advertiser.aligned
                        ? 'confidence confidence-verified'
                        : 'confidence confidence-claimed'
                    }
                  >
                    {c.advertiser.aligned ? t('why.aligned') : t('why.notAligned')}
                  </span>
                  <span className="fact-line">
                    {c.advertiser.privacyContact ? (
                      <>
                        {t('why.privacyContact', { contact: '' })}
                        <span translate="no">{c.advertiser.privacyContact}</span>
                      </>
                    ) : (
                      <span className="muted">{t('why.noPrivacyContact')}</span>
                    )}
                  </span>
                </dd>
              </>
            )}
            {message.identity && (
              <>
                <dt>{t('why.identity')}</dt>
                <dd translate="no">{message.identity}</dd>
              </>
            )}
          </dl>
          {c && c.legalFlags.length > 0 && (
            <div className="legal-box" role="note" aria-labelledby="legal-title">
              <h4 id="legal-title">
                <AlertIcon />
                {t('why.legalTitle')}
              </h4>
              <SignalList signals={c.legalFlags} empty="" language={language} />
              <p className="legal-note">{t('why.legalNote')}</p>
            </div>
          )}
        </>
      )}
      <Correction message={message} refreshing={refreshing} onCorrected={onCorrected} />
    </section>
  );
}

function SignalList({
  signals,
  empty,
  language,
}: {
  signals: Signal[];
  empty: string;
  language: string;
}) {
  if (signals.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="signal-list">
      {signals.map((signal, i) => (
        <li key={`${signal.code}-${i}`} data-signal={signal.code}>
          {signalText(signal, language)}
        </li>
      ))}
    </ul>
  );
}

/** Router kinds the UI has words for; a new one in the core reads as "other platform". */
const ROUTER_KINDS = [
  'esp',
  'marketing_automation',
  'crm',
  'cold_outreach',
  'newsletter_platform',
] as const;
function routerKind(kind: string): (typeof ROUTER_KINDS)[number] | 'other' {
  return (ROUTER_KINDS as readonly string[]).includes(kind)
    ? (kind as (typeof ROUTER_KINDS)[number])
    : 'other';
}

/** "I want / I don't want these messages", for this address or its whole domain. */
function Correction({
  message,
  refreshing,
  onCorrected,
}: {
  message: MessageDetail;
  refreshing: boolean;
  onCorrected: () => void;
}) {
  const { t } = useTranslation();
  const correct = useCall('messages.correct');
  const [scope, setScope] = useState<Scope>('address');
  const [done, setDone] = useState(false);
  const address = message.from?.address ?? null;
  if (!address) return null;
  const domain = message.advertiser ?? address.split('@')[1] ?? address;

  async function decide(decision: 'wanted' | 'unwanted') {
    setDone(false);
    const result = await correct.run({ id: message.id, decision, scope });
    if (!result.ok) return;
    setDone(true);
    onCorrected();
  }

  return (
    <div className="correction" role="group" aria-labelledby="correction-title">
      <h4 id="correction-title">{t('why.correctTitle')}</h4>
      <fieldset className="scope-choice">
        <legend>{t('why.scopeLabel')}</legend>
        <label>
          <input
            type="radio"
            name={`scope-${message.id}`}
            checked={scope === 'address'}
            onChange={() => setScope('address')}
          />
          {t('why.scopeAddress', { address })}
        </label>
        <label>
          <input
            type="radio"
            name={`scope-${message.id}`}
            checked={scope === 'domain'}
            onChange={() => setScope('domain')}
          />
          {t('why.scopeDomain', { domain })}
        </label>
      </fieldset>
      <div className="correction-buttons">
        <button
          type="button"
          className="button"
          disabled={correct.busy}
          onClick={() => void decide('wanted')}
        >
          <CheckIcon />
          {t('why.want')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={correct.busy}
          onClick={() => void decide('unwanted')}
        >
          {t('why.dontWant')}
        </button>
        {correct.busy && <span className="muted">{t('why.saving')}</span>}
      </div>
      {correct.error && <ErrorNotice error={correct.error} />}
      {done && !correct.busy && !refreshing && message.verdict && (
        <p className="correction-done" role="status">
          <CheckIcon />
          {t('why.corrected', { verdict: t(`verdict.long.${message.verdict}`) })}
        </p>
      )}
    </div>
  );
}
