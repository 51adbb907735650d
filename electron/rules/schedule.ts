/**
 * Rules on a schedule: a timer in the core looks every minute for enabled
 * rules whose period has passed since their last scheduled run, and runs
 * them as account jobs. The last run of each rule is kept in the settings
 * table, so a restart neither reruns every rule at once nor forgets one.
 */
import type { Rule, RuleRunInfo } from '../../shared/api/rules.js';
import type { SettingsTable } from '../settings/settings.sql.js';

const LAST_RUNS_KEY = 'rules.scheduleLastRuns';
const HOUR_MS = 3_600_000;
/** How often the timer looks for due rules. */
export const SCHEDULE_TICK_MS = 60_000;

export interface RuleScheduler {
  /** Runs the rules due now (one run per account); answers the runs. */
  tick(): Promise<RuleRunInfo[]>;
  /** Starts the timer (idempotent). */
  start(): void;
  stop(): void;
}

export interface RuleSchedulerDeps {
  rules(): Rule[] | Promise<Rule[]>;
  run(ruleIds: number[]): Promise<RuleRunInfo[]>;
  settings: Pick<SettingsTable, 'value' | 'save'>;
  now: () => Date;
  onFailure(err: unknown): void;
  tickMs?: number;
}

/** Enabled rules with a schedule whose period has passed since their last scheduled run. */
export function dueRules(
  rules: readonly Rule[],
  lastRuns: Readonly<Record<string, string>>,
  now: Date,
): Rule[] {
  return rules.filter((r) => {
    if (!r.enabled || !r.schedule) return false;
    const last = lastRuns[String(r.id)];
    return !last || now.getTime() - Date.parse(last) >= r.schedule.everyHours * HOUR_MS;
  });
}

export function createRuleScheduler(d: RuleSchedulerDeps): RuleScheduler {
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<RuleRunInfo[]> | undefined;
  const lastRuns = () =>
    (d.settings.value(LAST_RUNS_KEY) as Record<string, string> | undefined) ?? {};

  const runDue = async (): Promise<RuleRunInfo[]> => {
    const at = d.now();
    const rules = await d.rules();
    const due = dueRules(rules, lastRuns(), at);
    if (due.length === 0) return [];
    // Marked before the run: a failing server is tried again next period, not every minute.
    const known = new Set(rules.map((r) => String(r.id)));
    const kept = Object.entries(lastRuns()).filter(([id]) => known.has(id));
    const marked = Object.fromEntries([
      ...kept,
      ...due.map((r) => [String(r.id), at.toISOString()]),
    ]);
    d.settings.save([[LAST_RUNS_KEY, marked]]);
    return d.run(due.map((r) => r.id));
  };

  const scheduler: RuleScheduler = {
    tick() {
      // One tick at a time: a long run is not started again under itself.
      ticking ??= runDue().finally(() => (ticking = undefined));
      return ticking;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        scheduler.tick().catch((err: unknown) => d.onFailure(err));
      }, d.tickMs ?? SCHEDULE_TICK_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return scheduler;
}
