/**
 * The rule editor: name, scope, all/any, conditions, actions, stop; the live
 * count of what the rule would touch, from a dry run asked for once the user
 * pauses typing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule, RuleDraft } from '../../../shared/api/rules.js';
import type { Account } from '../../../shared/types.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useCall } from '../api/hooks.js';
import { useAccountName } from '../components/account-name.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { ActionEditor, ConditionEditor } from './ConditionEditor.js';
import { newAction, newCondition, validDraft } from './draft.js';

/** Long enough to skip the keystrokes of one word. */
const PREVIEW_DELAY_MS = 350;

type Preview =
  | { state: 'invalid' }
  | { state: 'counting' }
  | { state: 'counted'; total: number }
  | { state: 'failed'; error: AppErrorData };

export function RuleEditor(p: {
  rule: Rule | null;
  initial: RuleDraft;
  accounts: Account[];
  onSaved(rule: Rule): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  const save = useCall('rules.save');
  const [draft, setDraft] = useState<RuleDraft>(p.initial);
  const preview = useLivePreview(draft);
  const valid = validDraft(draft);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit() {
    if (!valid) return;
    const result = await save.run({ id: p.rule?.id, rule: valid });
    if (result.ok) p.onSaved(result.value);
  }

  return (
    <form
      className="rule-editor form-card"
      aria-label={t('rules.editor.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{p.rule ? t('rules.editor.editTitle') : t('rules.editor.title')}</h2>
      <Field label={t('rules.editor.name')}>
        <input type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label={t('rules.editor.scope')}>
        <select
          value={draft.accountId ?? ''}
          onChange={(e) => set({ accountId: e.target.value || null })}
        >
          <option value="">{t('rules.editor.allAccounts')}</option>
          {p.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {nameOf(a)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('rules.editor.match')}>
        <select
          value={draft.match}
          onChange={(e) => set({ match: e.target.value as 'all' | 'any' })}
        >
          <option value="all">{t('rules.editor.matchAll')}</option>
          <option value="any">{t('rules.editor.matchAny')}</option>
        </select>
      </Field>
      <h3>{t('rules.editor.conditions')}</h3>
      <ul className="rule-lines">
        {draft.conditions.map((c, i) => (
          <ConditionEditor
            // The field kind in the key: a new kind gets fresh inputs.
            key={`${i}:${c.field}`}
            value={c}
            index={i}
            onChange={(next) =>
              set({ conditions: draft.conditions.map((x, j) => (j === i ? next : x)) })
            }
            onRemove={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}
          />
        ))}
      </ul>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => set({ conditions: [...draft.conditions, newCondition('advertiser')] })}
      >
        {t('rules.editor.addCondition')}
      </button>
      <h3>{t('rules.editor.actions')}</h3>
      <ul className="rule-lines">
        {draft.actions.map((a, i) => (
          <ActionEditor
            key={`${i}:${a.type}`}
            value={a}
            index={i}
            onChange={(next) => set({ actions: draft.actions.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
          />
        ))}
      </ul>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => set({ actions: [...draft.actions, newAction('markRead')] })}
      >
        {t('rules.editor.addAction')}
      </button>
      <label className="check-line">
        <input
          type="checkbox"
          checked={draft.stop}
          onChange={(e) => set({ stop: e.target.checked })}
        />
        {t('rules.editor.stop')}
      </label>
      <label className="check-line">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        {t('rules.editor.enabled')}
      </label>
      <p className="rule-preview" role="status">
        {preview.state === 'invalid' && t('rules.editor.incomplete')}
        {preview.state === 'counting' && t('rules.preview.counting')}
        {preview.state === 'counted' && t('rules.preview.count', { count: preview.total })}
      </p>
      {preview.state === 'failed' && <ErrorNotice error={preview.error} />}
      {save.error && <ErrorNotice error={save.error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={p.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={!valid || save.busy}>
          {t('rules.editor.save')}
        </button>
      </div>
    </form>
  );
}

/** The dry-run count of the draft, asked for after a pause; an answer to an older draft is dropped. */
function useLivePreview(draft: RuleDraft): Preview {
  const api = useApi();
  const valid = validDraft(draft);
  const key = valid ? JSON.stringify(valid) : null;
  const [answer, setAnswer] = useState<{ key: string; preview: Preview } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      const input = { draft: JSON.parse(key) as RuleDraft, limit: 0 };
      void api.call('rules.dryRun', input).then((result) => {
        if (!current) return;
        setAnswer({
          key,
          preview: result.ok
            ? { state: 'counted', total: result.value.total }
            : { state: 'failed', error: result.error },
        });
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  if (key === null) return { state: 'invalid' };
  return answer?.key === key ? answer.preview : { state: 'counting' };
}
