/**
 * "Faire cesser" from a message: the channels it allows (with the reason
 * when one is not), the GDPR letter to review and edit, one confirmation
 * screen listing every recipient and channel, then the case with its
 * countdown. Nothing is sent before "Confirm and send".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CaseInfo,
  ChannelOfferInfo,
  LetterPreview,
  ObjectionChannelName,
} from '../../../shared/api/objections.js';
import type { AppErrorData } from '../../../shared/result.js';
import type { MessageDetail } from '../../../shared/types.js';
import { useCall, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { countdownSentence } from './countdown.js';

type Stage = 'choose' | 'confirm' | 'done';

export function StopPanel({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="stop-button" onClick={() => setOpen(true)}>
        {t('objections.makeItStop')}
      </button>
    );
  return <StopForm message={message} />;
}

function StopForm({ message }: { message: MessageDetail }) {
  const { t, i18n } = useTranslation();
  const offers = useQuery('objections.channels', { messageId: message.id });
  const letterCall = useCall('objections.letter');
  const sendCall = useCall('objections.send');
  const [chosen, setChosen] = useState<Set<ObjectionChannelName>>(new Set());
  const [letterTo, setLetterTo] = useState<string | null>(null);
  const [language, setLanguage] = useState<'fr' | 'en'>(
    i18n.language.startsWith('fr') ? 'fr' : 'en',
  );
  const [letter, setLetter] = useState<LetterPreview | null>(null);
  const [acceptNoReply, setAcceptNoReply] = useState(false);
  const [stage, setStage] = useState<Stage>('choose');
  const [result, setResult] = useState<CaseInfo | null>(null);

  if (offers.error) return <ErrorNotice error={offers.error} />;
  if (!offers.data) return <section className="stop-panel" aria-busy="true" />;
  const letterOffer = offers.data.find((o) => o.channel === 'letter');
  const to = letterTo ?? letterOffer?.to ?? '';
  const toggle = (channel: ObjectionChannelName) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(channel)) next.delete(channel);
      else next.add(channel);
      return next;
    });
  const requests = offers.data
    .filter((o) => chosen.has(o.channel))
    .map((o) => ({ channel: o.channel, to: o.channel === 'letter' ? to : (o.to ?? '') }));
  const letterReady = !chosen.has('letter') || letter !== null;

  async function prepareLetter() {
    const answer = await letterCall.run({ messageId: message.id, language, to });
    if (answer.ok) setLetter(answer.value);
  }

  async function send() {
    const answer = await sendCall.run({
      messageId: message.id,
      requests: requests.map((r) =>
        r.channel === 'letter' && letter
          ? {
              ...r,
              language,
              acceptNoReply,
              letter: {
                subject: letter.subject,
                text: letter.text,
                referenceToken: letter.referenceToken,
              },
            }
          : r,
      ),
      confirmation: requests,
    });
    if (answer.ok) {
      setResult(answer.value);
      setStage('done');
    }
  }

  return (
    <section className="stop-panel" aria-labelledby="stop-title">
      <h3 id="stop-title">{t('objections.title')}</h3>
      {stage === 'choose' && (
        <>
          <ChannelChoice offers={offers.data} chosen={chosen} onToggle={toggle} />
          {chosen.has('letter') && (
            <LetterEditor
              to={to}
              language={language}
              letter={letter}
              acceptNoReply={acceptNoReply}
              onTo={(value) => {
                setLetterTo(value);
                setLetter(null);
              }}
              onLanguage={(value) => {
                setLanguage(value);
                setLetter(null);
              }}
              onPrepare={prepareLetter}
              onEdit={setLetter}
              onAcceptNoReply={setAcceptNoReply}
              busy={letterCall.busy}
            />
          )}
          {letterCall.error && <ErrorNotice error={letterCall.error} />}
          <button
            type="button"
            disabled={requests.length === 0 || !letterReady}
            onClick={() => setStage('confirm')}
          >
            {t('objections.review')}
          </button>
        </>
      )}
      {stage === 'confirm' && (
        <Confirmation
          requests={requests}
          busy={sendCall.busy}
          error={sendCall.error}
          onBack={() => setStage('choose')}
          onSend={send}
        />
      )}
      {stage === 'done' && result && <CaseSummary value={result} />}
    </section>
  );
}

/** A letter may go to a contact the user enters when detection found none. */
const selectable = (o: ChannelOfferInfo) =>
  o.available || (o.channel === 'letter' && o.reason === 'no-privacy-contact');

export function ChannelChoice(p: {
  offers: ChannelOfferInfo[];
  chosen: ReadonlySet<ObjectionChannelName>;
  onToggle(channel: ObjectionChannelName): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('objections.channels')}</legend>
      {p.offers.map((o) => (
        <label key={o.channel} className="stop-channel">
          <input
            type="checkbox"
            checked={p.chosen.has(o.channel)}
            disabled={!selectable(o)}
            onChange={() => p.onToggle(o.channel)}
          />
          {t(`objections.channel.${o.channel}`)}
          {o.reason && (
            <span className="muted">
              {' '}
              ({t(`objections.reason.${o.reason}`, { defaultValue: t('objections.reason.other') })})
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}

/** Every recipient and channel, as they will be sent: the one place consent is given. */
export function Confirmation(p: {
  /** `label` names the request when its channel alone would not (a reminder is a letter). */
  requests: Array<{ channel: ObjectionChannelName; to: string; label?: string }>;
  busy: boolean;
  error: AppErrorData | null;
  onBack(): void;
  onSend(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('objections.confirmTitle')}</p>
      <ul className="stop-confirmation">
        {p.requests.map((r) => (
          <li key={r.channel}>
            {r.label ?? t(`objections.channel.${r.channel}`)} → <span translate="no">{r.to}</span>
          </li>
        ))}
      </ul>
      {p.error && (
        <ErrorNotice error={p.error} context={{ conflict: t('objectionBatch.alreadySent') }} />
      )}
      <button type="button" onClick={p.onBack} disabled={p.busy}>
        {t('objections.back')}
      </button>{' '}
      <button type="button" onClick={p.onSend} disabled={p.busy}>
        {t('objections.confirmSend')}
      </button>
    </>
  );
}

interface LetterEditorProps {
  /** The prepare button's words, when not "Prepare the letter". */
  prepareLabel?: string;
  to: string;
  language: 'fr' | 'en';
  letter: LetterPreview | null;
  acceptNoReply: boolean;
  busy: boolean;
  onTo(value: string): void;
  onLanguage(value: 'fr' | 'en'): void;
  onPrepare(): void;
  onEdit(letter: LetterPreview): void;
  onAcceptNoReply(value: boolean): void;
}

export function LetterEditor(p: LetterEditorProps) {
  const { t } = useTranslation();
  return (
    <div className="stop-letter">
      <label>
        {t('objections.letterTo')}
        <input type="email" value={p.to} onChange={(e) => p.onTo(e.target.value)} />
      </label>
      <label>
        {t('objections.letterLanguage')}
        <select
          value={p.language}
          onChange={(e) => p.onLanguage(e.target.value === 'en' ? 'en' : 'fr')}
        >
          <option value="fr">{t('language.fr')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      </label>
      <button type="button" onClick={p.onPrepare} disabled={p.busy || !p.to}>
        {p.prepareLabel ?? t('objections.prepareLetter')}
      </button>
      {p.letter && (
        <>
          <label>
            {t('objections.letterSubject')}
            <input
              value={p.letter.subject}
              onChange={(e) => p.onEdit({ ...p.letter!, subject: e.target.value })}
            />
          </label>
          <label>
            {t('objections.letterText')}
            <textarea
              rows={16}
              value={p.letter.text}
              onChange={(e) => p.onEdit({ ...p.letter!, text: e.target.value })}
            />
          </label>
          {p.letter.noReply && (
            <label>
              <input
                type="checkbox"
                checked={p.acceptNoReply}
                onChange={(e) => p.onAcceptNoReply(e.target.checked)}
              />
              {t('objections.acceptNoReply')}
            </label>
          )}
          <p className="muted">{t('objections.disclaimer')}</p>
        </>
      )}
    </div>
  );
}

function CaseSummary({ value }: { value: CaseInfo }) {
  const { t } = useTranslation();
  // The moment the case was shown: the countdown counts from it.
  const [now] = useState(() => Date.now());
  const deadline = value.extendedDeadline ?? value.deadline;
  return (
    <div className="stop-case" role="status">
      <p>
        <strong>{t('objections.sent')}</strong> —{' '}
        {t('objections.caseFor', {
          advertiser: value.advertiserName ?? value.advertiserDomain,
          identity: value.identity,
          status: t(`objections.status.${value.status}`),
        })}
      </p>
      {deadline && <p className="stop-countdown">{countdownSentence(t, deadline, now)}</p>}
      <ul>
        {value.requests.map((r) => (
          <li key={r.id}>
            {t(`objections.channel.${r.channel}`)} → <span translate="no">{r.to}</span> —{' '}
            {t(`objections.state.${r.state}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
