/**
 * The rules screen: the user's rules in order (on/off, up/down, run now,
 * edit, delete) each with what it would touch now, the suggestions (all off,
 * one click to add and open in the editor), and the run history with undo.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule, RuleDraft, RuleRunInfo, RuleSuggestion } from '../../../shared/api/rules.js';
import type { Account } from '../../../shared/types.js';
import { useCall, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { emptyDraft, purges } from './draft.js';
import { RuleEditor } from './RuleEditor.js';
import { RunHistory } from './RunHistory.js';

const actedOn = (run: RuleRunInfo) => run.counts.reduce((n, c) => n + c.count, 0);

type Editing = { rule: Rule | null; initial: RuleDraft } | null;

const draftOf = (rule: Rule): RuleDraft => ({
  name: rule.name,
  enabled: rule.enabled,
  accountId: rule.accountId,
  match: rule.match,
  conditions: rule.conditions,
  actions: rule.actions,
  stop: rule.stop,
  allowPurge: rule.allowPurge,
  schedule: rule.schedule,
});

export function RulesScreen({ accounts }: { accounts: Account[] }) {
  const { t, i18n } = useTranslation();
  const rules = useQuery('rules.list', {});
  const suggestions = useQuery('rules.suggestions', {});
  const save = useCall('rules.save');
  const remove = useCall('rules.remove');
  const reorder = useCall('rules.reorder');
  const [editing, setEditing] = useState<Editing>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';

  async function addSuggestion(s: RuleSuggestion) {
    const result = await save.run({
      rule: { ...s.draft, name: s.names[language] },
      suggestion: s.key,
    });
    if (!result.ok) return;
    rules.reload();
    setEditing({ rule: result.value, initial: draftOf(result.value) });
  }

  async function toggle(rule: Rule) {
    // A purge rule is switched in the editor, where its name is typed again.
    if (purges(rule)) return setEditing({ rule, initial: draftOf(rule) });
    const result = await save.run({
      id: rule.id,
      rule: { ...draftOf(rule), enabled: !rule.enabled },
    });
    if (result.ok) rules.reload();
  }

  async function move(index: number, by: -1 | 1) {
    const ids = (rules.data ?? []).map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    const result = await reorder.run({ ids });
    if (result.ok) rules.reload();
  }

  async function removeRule(rule: Rule) {
    const result = await remove.run({ id: rule.id });
    if (result.ok) rules.reload();
  }

  const added = new Set((rules.data ?? []).map((r) => r.suggestion));
  const offered = (suggestions.data ?? []).filter((s) => !added.has(s.key));
  const list = rules.data ?? [];

  return (
    <div className="scroll-page rules-page">
      <header>
        <h1 className="pane-title">{t('rules.title')}</h1>
        <p className="muted">{t('rules.intro')}</p>
      </header>
      {[rules.error, suggestions.error, save.error, remove.error, reorder.error].map(
        (error, i) => error && <ErrorNotice key={i} error={error} />,
      )}
      {editing ? (
        <RuleEditor
          key={editing.rule?.id ?? 'new'}
          rule={editing.rule}
          initial={editing.initial}
          accounts={accounts}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ rule: null, initial: emptyDraft(t('rules.newName')) })}
        >
          {t('rules.new')}
        </button>
      )}
      <section aria-labelledby="rules-list-title">
        <h2 id="rules-list-title">{t('rules.listTitle')}</h2>
        {rules.data && list.length === 0 && <p className="empty-state">{t('rules.none')}</p>}
        <ol className="rule-list">
          {list.map((rule, i) => (
            <RuleRow
              // Saved again (edited, switched): the row and its count start afresh.
              key={`${rule.id}:${rule.updatedAt}`}
              rule={rule}
              first={i === 0}
              last={i === list.length - 1}
              onToggle={() => void toggle(rule)}
              onUp={() => void move(i, -1)}
              onDown={() => void move(i, 1)}
              onEdit={() => setEditing({ rule, initial: draftOf(rule) })}
              onRemove={() => void removeRule(rule)}
              onRan={() => setHistoryVersion((v) => v + 1)}
            />
          ))}
        </ol>
      </section>
      {offered.length > 0 && (
        <section aria-labelledby="rules-suggestions-title">
          <h2 id="rules-suggestions-title">{t('rules.suggestionsTitle')}</h2>
          <p className="muted">{t('rules.suggestionsIntro')}</p>
          <ul className="rule-suggestions">
            {offered.map((s) => (
              <li key={s.key} className="rule-suggestion">
                <span>{s.names[language]}</span>
                <button
                  type="button"
                  className="button"
                  disabled={save.busy}
                  onClick={() => void addSuggestion(s)}
                  aria-label={t('rules.addSuggestion', { name: s.names[language] })}
                >
                  {t('rules.add')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <RunHistory key={historyVersion} rules={list} />
    </div>
  );
}

function RuleRow(p: {
  rule: Rule;
  first: boolean;
  last: boolean;
  onToggle(): void;
  onUp(): void;
  onDown(): void;
  onEdit(): void;
  onRemove(): void;
  onRan(): void;
}) {
  const { t } = useTranslation();
  const { rule } = p;
  const preview = useQuery(
    'rules.dryRun',
    { ruleIds: [rule.id], limit: 0 },
    (e) => e.type === 'messages.changed',
  );
  const run = useCall('rules.run');
  const [ran, setRan] = useState<number | null>(null);

  async function runNow() {
    setRan(null);
    const result = await run.run({ ruleIds: [rule.id] });
    // A run that failed half-way is in the history too, with its undo.
    preview.reload();
    p.onRan();
    if (result.ok) setRan(result.value.reduce((n, r) => n + actedOn(r), 0));
  }

  const name = rule.name;
  return (
    <li className="rule-row" data-enabled={rule.enabled}>
      <label className="check-line">
        <input type="checkbox" checked={rule.enabled} onChange={p.onToggle} />
        <span className="rule-name">{name}</span>
      </label>
      <p className="rule-count muted">
        {preview.data
          ? t('rules.preview.count', { count: preview.data.total })
          : t('rules.preview.counting')}
      </p>
      <div className="rule-buttons">
        <button type="button" className="button" disabled={run.busy} onClick={() => void runNow()}>
          {run.busy ? t('rules.running') : t('rules.runNow')}
        </button>
        <button type="button" className="button button-quiet" onClick={p.onEdit}>
          {t('rules.edit')}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={p.first}
          onClick={p.onUp}
          aria-label={t('rules.up', { name })}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={p.last}
          onClick={p.onDown}
          aria-label={t('rules.down', { name })}
        >
          ↓
        </button>
        <button type="button" className="button button-quiet" onClick={p.onRemove}>
          {t('rules.remove')}
          <span className="visually-hidden"> {name}</span>
        </button>
      </div>
      {ran !== null && (
        <p className="rule-ran" role="status">
          {t('rules.ran', { count: ran })}
        </p>
      )}
      {preview.error && <ErrorNotice error={preview.error} />}
      {run.error && <ErrorNotice error={run.error} />}
    </li>
  );
}
