/**
 * How long the app keeps its own data: messages that left the server (unless a
 * complaint rests on them, with their kept sources and excerpts), the sources
 * the server can give again, the journal's ended actions, and the rules' run
 * history. The ledger of requests sent is proof and stays.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useQuery } from '../api/hooks.js';
import { Field } from '../components/Field.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function RetentionSettings() {
  const { t } = useTranslation();
  const settings = useQuery('settings.get', {});
  const rules = useQuery('rules.getSettings', {});
  const loadError = settings.error ?? rules.error;
  return (
    <section className="settings-section" aria-labelledby="settings-retention">
      <h2 id="settings-retention">{t('appSettings.retention.title')}</h2>
      <p className="muted">{t('appSettings.retention.intro')}</p>
      {loadError && <ErrorNotice error={loadError} />}
      {settings.data && rules.data && (
        <RetentionForm
          goneDays={settings.data.goneRetentionDays}
          sourceDays={settings.data.sourceRetentionDays}
          journalDays={settings.data.journalRetentionDays}
          historyDays={rules.data.historyDays}
        />
      )}
      <p className="muted">{t('appSettings.retention.kept')}</p>
    </section>
  );
}

interface RetentionDays {
  goneDays: number;
  sourceDays: number;
  journalDays: number;
  historyDays: number;
}

function RetentionForm(initial: RetentionDays) {
  const { t } = useTranslation();
  const api = useApi();
  const [gone, setGone] = useState(String(initial.goneDays));
  const [sources, setSources] = useState(String(initial.sourceDays));
  const [journal, setJournal] = useState(String(initial.journalDays));
  const [history, setHistory] = useState(String(initial.historyDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    // The core validates the numbers; its error names the field.
    const first = await api.call('settings.set', {
      goneRetentionDays: Number(gone),
      sourceRetentionDays: Number(sources),
      journalRetentionDays: Number(journal),
    });
    const second = first.ok
      ? await api.call('rules.setSettings', { historyDays: Number(history) })
      : first;
    setBusy(false);
    setError(second.ok ? null : second.error);
    setSaved(second.ok);
  }

  return (
    <form className="retention-form" onSubmit={(e) => void save(e)}>
      <DaysField name="gone" min={0} value={gone} onChange={setGone} />
      <DaysField name="sources" min={1} value={sources} onChange={setSources} />
      <DaysField name="journal" min={1} value={journal} onChange={setJournal} />
      <DaysField name="history" min={1} value={history} onChange={setHistory} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('appSettings.save')}
        </button>
        {saved && (
          <p role="status" className="muted">
            {t('appSettings.saved')}
          </p>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

/** A number of days to keep something, 1 (or 0) to 3650, with its label and hint. */
function DaysField(p: {
  name: 'gone' | 'sources' | 'journal' | 'history';
  min: number;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t(`appSettings.retention.${p.name}`)}
      hint={t(`appSettings.retention.${p.name}Hint`)}
    >
      <input
        type="number"
        min={p.min}
        max={3650}
        required
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Field>
  );
}
