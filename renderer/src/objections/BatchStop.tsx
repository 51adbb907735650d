/**
 * "Faire cesser" for many advertisers at once: from triage groups or a
 * sender. Each advertiser and identity gets its proposed channels (as for a
 * single message; no unsubscribe for spam) and its letter in the default
 * text, editable one by one; then ONE confirmation lists every recipient and
 * channel of the batch; sending goes advertiser by advertiser through
 * `objections.send`, with progress and each one's outcome.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BatchTarget,
  BatchTargetsInput,
  CaseInfo,
  LetterPreview,
  ObjectionChannelName,
} from '../../../shared/api/objections.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import {
  defaultPlan,
  plannedRequests,
  sendInput,
  type PlannedRequest,
  spamReason,
  targetLabel,
  type TargetPlan,
} from './batch-plan.js';
import { ChannelChoice, LetterEditor } from './StopPanel.js';

type Stage = 'choose' | 'confirm' | 'sending' | 'done';
type Outcome =
  | { target: BatchTarget; ok: true; value: CaseInfo; requests: PlannedRequest[] }
  | { target: BatchTarget; ok: false; error: AppErrorData };

export function BatchStop({ source, onClose }: { source: BatchTargetsInput; onClose(): void }) {
  const { t } = useTranslation();
  const answer = useQuery('objections.batchTargets', source);
  const targets = { data: answer.data?.targets, error: answer.error };
  return (
    <section className="stop-panel batch-stop" aria-labelledby="batch-stop-title">
      <h2 id="batch-stop-title">
        {t('objectionBatch.title', { count: targets.data?.length ?? 0 })}
      </h2>
      {targets.error && <ErrorNotice error={targets.error} />}
      {!targets.data && !targets.error && <p aria-busy="true">{t('objectionBatch.loading')}</p>}
      {targets.data?.length === 0 && <p className="empty-state">{t('objectionBatch.none')}</p>}
      {answer.data?.truncated && (
        <p className="notice notice-info">
          {t('objectionBatch.truncated', { count: answer.data.targets.length })}
        </p>
      )}
      {targets.data && targets.data.length > 0 && (
        <BatchForm targets={targets.data} onClose={onClose} />
      )}
      {(!targets.data || targets.data.length === 0) && (
        <button type="button" onClick={onClose}>
          {t('objectionBatch.close')}
        </button>
      )}
    </section>
  );
}

function BatchForm({ targets, onClose }: { targets: BatchTarget[]; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const [plans, setPlans] = useState<ReadonlyMap<number, TargetPlan>>(
    () => new Map(targets.map((x) => [x.messageId, defaultPlan(x, language)])),
  );
  const [stage, setStage] = useState<Stage>('choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const plan = (x: BatchTarget) => plans.get(x.messageId)!;
  const update = (x: BatchTarget, patch: Partial<TargetPlan>) =>
    setPlans((all) => new Map(all).set(x.messageId, { ...all.get(x.messageId)!, ...patch }));
  const batch = targets.filter((x) => plannedRequests(x, plan(x)).length > 0);
  const ready =
    batch.length > 0 &&
    batch.every((x) => plannedRequests(x, plan(x)).every((r) => r.to.trim() !== ''));

  async function writeLetter(x: BatchTarget, p: TargetPlan): Promise<LetterPreview | null> {
    const to = p.letterTo.trim();
    const answer = await api.call('objections.letter', {
      messageId: x.messageId,
      language: p.language,
      ...(to ? { to } : {}),
    });
    if (!answer.ok) setError(answer.error);
    return answer.ok ? answer.value : null;
  }

  /** Letters not written yet get the default text in the chosen language, then the review. */
  async function review() {
    setBusy(true);
    setError(null);
    const written = new Map(plans);
    for (const x of batch) {
      const p = plan(x);
      if (!p.chosen.has('letter') || p.letter) continue;
      const letter = await writeLetter(x, p);
      if (!letter) return setBusy(false);
      written.set(x.messageId, { ...p, letter });
    }
    setPlans(written);
    setBusy(false);
    setStage('confirm');
  }

  async function send() {
    setStage('sending');
    const done: Outcome[] = [];
    for (const x of batch) {
      const input = sendInput(x, plan(x));
      const answer = await api.call('objections.send', input);
      done.push(
        answer.ok
          ? { target: x, ok: true, value: answer.value, requests: input.confirmation }
          : { target: x, ok: false, error: answer.error },
      );
      setOutcomes([...done]);
    }
    setStage('done');
  }

  if (stage === 'sending' || stage === 'done')
    return (
      <BatchProgress outcomes={outcomes} total={batch.length} done={stage === 'done'}>
        {stage === 'done' && (
          <button type="button" onClick={onClose}>
            {t('objectionBatch.close')}
          </button>
        )}
      </BatchProgress>
    );
  if (stage === 'confirm')
    return (
      <>
        <p>{t('objections.confirmTitle')}</p>
        <ul className="batch-confirmation">
          {batch.map((x) => (
            <li key={x.messageId}>
              <strong translate="no">{targetLabel(x)}</strong>
              <ul className="stop-confirmation">
                {plannedRequests(x, plan(x)).map((r) => (
                  <li key={r.channel}>
                    {t(`objections.channel.${r.channel}`)} → <span translate="no">{r.to}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <div className="batch-buttons">
          <button type="button" onClick={() => setStage('choose')}>
            {t('objections.back')}
          </button>
          <button type="button" onClick={() => void send()}>
            {t('objectionBatch.confirmSend', { count: batch.length })}
          </button>
        </div>
      </>
    );
  return (
    <>
      <ol className="batch-targets">
        {targets.map((x) => (
          <BatchTargetForm
            key={x.messageId}
            target={x}
            plan={plan(x)}
            onChange={(patch) => update(x, patch)}
            onWrite={async () => {
              const letter = await writeLetter(x, plan(x));
              if (letter) update(x, { letter });
            }}
          />
        ))}
      </ol>
      {error && <ErrorNotice error={error} />}
      <div className="batch-buttons">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('objectionBatch.cancel')}
        </button>
        <button type="button" disabled={!ready || busy} onClick={() => void review()}>
          {t('objections.review')}
        </button>
      </div>
    </>
  );
}

function BatchTargetForm(p: {
  target: BatchTarget;
  plan: TargetPlan;
  onChange(patch: Partial<TargetPlan>): void;
  onWrite(): Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [writing, setWriting] = useState(false);
  const { target: x, plan } = p;
  const spam = spamReason(x.offers);
  const letterChosen = plan.chosen.has('letter');
  const toggle = (channel: ObjectionChannelName) => {
    const chosen = new Set(plan.chosen);
    if (chosen.has(channel)) chosen.delete(channel);
    else chosen.add(channel);
    p.onChange({ chosen });
  };
  const headingId = `batch-target-${x.messageId}`;
  return (
    <li className="batch-target" aria-labelledby={headingId}>
      <h3 id={headingId} translate="no">
        {targetLabel(x)}
      </h3>
      <p className="muted">{t('objectionBatch.through', { subject: x.subject })}</p>
      {spam && <p className="notice notice-info">{t('objectionBatch.spam')}</p>}
      <ChannelChoice offers={x.offers} chosen={plan.chosen} onToggle={toggle} />
      {plan.chosen.size === 0 && <p className="muted">{t('objectionBatch.nothingChosen')}</p>}
      {letterChosen && !editing && plan.letterTo !== '' && (
        <button type="button" onClick={() => setEditing(true)}>
          {t('objectionBatch.editLetter')}
        </button>
      )}
      {letterChosen && (editing || plan.letterTo === '') && (
        <LetterEditor
          to={plan.letterTo}
          language={plan.language}
          letter={plan.letter}
          acceptNoReply={plan.acceptNoReply}
          busy={writing}
          onTo={(letterTo) => p.onChange({ letterTo, letter: null })}
          onLanguage={(language) => p.onChange({ language, letter: null })}
          onPrepare={async () => {
            setWriting(true);
            await p.onWrite();
            setWriting(false);
          }}
          onEdit={(letter) => p.onChange({ letter })}
          onAcceptNoReply={(acceptNoReply) => p.onChange({ acceptNoReply })}
        />
      )}
    </li>
  );
}

function BatchProgress(p: {
  outcomes: Outcome[];
  total: number;
  done: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="batch-progress">
        {t(p.done ? 'objectionBatch.finished' : 'objectionBatch.progress', {
          done: p.outcomes.length,
          total: p.total,
        })}
      </p>
      <progress
        value={p.outcomes.length}
        max={p.total}
        aria-label={t('objectionBatch.progressLabel')}
      />
      <ul className="batch-results">
        {p.outcomes.map((o) => (
          <li key={o.target.messageId} className={o.ok ? 'batch-sent' : 'batch-refused'}>
            <strong translate="no">{targetLabel(o.target)}</strong> —{' '}
            {o.ok
              ? t('objectionBatch.sent', { status: t(`objections.status.${o.value.status}`) })
              : t('objectionBatch.refused')}
            {o.ok && <RequestStates value={o.value} planned={o.requests} />}
            {!o.ok && <Refusal error={o.error} />}
          </li>
        ))}
      </ul>
      {p.children}
    </>
  );
}

/** Each request of this batch on the case, with its outcome (sent, failed, unknown). */
function RequestStates({ value, planned }: { value: CaseInfo; planned: PlannedRequest[] }) {
  const { t } = useTranslation();
  // The case may hold earlier requests: the latest one to each planned recipient is this batch's.
  const latest = planned.flatMap((p) =>
    value.requests.filter((r) => r.channel === p.channel && r.to === p.to).slice(-1),
  );
  return (
    <ul className="stop-confirmation">
      {latest.map((r) => (
        <li key={r.id} data-state={r.state}>
          {t(`objections.channel.${r.channel}`)} → <span translate="no">{r.to}</span> —{' '}
          {t(`objections.state.${r.state}`)}
        </li>
      ))}
    </ul>
  );
}

/** Why a target was not sent; CONFLICT here means "sent already", not the generic sentence. */
function Refusal({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return <ErrorNotice error={error} context={{ conflict: t('objectionBatch.alreadySent') }} />;
}
