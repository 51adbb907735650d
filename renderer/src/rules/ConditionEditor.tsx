/** One condition of the rule editor: its kind and the value for that kind. */
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api/hooks.js';
import type { RuleAction, RuleCondition } from '../../../shared/api/rules.js';
import { VERDICTS, type Verdict } from '../../../shared/types.js';
import {
  ACTION_TYPES,
  CONDITION_FIELDS,
  newAction,
  newCondition,
  splitList,
  type ActionType,
  type ConditionField,
} from './draft.js';

interface ConditionProps {
  value: RuleCondition;
  index: number;
  onChange(next: RuleCondition): void;
  onRemove(): void;
}

export function ConditionEditor({ value, index, onChange, onRemove }: ConditionProps) {
  const { t } = useTranslation();
  const n = index + 1;
  return (
    <li className="rule-line">
      <select
        aria-label={t('rules.editor.conditionKind', { n })}
        value={value.field}
        onChange={(e) => onChange(newCondition(e.target.value as ConditionField))}
      >
        {CONDITION_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`rules.field.${f}`)}
          </option>
        ))}
      </select>
      <ConditionValue
        value={value}
        index={index}
        label={t('rules.editor.conditionValue', { n })}
        onChange={onChange}
      />
      <button type="button" className="button button-quiet" onClick={onRemove}>
        {t('rules.editor.remove')}
        <span className="visually-hidden"> {t('rules.editor.conditionKind', { n })}</span>
      </button>
    </li>
  );
}

/** A comma-separated list bound to one array field of a condition. */
function ListInput(p: { label: string; items: string[]; onChange(items: string[]): void }) {
  return (
    <input
      type="text"
      aria-label={p.label}
      defaultValue={p.items.join(', ')}
      onChange={(e) => p.onChange(splitList(e.target.value))}
    />
  );
}

/**
 * A verdict condition's least score, in percent: empty, the rule follows detection's action
 * threshold (shown as the placeholder), which moves with the model it comes from.
 */
function MinConfidence(p: {
  label: string;
  value: number | undefined;
  onChange(next: number | undefined): void;
}) {
  const settings = useQuery('rules.getSettings', {});
  const fallback = settings.data ? Math.round(settings.data.defaultMinConfidence * 100) : undefined;
  return (
    <span className="rule-confidence">
      <span aria-hidden="true">≥</span>
      <input
        type="number"
        min={0}
        max={100}
        aria-label={p.label}
        placeholder={fallback === undefined ? '' : String(fallback)}
        value={p.value === undefined ? '' : Math.round(p.value * 100)}
        onChange={(e) => {
          const typed = e.target.value.trim();
          if (typed === '') return p.onChange(undefined);
          const percent = Math.min(100, Math.max(0, Number(typed)));
          if (Number.isFinite(percent)) p.onChange(percent / 100);
        }}
      />
      <span aria-hidden="true">%</span>
    </span>
  );
}

function ConditionValue(p: {
  value: RuleCondition;
  index: number;
  label: string;
  onChange(next: RuleCondition): void;
}) {
  const { t } = useTranslation();
  const c = p.value;
  switch (c.field) {
    case 'verdict':
      return (
        <>
          <select
            aria-label={p.label}
            value={c.verdicts[0]}
            onChange={(e) => p.onChange({ ...c, verdicts: [e.target.value as Verdict] })}
          >
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {t(`verdict.long.${v}`)}
              </option>
            ))}
          </select>
          <MinConfidence
            label={t('rules.editor.minConfidence', { n: p.index + 1 })}
            value={c.minConfidence}
            onChange={(minConfidence) => p.onChange({ ...c, minConfidence })}
          />
        </>
      );
    case 'blockedRouter':
      return null;
    case 'advertiser':
      return (
        <ListInput
          label={p.label}
          items={c.domains}
          onChange={(domains) => p.onChange({ ...c, domains })}
        />
      );
    case 'router':
      return (
        <ListInput
          label={p.label}
          items={c.routers}
          onChange={(routers) => p.onChange({ ...c, routers })}
        />
      );
    case 'sender':
      return (
        <ListInput
          label={p.label}
          items={c.senders}
          onChange={(senders) => p.onChange({ ...c, senders })}
        />
      );
    case 'identity':
      return (
        <ListInput
          label={p.label}
          items={c.addresses}
          onChange={(addresses) => p.onChange({ ...c, addresses })}
        />
      );
    case 'list':
      return (
        <ListInput
          label={p.label}
          items={c.listIds}
          onChange={(listIds) => p.onChange({ ...c, listIds })}
        />
      );
    case 'folder':
      return (
        <ListInput
          label={p.label}
          items={c.paths}
          onChange={(paths) => p.onChange({ ...c, paths })}
        />
      );
    case 'age':
      return (
        <input
          type="number"
          min={0}
          aria-label={p.label}
          value={c.olderThanDays}
          onChange={(e) =>
            p.onChange({ ...c, olderThanDays: Math.max(0, Math.trunc(Number(e.target.value))) })
          }
        />
      );
    case 'quadrant':
      return (
        <select
          aria-label={p.label}
          value={`${c.kind ?? ''}:${c.visibility ?? ''}:${c.leaked ? 'leaked' : ''}`}
          onChange={(e) => {
            const [kind, visibility, leaked] = e.target.value.split(':');
            p.onChange({
              field: 'quadrant',
              ...(kind ? { kind: kind as 'personal' | 'professional' } : {}),
              ...(visibility ? { visibility: visibility as 'private' | 'public' } : {}),
              ...(leaked ? { leaked: true } : {}),
            });
          }}
        >
          {Object.entries(QUADRANTS).map(([q, key]) => (
            <option key={q} value={q}>
              {t(`rules.quadrant.${key}`)}
            </option>
          ))}
        </select>
      );
    case 'objection':
      return (
        <select
          aria-label={p.label}
          value={c.status}
          onChange={(e) => p.onChange({ ...c, status: e.target.value as 'objected' | 'violated' })}
        >
          <option value="objected">{t('rules.objection.objected')}</option>
          <option value="violated">{t('rules.objection.violated')}</option>
        </select>
      );
    case 'relationship':
      return (
        <select
          aria-label={p.label}
          value={c.value}
          onChange={(e) => p.onChange({ ...c, value: e.target.value as 'none' | 'any' })}
        >
          <option value="none">{t('rules.relationship.none')}</option>
          <option value="any">{t('rules.relationship.any')}</option>
        </select>
      );
    case 'read':
    case 'flagged':
      return (
        <select
          aria-label={p.label}
          value={c.value ? 'yes' : 'no'}
          onChange={(e) => p.onChange({ ...c, value: e.target.value === 'yes' })}
        >
          <option value="yes">
            {c.field === 'read' ? t('rules.read.yes') : t('rules.flagged.yes')}
          </option>
          <option value="no">
            {c.field === 'read' ? t('rules.read.no') : t('rules.flagged.no')}
          </option>
        </select>
      );
  }
}

/** kind:visibility:leaked, as the select's values, with their labels' keys. */
const QUADRANTS = {
  'professional::': 'professional__',
  'personal::': 'personal__',
  ':private:': '_private_',
  ':public:': '_public_',
  ':private:leaked': '_private_leaked',
} as const;

interface ActionProps {
  value: RuleAction;
  index: number;
  onChange(next: RuleAction): void;
  onRemove(): void;
}

export function ActionEditor({ value, index, onChange, onRemove }: ActionProps) {
  const { t } = useTranslation();
  const n = index + 1;
  return (
    <li className="rule-line">
      <select
        aria-label={t('rules.editor.actionKind', { n })}
        value={value.type}
        onChange={(e) => onChange(newAction(e.target.value as ActionType))}
      >
        {ACTION_TYPES.map((a) => (
          <option key={a} value={a}>
            {t(`rules.action.${a}`)}
          </option>
        ))}
      </select>
      {(value.type === 'move' || value.type === 'copy') && (
        <input
          type="text"
          aria-label={t('rules.editor.folder', { n })}
          value={value.folder}
          onChange={(e) => onChange({ ...value, folder: e.target.value })}
        />
      )}
      <button type="button" className="button button-quiet" onClick={onRemove}>
        {t('rules.editor.remove')}
        <span className="visually-hidden"> {t('rules.editor.actionKind', { n })}</span>
      </button>
    </li>
  );
}
