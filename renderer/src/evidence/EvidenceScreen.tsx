import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleCheck, ExportedEvidence } from '../../../shared/api/evidence.js';
import { useApi } from '../api/ApiContext.js';
import { useCall, useCoreEvents, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { AlertIcon, CheckIcon } from '../components/Icons.js';
import { SaveFileButton } from '../files/SaveFileButton.js';
import { formatDay } from '../format.js';

interface ExportProgress {
  /** The export's job, to cancel it; null until its first report. */
  jobId: string | null;
  done: number;
  total: number | null;
  /** The step: 'sources' (messages prepared), then 'files' (files written). */
  note?: string;
}

/**
 * Evidence for a complaint: choose a case (an advertiser with unsolicited
 * mail, those objected to first), export its bundle in French or English,
 * see the bundle checked (hashes and DKIM), then save or download its ZIP.
 */
export function EvidenceScreen(p: { advertiser?: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const cases = useQuery('evidence.cases', {}, (e) => e.type === 'messages.changed');
  const exportCall = useCall('evidence.export');
  const verifyCall = useCall('evidence.verify');
  // Opened from a case's "File a complaint": that advertiser is chosen already.
  const [chosen, setChosen] = useState<string | null>(p.advertiser ?? null);
  const [lang, setLang] = useState<'fr' | 'en'>('fr');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [exported, setExported] = useState<ExportedEvidence | null>(null);
  const [check, setCheck] = useState<BundleCheck | null>(null);
  const [cancelled, setCancelled] = useState(false);

  useCoreEvents((e) => {
    if (e.type === 'job.progress' && e.kind === 'evidence.export' && e.state === 'running')
      setProgress({ jobId: e.jobId, done: e.done, total: e.total, note: e.note });
  });

  async function exportCase(advertiser: string) {
    setExported(null);
    setCheck(null);
    setCancelled(false);
    setProgress({ jobId: null, done: 0, total: null });
    const result = await exportCall.run({ advertiser, lang });
    setProgress(null);
    if (result.ok) {
      setExported(result.value);
      setCheck(result.value.check);
    } else if (result.error.code === 'CANCELLED') {
      exportCall.clearError();
      setCancelled(true);
    }
  }

  function cancelExport(jobId: string) {
    void api.call('jobs.cancel', { jobId });
  }

  async function verifyAgain(bundle: string) {
    const result = await verifyCall.run({ bundle });
    if (result.ok) setCheck(result.value);
  }

  const list = cases.data;
  return (
    <div className="scroll-page evidence-page">
      <header>
        <h1 className="pane-title">{t('evidence.title')}</h1>
        <p className="muted">{t('evidence.intro')}</p>
      </header>
      {cases.error && <ErrorNotice error={cases.error} />}
      {list && list.length === 0 && <p className="empty-state">{t('evidence.none')}</p>}
      {list && list.length > 0 && (
        <table className="evidence-cases">
          <caption className="visually-hidden">{t('evidence.casesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evidence.advertiser')}</th>
              <th scope="col">{t('evidence.messages')}</th>
              <th scope="col">{t('evidence.objected')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.domain} aria-selected={chosen === c.domain}>
                <td>
                  <label>
                    <input
                      type="radio"
                      name="evidence-case"
                      checked={chosen === c.domain}
                      onChange={() => setChosen(c.domain)}
                    />{' '}
                    {c.name ?? c.domain}{' '}
                    <span className="muted" translate="no">
                      {c.domain}
                    </span>
                  </label>
                </td>
                <td>{t('evidence.messageCount', { count: c.messages })}</td>
                <td>
                  {c.objectedAt
                    ? formatDay(c.objectedAt, i18n.language)
                    : t('evidence.notObjected')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="evidence-actions">
        <label>
          {t('evidence.language')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'fr')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          disabled={!chosen || exportCall.busy}
          aria-busy={exportCall.busy}
          onClick={() => chosen && void exportCase(chosen)}
        >
          {exportCall.busy ? t('evidence.exporting') : t('evidence.export')}
        </button>
      </div>
      {progress && (
        <div className="evidence-progress">
          <p role="status" className="muted">
            {progress.total
              ? t(
                  progress.note === 'files' ? 'evidence.progressFiles' : 'evidence.progressSources',
                  {
                    done: progress.done,
                    total: progress.total,
                  },
                )
              : t('evidence.preparing')}
          </p>
          {progress.total ? (
            <progress max={progress.total} value={progress.done} aria-hidden="true" />
          ) : null}
          <button
            type="button"
            className="button"
            disabled={!progress.jobId}
            onClick={() => progress.jobId && cancelExport(progress.jobId)}
          >
            {t('evidence.cancel')}
          </button>
        </div>
      )}
      {cancelled && (
        <p role="status" className="muted">
          {t('evidence.cancelled')}
        </p>
      )}
      {exportCall.error && <ErrorNotice error={exportCall.error} />}
      {exported && (
        <section className="evidence-result" aria-label={t('evidence.resultLabel')}>
          <p>
            {t('evidence.made', {
              files: exported.files,
              messages: exported.messages,
              violations: exported.violations,
            })}
          </p>
          <p className="muted" translate="no">
            {exported.folder}
          </p>
          {check && <CheckResult check={check} />}
          <div className="evidence-actions">
            <button
              type="button"
              className="button"
              disabled={verifyCall.busy}
              onClick={() => void verifyAgain(exported.bundle)}
            >
              {t('evidence.verifyAgain')}
            </button>
            <SaveFileButton
              label={t('evidence.saveZip')}
              produce={() => api.call('evidence.saveZip', { bundle: exported.bundle })}
            />
          </div>
          {verifyCall.error && <ErrorNotice error={verifyCall.error} />}
        </section>
      )}
    </div>
  );
}

const DKIM_RESULTS = ['pass', 'fail', 'neutral', 'none', 'policy', 'temperror'] as const;
const AUTH_RESULTS = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
] as const;

function CheckResult({ check }: { check: BundleCheck }) {
  const { t, i18n } = useTranslation();
  const dkimWord = (result: string) =>
    (DKIM_RESULTS as readonly string[]).includes(result)
      ? t(`evidence.dkimResult.${result as (typeof DKIM_RESULTS)[number]}`)
      : result;
  const authWord = (result: string | null) =>
    result === null
      ? t('evidence.notCheckable')
      : (AUTH_RESULTS as readonly string[]).includes(result)
        ? t(`evidence.authResult.${result as (typeof AUTH_RESULTS)[number]}`)
        : result;
  return (
    <div className={`notice ${check.ok ? 'notice-success' : 'notice-error'}`} role="status">
      {check.ok ? <CheckIcon /> : <AlertIcon />}
      <div className="notice-body">
        <p>{check.ok ? t('evidence.intact', { count: check.intact }) : t('evidence.altered')}</p>
        <ul>
          {check.problems.map((p) => (
            <li key={p.path}>
              {t(`evidence.problem.${p.problem}`)} <span translate="no">{p.path}</span>
            </li>
          ))}
          {check.dkim.map((d) => (
            <li key={d.file}>
              <span translate="no">{d.file}</span> —{' '}
              {t('evidence.dkim', { kept: dkimWord(d.kept), now: dkimWord(d.now) })}
            </li>
          ))}
          {check.spfDmarc.map((d) => (
            <li key={`spf-${d.file}`}>
              <span translate="no">{d.file}</span> —{' '}
              {t('evidence.spfDmarc', {
                spf: authWord(d.spf),
                dmarc: authWord(d.dmarc),
                date: formatDay(d.checkedAt, i18n.language),
              })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
