/** The editor's body: scope, all/any, the conditions and actions, stop and on/off; the purge guard. */
import { useTranslation } from 'react-i18next';
import type { RuleDraft } from '../../../shared/api/rules.js';
import type { Account } from '../../../shared/types.js';
import { useAccountName } from '../components/account-name.js';
import { Field } from '../components/Field.js';
import { ActionEditor, ConditionEditor } from './ConditionEditor.js';
import { newAction, newCondition } from './draft.js';

export function DraftFields(p: {
  draft: RuleDraft;
  accounts: Account[];
  set(patch: Partial<RuleDraft>): void;
}) {
  const { t } = useTranslation();
  const nameOf = useAccountName();
  const { draft, set } = p;
  return (
    <>
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
      <ScheduleField draft={draft} set={set} />
    </>
  );
}

const DEFAULT_EVERY_HOURS = 24;

/** Optional: the rule also runs every N hours (besides new mail and "run now"). */
function ScheduleField(p: { draft: RuleDraft; set(patch: Partial<RuleDraft>): void }) {
  const { t } = useTranslation();
  const { schedule } = p.draft;
  return (
    <div className="rule-schedule">
      <label className="check-line">
        <input
          type="checkbox"
          checked={schedule !== undefined}
          onChange={(e) =>
            p.set({ schedule: e.target.checked ? { everyHours: DEFAULT_EVERY_HOURS } : undefined })
          }
        />
        {t('rulesSchedule.onSchedule')}
      </label>
      {schedule && (
        <Field label={t('rulesSchedule.everyHours')}>
          <input
            type="number"
            min={1}
            max={744}
            step={1}
            value={schedule.everyHours}
            onChange={(e) =>
              p.set({ schedule: { everyHours: Math.trunc(Number(e.target.value)) } })
            }
          />
        </Field>
      )}
    </div>
  );
}

export function PurgeConfirmation(p: {
  draft: RuleDraft;
  confirmation: string;
  onAllow(allow: boolean): void;
  onConfirmation(text: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="purge-confirmation">
      <label className="check-line">
        <input
          type="checkbox"
          checked={p.draft.allowPurge}
          onChange={(e) => p.onAllow(e.target.checked)}
        />
        {t('rules.editor.allowPurge')}
      </label>
      <Field label={t('rules.editor.purgeConfirmation', { name: p.draft.name })}>
        <input
          type="text"
          value={p.confirmation}
          onChange={(e) => p.onConfirmation(e.target.value)}
        />
      </Field>
    </div>
  );
}
