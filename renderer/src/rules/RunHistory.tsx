/** The rule runs, newest first: when, which account, what each rule did, and undo. */
import { useState } from 'react';
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
      <HistoryDays />
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

/** How many days the history (and the undo it allows) is kept. */
function HistoryDays() {
  const { t } = useTranslation();
  const settings = useQuery('rules.getSettings', {});
  const save = useCall('rules.setSettings');
  const [typed, setTyped] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const shown = typed ?? String(settings.data?.historyDays ?? '');
  const days = Number(shown);
  const valid = Number.isInteger(days) && days >= 1 && days <= 3650;

  async function submit() {
    const result = await save.run({ historyDays: days });
    if (!result.ok) return;
    setTyped(null);
    setSaved(true);
    settings.reload();
  }

  return (
    <form
      className="history-days"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void submit();
      }}
    >
      <label>
        {t('rules.historyDays')}{' '}
        <input
          type="number"
          min={1}
          max={3650}
          value={shown}
          onChange={(e) => {
            setTyped(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <button type="submit" className="button" disabled={!valid || save.busy || typed === null}>
        {t('rules.historyDaysSave')}
      </button>
      {saved && <span role="status">{t('rules.historyDaysSaved')}</span>}
      {settings.error && <ErrorNotice error={settings.error} />}
      {save.error && <ErrorNotice error={save.error} />}
    </form>
  );
}
