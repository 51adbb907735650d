/**
 * The dry run's phases, timed apart on a connection of the bench's own to the core's store: the
 * preselect (its SQL and the candidates' rows), then the matcher with the result's counts, each
 * the best of 5 in CPU ms. The context is built as the rules service builds it (the bench has no
 * objection cases).
 */
import path from 'node:path';
import { DATABASE_FILE } from '../electron/data-dir.js';
import { DEFAULT_MIN_CONFIDENCE } from '../electron/rules/confidence.js';
import { evaluateRules } from '../electron/rules/evaluate.js';
import type { MatchContext, RuleSpec } from '../electron/rules/match.js';
import { rulesFilter } from '../electron/rules/preselect.sql.js';
import { createRulesStore } from '../electron/rules/rules.sql.js';
import { openDatabase } from '../electron/store/db.js';
import { ruleDraftSchema } from '../shared/api/rules.js';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export function dryRunPhases(dataDir: string): string {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { role: 'main' });
  try {
    const store = createRulesStore(db);
    const rows = store.list().filter((r) => r.enabled === 1);
    const rules: RuleSpec[] = rows.map((r) => ({
      ...ruleDraftSchema.parse({ ...(JSON.parse(r.spec) as object), name: r.name }),
      accountId: r.accountId,
      id: r.id,
    }));
    const accountIds = [
      ...new Set(db.prepare(`SELECT id FROM accounts`).pluck().all() as string[]),
    ];
    const facts = store.relationshipFacts();
    let preselect = Infinity;
    let matcher = Infinity;
    let candidates = 0;
    for (let i = 0; i < 5; i++) {
      const ctx: MatchContext = {
        wroteTo: new Set(facts.addresses),
        wroteToDomains: new Set(facts.domains),
        wanted: new Set(facts.wanted),
        defaultMinConfidence: DEFAULT_MIN_CONFIDENCE,
        blockedRouters: new Set(),
        objections: new Map(),
        now: Date.now(),
      };
      let since = process.cpuUsage();
      const found = store.candidates({
        accountIds,
        filter: rulesFilter(rules, ctx),
        withHeaders: false,
        withSubjects: false,
      });
      preselect = Math.min(preselect, cpuMs(since));
      since = process.cpuUsage();
      evaluateRules(rules, found, ctx, { trashOf: () => null, hitLimit: 0 });
      matcher = Math.min(matcher, cpuMs(since));
      candidates = found.length;
    }
    return `preselect ${Math.round(preselect)} ms (${candidates} candidates), matcher and counts ${Math.round(matcher)} ms`;
  } finally {
    db.close();
  }
}
