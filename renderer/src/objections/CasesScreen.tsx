/**
 * The objection cases: for each advertiser and identity, its status, the
 * requests sent (channel, date, outcome), the countdown to the deadline, the
 * replies and the violations; the two-month extension a company announced
 * is recorded here, and a case closed. What comes next is shown with its
 * date: the reminder of an overdue letter (written and confirmed here), then
 * the complaint (the Evidence screen, on this advertiser).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseInfo, CaseNextStep } from '../../../shared/api/objections.js';
import { useCall, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatDay } from '../format.js';
import { countdownSentence } from './countdown.js';
import { ReminderForm } from './ReminderForm.js';

export function CasesScreen(p: { onComplain(advertiserDomain: string): void }) {
  const { t } = useTranslation();
  const cases = useQuery('objections.cases', {}, (e) => e.type === 'messages.changed');
  const extend = useCall('objections.extend');
  const close = useCall('objections.close');
  const [now] = useState(() => Date.now());
  const [reminding, setReminding] = useState<number | null>(null);

  async function act(call: typeof extend | typeof close, caseId: number) {
    const result = await call.run({ caseId });
    if (result.ok) cases.reload();
  }

  return (
    <div className="scroll-page cases-page">
      <header>
        <h1 className="pane-title">{t('objections.casesTitle')}</h1>
        <p className="muted">{t('objections.casesIntro')}</p>
      </header>
      {cases.error && <ErrorNotice error={cases.error} />}
      {extend.error && <ErrorNotice error={extend.error} />}
      {close.error && <ErrorNotice error={close.error} />}
      {cases.data?.length === 0 && <p className="empty-state">{t('objections.noCases')}</p>}
      <ul className="case-list">
        {cases.data?.map((c) => (
          <CaseRow
            key={c.id}
            value={c}
            now={now}
            onExtend={() => void act(extend, c.id)}
            onClose={() => void act(close, c.id)}
            onRemind={() => setReminding(c.id)}
            onComplain={() => p.onComplain(c.advertiserDomain)}
          >
            {reminding === c.id && (
              <ReminderForm
                value={c}
                onCancel={() => setReminding(null)}
                onSent={() => {
                  setReminding(null);
                  cases.reload();
                }}
              />
            )}
          </CaseRow>
        ))}
      </ul>
    </div>
  );
}

interface CaseRowProps {
  value: CaseInfo;
  now: number;
  onExtend(): void;
  onClose(): void;
  onRemind(): void;
  onComplain(): void;
  /** The reminder being written for this case, when it is. */
  children?: ReactNode;
}

function CaseRow(p: CaseRowProps) {
  const { t, i18n } = useTranslation();
  const c = p.value;
  const deadline = c.extendedDeadline ?? c.deadline;
  const letterSent = c.requests.some((r) => r.channel === 'letter' && r.state === 'done');
  return (
    <li className="case-row" data-status={c.status}>
      <h2 translate="no">
        {c.advertiserName ?? c.advertiserDomain} — {c.identity}
      </h2>
      <p>
        <span className={`badge case-status-${c.status}`}>
          {t(`objections.status.${c.status}`)}
        </span>{' '}
        {deadline && (
          <span className="stop-countdown">{countdownSentence(t, deadline, p.now)}</span>
        )}
      </p>
      <ul>
        {c.requests.map((r) => (
          <li key={r.id}>
            {formatDay(r.sentAt, i18n.language)} ·{' '}
            {r.followUpOf !== null
              ? t('objections.next.reminderRequest')
              : t(`objections.channel.${r.channel}`)}{' '}
            → <span translate="no">{r.to}</span> — {t(`objections.state.${r.state}`)}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t('objections.replies', { count: c.replies.length })} ·{' '}
        {t('objections.violations', { count: c.violations.length })}
      </p>
      {c.nextStep && (
        <NextStep value={c.nextStep} now={p.now} onRemind={p.onRemind} onComplain={p.onComplain} />
      )}
      {p.children}
      {c.status !== 'closed' && (
        <p>
          {letterSent && !c.extendedDeadline && (
            <button type="button" onClick={p.onExtend}>
              {t('objections.recordExtension')}
            </button>
          )}{' '}
          <button type="button" onClick={p.onClose}>
            {t('objections.closeCase')}
          </button>
        </p>
      )}
    </li>
  );
}

/** "Reminder possible since 3 December" with its button, or from when it will be. */
function NextStep(p: { value: CaseNextStep; now: number; onRemind(): void; onComplain(): void }) {
  const { t, i18n } = useTranslation();
  const { step, from } = p.value;
  const due = new Date(from).getTime() <= p.now;
  const date = formatDay(from, i18n.language);
  return (
    <p className="case-next-step" data-step={step}>
      {t(`objections.next.${step}.${due ? 'since' : 'from'}`, { date })}{' '}
      {due && (
        <button type="button" onClick={step === 'reminder' ? p.onRemind : p.onComplain}>
          {t(`objections.next.${step}.action`)}
        </button>
      )}
    </p>
  );
}
