/**
 * The follow-up of a letter whose month passed unanswered: the reminder the
 * core writes, shown for review and editing like the first letter, then the
 * same confirmation listing its recipient. Nothing is sent before "Confirm
 * and send"; the answer is the case as it now stands.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseInfo, LetterPreview } from '../../../shared/api/objections.js';
import { useCall } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Confirmation, LetterEditor } from './StopPanel.js';

export function ReminderForm(p: { value: CaseInfo; onSent(c: CaseInfo): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const draft = useCall('objections.reminder');
  const sendCall = useCall('objections.sendReminder');
  const first = p.value.requests.find((r) => r.channel === 'letter' && r.followUpOf === null);
  const [to, setTo] = useState(first?.to ?? '');
  const [language, setLanguage] = useState<'fr' | 'en'>(
    i18n.language.startsWith('fr') ? 'fr' : 'en',
  );
  const [letter, setLetter] = useState<LetterPreview | null>(null);
  const [acceptNoReply, setAcceptNoReply] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function prepare(lang: 'fr' | 'en') {
    const answer = await draft.run({ caseId: p.value.id, language: lang, to });
    if (answer.ok) setLetter(answer.value);
  }
  async function send() {
    if (!letter) return;
    const answer = await sendCall.run({
      caseId: p.value.id,
      to,
      language,
      acceptNoReply,
      letter: { subject: letter.subject, text: letter.text, referenceToken: letter.referenceToken },
      confirmation: [{ channel: 'letter', to }],
    });
    if (answer.ok) p.onSent(answer.value);
  }

  return (
    <section className="stop-panel reminder-form" aria-label={t('objections.next.reminderTitle')}>
      <h3>{t('objections.next.reminderTitle')}</h3>
      {!confirming ? (
        <>
          <LetterEditor
            to={to}
            language={language}
            letter={letter}
            acceptNoReply={acceptNoReply}
            busy={draft.busy}
            prepareLabel={t('objections.next.prepareReminder')}
            onTo={(value) => {
              // Written again for the new recipient (a no-reply address needs the user's say).
              setTo(value);
              setLetter(null);
            }}
            onLanguage={(value) => {
              setLanguage(value);
              setLetter(null);
            }}
            onPrepare={() => void prepare(language)}
            onEdit={setLetter}
            onAcceptNoReply={setAcceptNoReply}
          />
          {draft.error && (
            <ErrorNotice
              error={draft.error}
              context={{ conflict: t('objectionBatch.alreadySent') }}
            />
          )}
          <button type="button" onClick={p.onCancel}>
            {t('objections.next.cancel')}
          </button>{' '}
          <button
            type="button"
            disabled={!letter || !to || (letter.noReply && !acceptNoReply)}
            onClick={() => setConfirming(true)}
          >
            {t('objections.review')}
          </button>
        </>
      ) : (
        <Confirmation
          requests={[{ channel: 'letter', to, label: t('objections.next.reminderRequest') }]}
          busy={sendCall.busy}
          error={sendCall.error}
          onBack={() => setConfirming(false)}
          onSend={() => void send()}
        />
      )}
    </section>
  );
}
