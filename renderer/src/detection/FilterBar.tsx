import { useTranslation } from 'react-i18next';
import { FILTERS, type MessageFilter } from './verdict.js';

/** All / Unsolicited / one verdict: asks the core for that part of the folder. */
export function FilterBar({
  value,
  onChange,
}: {
  value: MessageFilter;
  onChange: (filter: MessageFilter) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar" role="group" aria-label={t('filter.label')}>
      {FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className={`filter-chip filter-${filter}`}
          aria-pressed={value === filter}
          onClick={() => onChange(filter)}
        >
          {t(`filter.${filter}`)}
        </button>
      ))}
    </div>
  );
}
