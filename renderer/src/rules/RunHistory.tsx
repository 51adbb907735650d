/** The rule runs, newest first: when, which account, what each rule did, and undo. */
import { useTranslation } from 'react-i18next';
import type { Rule, RuleRunInfo } from '../../../shared/api/rules.js';
import { useCall, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatFullDate } from '../format.js';

export function RunHistory({ rules }: { rules: Rule[] }) {
  const { t } = useTranslation();
  const history = useQuery('rules.history', { limit: 20 });
  const undo = useCall('rules.undoRun');

  async function undoRun(run: RuleRunInfo) {
    const result = await undo.run({ id: run.id });
    if (result.ok) history.reload();
  }

  return (
    <section aria-labelledby="rules-history-title">
      <h2 id="rules-history-title">{t('rules.historyTitle')}</h2>
      {history.error && <ErrorNotice error={history.error} />}
      {undo.error && <ErrorNotice error={undo.error} />}
      {history.data?.length === 0 && <p className="empty-state">{t('rules.noRuns')}</p>}
      <ul className="rule-runs">
        {history.data?.map((run) => (
          <RunRow
            key={run.id}
            run={run}
            rules={rules}
            busy={undo.busy}
            onUndo={() => void undoRun(run)}
          />
        ))}
      </ul>
    </section>
  );
}

function RunRow(p: { run: RuleRunInfo; rules: Rule[]; busy: boolean; onUndo(): void }) {
  const { t, i18n } = useTranslation();
  const { run } = p;
  const total = run.counts.reduce((n, c) => n + c.count, 0);
  const ruleName = (id: number) => p.rules.find((r) => r.id === id)?.name ?? t('rules.removedRule');
  const when = formatFullDate(run.startedAt, i18n.language);
  return (
    <li className="rule-run" data-state={run.state} data-undone={run.undone}>
      <p>
        <strong>{when}</strong> — {t(`rules.runState.${run.state}`)} —{' '}
        {t('rules.runTotal', { count: total })}
        {run.undone && <span className="badge badge-muted">{t('rules.undone')}</span>}
      </p>
      <ul>
        {run.counts.map((c) => (
          <li key={`${c.ruleId}:${c.folder}`}>
            {t('rules.runCount', { rule: ruleName(c.ruleId), folder: c.folder, count: c.count })}
          </li>
        ))}
      </ul>
      {!run.undone && total > 0 && run.state !== 'running' && (
        <button
          type="button"
          className="button"
          disabled={p.busy}
          onClick={p.onUndo}
          aria-label={t('rules.undoRun', { when })}
        >
          {t('rules.undo')}
        </button>
      )}
    </li>
  );
}
