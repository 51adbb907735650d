/**
 * The dashboard: unsolicited mail per week (a chart, and the same figures as
 * a table for screen readers), the advertisers and platforms that send the
 * most, and the addresses they reach. Numbers and dates in the UI's language.
 */
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TriageGroup, TriageGrouping, WeekCount } from '../../../shared/api/triage.js';
import { useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useGroupLabel } from '../triage/TriageRowView.js';

const TOP = 5;

export function Dashboard({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const changed = (e: { type: string }) => e.type === 'messages.changed';
  const weeks = useQuery('triage.perWeek', { accountId, weeks: 26 }, changed);
  const number = new Intl.NumberFormat(i18n.language);
  const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short' });
  const weekLabel = (iso: string) => day.format(new Date(`${iso}T12:00:00Z`));
  const data = withEmptyWeeks(weeks.data ?? []).map((w) => ({ ...w, label: weekLabel(w.week) }));

  return (
    <div className="scroll-page dashboard">
      <h1>{t('dashboard.title')}</h1>
      {weeks.error && <ErrorNotice error={weeks.error} />}
      <figure className="dashboard-card">
        <figcaption>
          <h2>{t('dashboard.perWeek')}</h2>
        </figcaption>
        {data.length === 0 ? (
          <p className="muted">{t('dashboard.none')}</p>
        ) : (
          <div className="dashboard-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={12} />
                <YAxis
                  allowDecimals={false}
                  fontSize={12}
                  tickFormatter={(v: number) => number.format(v)}
                />
                <Tooltip formatter={(v) => [number.format(Number(v)), t('dashboard.messages')]} />
                <Bar dataKey="count" fill="#2f6f8f" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <details>
          <summary>{t('dashboard.asTable')}</summary>
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.week')}</th>
                <th scope="col">{t('dashboard.messages')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((w) => (
                <tr key={w.week}>
                  <td>{w.label}</td>
                  <td>{number.format(w.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
      <div className="dashboard-tops">
        <TopList accountId={accountId} by="advertiser" title={t('dashboard.topAdvertisers')} />
        <TopList accountId={accountId} by="router" title={t('dashboard.topRouters')} />
        <TopList accountId={accountId} by="identity" title={t('dashboard.perIdentity')} />
      </div>
    </div>
  );
}

/** The weeks without unsolicited mail between the first and the last, at zero (a gap is news). */
function withEmptyWeeks(weeks: readonly WeekCount[]): WeekCount[] {
  const filled: WeekCount[] = [];
  for (const w of weeks) {
    const previous = filled.at(-1);
    if (previous) {
      const next = new Date(`${previous.week}T12:00:00Z`);
      for (next.setUTCDate(next.getUTCDate() + 7); next.toISOString().slice(0, 10) < w.week;) {
        filled.push({ week: next.toISOString().slice(0, 10), count: 0 });
        next.setUTCDate(next.getUTCDate() + 7);
      }
    }
    filled.push(w);
  }
  return filled;
}

function TopList({
  accountId,
  by,
  title,
}: {
  accountId: string;
  by: TriageGrouping;
  title: string;
}) {
  const { t, i18n } = useTranslation();
  const labelOf = useGroupLabel();
  const groups = useQuery(
    'triage.groupPage',
    { accountId, by, limit: TOP },
    (e) => e.type === 'messages.changed',
  );
  const number = new Intl.NumberFormat(i18n.language);
  const top: TriageGroup[] = groups.data?.items ?? [];
  return (
    <section className="dashboard-card" aria-label={title}>
      <h2>{title}</h2>
      {groups.error && <ErrorNotice error={groups.error} />}
      {groups.data && top.length === 0 && <p className="muted">{t('dashboard.none')}</p>}
      <ol className="dashboard-top">
        {top.map((g) => (
          <li key={String(g.key)}>
            <span translate={g.key === null ? undefined : 'no'}>{labelOf(by, g)}</span>
            <span className="dashboard-count">{number.format(g.count)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
