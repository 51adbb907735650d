/**
 * One row of the triage list: a group (expandable), one of its messages, or a
 * placeholder. Memoised: its props stay the same while the list scrolls.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TriageGroup, TriageGrouping } from '../../../shared/api/triage.js';
import { VerdictBadge } from '../detection/VerdictBadge.js';
import { signalText } from '../detection/verdict.js';
import { formatListDate } from '../format.js';
import type { TriageRow } from './triage-rows.js';

export interface RowProps {
  row: TriageRow;
  by: TriageGrouping;
  selected: boolean;
  active: boolean;
  onToggleSelect: (row: TriageRow) => void;
  onToggleExpand: (row: TriageRow) => void;
  onOpen: (messageId: number) => void;
}

export function useGroupLabel() {
  const { t } = useTranslation();
  return (by: TriageGrouping, group: TriageGroup): string => {
    if (group.key === null) return t(`triage.unknown.${by}`);
    if (by === 'verdict') return t(`verdict.long.${group.key}` as 'verdict.long.unknown');
    if (by === 'advertiser' && group.label && group.label !== group.key)
      return `${group.label} — ${group.key}`;
    return group.label ?? group.key;
  };
}

export const TriageRowView = memo(function TriageRowView({
  row,
  by,
  selected,
  onToggleSelect,
  onToggleExpand,
  onOpen,
}: RowProps) {
  const { t, i18n } = useTranslation();
  const labelOf = useGroupLabel();
  if (row.kind === 'loading' || row.kind === 'pending')
    return <p className="triage-loading muted">{t('common.loading')}</p>;
  if (row.kind === 'message') {
    const m = row.message;
    return (
      <div className="triage-message">
        <input
          type="checkbox"
          checked={selected}
          onChange={() => onToggleSelect(row)}
          aria-label={t('triage.selectMessage', { subject: m.subject || t('messages.noSubject') })}
          tabIndex={-1}
        />
        <button type="button" className="triage-open" tabIndex={-1} onClick={() => onOpen(m.id)}>
          <span className="triage-from" translate="no">
            {m.fromName || m.fromAddress || t('messages.unknownSender')}
          </span>
          <span className="triage-subject" translate="no">
            {m.subject || t('messages.noSubject')}
          </span>
        </button>
        <VerdictBadge verdict={m.verdict} />
        <time className="triage-date" dateTime={m.date ?? undefined}>
          {formatListDate(m.date, i18n.language)}
        </time>
      </div>
    );
  }
  const g = row.group;
  const label = labelOf(by, g);
  return (
    <div className="triage-group">
      <input
        type="checkbox"
        checked={selected}
        onChange={() => onToggleSelect(row)}
        aria-label={t('triage.selectGroup', { name: label })}
        tabIndex={-1}
      />
      <button
        type="button"
        className="triage-expand"
        aria-expanded={row.expanded}
        tabIndex={-1}
        onClick={() => onToggleExpand(row)}
      >
        <span className="triage-chevron" aria-hidden="true">
          {row.expanded ? '▾' : '▸'}
        </span>
        <span
          className="triage-label"
          translate={g.key === null || by === 'verdict' ? undefined : 'no'}
        >
          {label}
        </span>
        <span className="triage-count">{t('triage.count', { count: g.count })}</span>
      </button>
      <time className="triage-date" dateTime={g.lastDate ?? undefined}>
        {formatListDate(g.lastDate, i18n.language)}
      </time>
      <p className="triage-facts">
        {by !== 'router' && <span translate="no">{g.router ?? t('triage.noRouter')}</span>}
        {by !== 'identity' && g.identity && <span translate="no">{g.identity}</span>}
        {g.identityLeaked && <span className="badge badge-warn">{t('triage.leaked')}</span>}
        {g.customer && (
          <span
            className="badge badge-customer"
            title={t('triage.customerTitle', { advertiser: g.advertiser ?? label })}
          >
            {t('triage.customer')}
          </span>
        )}
        {g.legalFlags.length > 0 && (
          <span
            className="badge badge-legal"
            title={g.legalFlags.map((f) => signalText(f, i18n.language)).join('\n')}
          >
            {t('triage.legalFlags', { count: g.legalFlags.length })}
          </span>
        )}
      </p>
    </div>
  );
});
