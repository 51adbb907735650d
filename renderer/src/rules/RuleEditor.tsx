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
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { DraftFields, PurgeConfirmation } from './DraftFields.js';
import { purges, unsubscribes, validDraft } from './draft.js';
import { UnsubscribeConsent } from './UnsubscribeConsent.js';

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
  const save = useCall('rules.save');
  const [draft, setDraft] = useState<RuleDraft>(p.initial);
  const preview = useLivePreview(draft);
  const [confirmation, setConfirmation] = useState('');
  const purge = purges(draft);
  const unsubscribe = unsubscribes(draft);
  // Sending on the user's behalf is saved only with their consent ticked, knowingly.
  const confirmed =
    (!purge || (draft.allowPurge && confirmation === draft.name)) &&
    (!unsubscribe || draft.allowUnsubscribe === true);
  const valid = validDraft(draft);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit() {
    if (!valid || !confirmed) return;
    const purgeConfirmation = purge ? confirmation : undefined;
    // A consent given for an action since removed is not kept.
    const rule = { ...valid, allowUnsubscribe: unsubscribe ? valid.allowUnsubscribe : undefined };
    const result = await save.run({ id: p.rule?.id, rule, purgeConfirmation });
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
      <DraftFields draft={draft} accounts={p.accounts} set={set} />
      {purge && (
        <PurgeConfirmation
          draft={draft}
          confirmation={confirmation}
          onAllow={(allowPurge) => set({ allowPurge })}
          onConfirmation={setConfirmation}
        />
      )}
      {unsubscribe && (
        <UnsubscribeConsent
          allowed={draft.allowUnsubscribe === true}
          onAllow={(allowUnsubscribe) => set({ allowUnsubscribe })}
        />
      )}
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
        <button
          type="submit"
          className="button button-primary"
          disabled={!valid || !confirmed || save.busy}
        >
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
