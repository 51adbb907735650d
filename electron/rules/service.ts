/**
 * The rules as the core sees them: kept in order, evaluated over the store
 * (a dry run changes nothing), run as jobs of each account's queue after a
 * sync (so a run after a crash starts from what the server holds), with a
 * history per run and undo through the journal.
 */
import { findRouter } from '../detect/routers/index.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type { Journal } from '../journal/index.js';
import type { MailActions, SessionOptions } from '../mail-actions/index.js';
import { findTrash, RUN_BATCH } from '../mail-actions/index.js';
import type { Folder } from '../../shared/types.js';
import {
  ruleDraftSchema,
  type DryRunResult,
  type Rule,
  type RuleDraft,
  type RuleRunInfo,
  type RuleSuggestion,
  type RulesSettings,
} from '../../shared/api/rules.js';
import type { SettingsTable } from '../settings/settings.sql.js';
import { evaluateRules, toDryRun, type Evaluation } from './evaluate.js';
import type { MatchContext, RuleSpec } from './match.js';
import { rulesFilter } from './preselect.sql.js';
import { performRun } from './run.js';
import type { RuleRow, RulesStore } from './rules.sql.js';
import { createRuleScheduler, type RuleScheduler } from './schedule.js';
import { SUGGESTIONS } from './suggestions.js';

export interface ObjectionCaseStatus {
  advertiserDomain: string;
  status: string;
}

export interface RuleSelection {
  accountId?: string;
  ruleIds?: number[];
}

export interface RulesService {
  list(): Rule[];
  save(input: {
    id?: number;
    rule: RuleDraft;
    purgeConfirmation?: string;
    suggestion?: string;
  }): Rule;
  remove(id: number): boolean;
  reorder(ids: number[]): Rule[];
  suggestions(): RuleSuggestion[];
  dryRun(input: RuleSelection & { draft?: RuleDraft; limit: number }): DryRunResult;
  /** One run per account with rules to apply; each after a sync of that account. */
  run(input: RuleSelection): Promise<RuleRunInfo[]>;
  history(query: { accountId?: string; limit: number }): RuleRunInfo[];
  undoRun(id: number): Promise<RuleRunInfo>;
  getSettings(): RulesSettings;
  setSettings(settings: Pick<RulesSettings, 'historyDays'>): RulesSettings;
  /** The block rule of this advertiser or router (made when missing), run on existing mail. */
  block(input: BlockInput): Promise<{ rule: Rule; runs: RuleRunInfo[] }>;
  /** The timer of the rules with a schedule (the core starts it with live updates). */
  readonly scheduler: RuleScheduler;
}

export interface BlockInput {
  kind: 'advertiser' | 'router';
  value: string;
  accountId: string | null;
  name?: string;
}

export interface RulesServiceDeps {
  store: RulesStore;
  jobs: JobQueue;
  journal: Journal;
  mailActions: MailActions;
  /** The IMAP accounts' ids (local sources have no server to act on). */
  serverAccounts(): string[];
  folders(accountId: string): Folder[];
  /** Brings the store in line with the server and classifies what is new. */
  prepareAccount(accountId: string): Promise<void>;
  defaultMinConfidence: number;
  /** Where the history's retention is kept (the settings table, under its own key). */
  settings: SettingsTable;
  now?: () => Date;
  /** UIDs per server command (tests: small, to cut a run between batches). */
  batchSize?: number;
  sessionOptions?: SessionOptions;
  /**
   * Sends the unsubscribes of a run's "unsubscribe" actions (objections: proven platforms only,
   * once per advertiser and identity). Called after the run's job, outside the account's queue.
   */
  unsubscribe?(accountId: string, messageIds: number[]): Promise<unknown>;
  /** The objection cases' advertisers and statuses (the objection condition). */
  objectionCases?: () => ObjectionCaseStatus[];
  /** A scheduled run that failed (the log). */
  onScheduledFailure?: (err: unknown) => void;
}

const specOf = (d: RuleDraft) =>
  JSON.stringify({
    match: d.match,
    conditions: d.conditions,
    actions: d.actions,
    stop: d.stop,
    allowPurge: d.allowPurge,
    allowUnsubscribe: d.allowUnsubscribe,
    schedule: d.schedule,
  });

function toRule(row: RuleRow): Rule {
  const draft = ruleDraftSchema.parse({
    ...(JSON.parse(row.spec) as object),
    name: row.name,
    enabled: row.enabled === 1,
    accountId: row.accountId,
  });
  return {
    ...draft,
    id: row.id,
    position: row.position,
    suggestion: row.suggestion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A purge needs the rule's switch and its name typed as confirmation. */
function checkPurge(rule: RuleDraft, confirmation: string | undefined): void {
  if (!rule.actions.some((a) => a.type === 'purge')) return;
  if (!rule.allowPurge)
    throw new AppError(
      'INVALID_INPUT',
      'A permanent deletion needs the rule’s “allow permanent deletion” setting.',
    );
  if (confirmation !== rule.name)
    throw new AppError(
      'INVALID_INPUT',
      'To allow a permanent deletion, type the rule’s name exactly.',
    );
}

/** Sending on the user's behalf needs the rule's own switch, turned on knowingly. */
function checkUnsubscribe(rule: RuleDraft): void {
  if (rule.actions.some((a) => a.type === 'unsubscribe') && !rule.allowUnsubscribe)
    throw new AppError(
      'INVALID_INPUT',
      'An unsubscribe action needs the rule’s “send unsubscribes for me” setting.',
    );
}

const HISTORY_DAYS_KEY = 'rules.historyDays';
const DEFAULT_HISTORY_DAYS = 30;

export function createRulesService(d: RulesServiceDeps): RulesService {
  const now = d.now ?? (() => new Date());
  d.store.interruptRunning(now().toISOString());
  const historyDays = () =>
    (d.settings.value(HISTORY_DAYS_KEY) as number | undefined) ?? DEFAULT_HISTORY_DAYS;
  const settingsNow = (): RulesSettings => ({
    historyDays: historyDays(),
    defaultMinConfidence: d.defaultMinConfidence,
  });
  const dropOldRuns = () =>
    d.store.dropRunsBefore(new Date(now().getTime() - historyDays() * 86_400_000).toISOString());

  const selected = (sel: RuleSelection): RuleSpec[] => {
    const rules = d.store.list().map(toRule);
    return sel.ruleIds
      ? rules.filter((r) => sel.ruleIds!.includes(r.id))
      : rules.filter((r) => r.enabled);
  };
  const accountsFor = (rules: readonly RuleSpec[], accountId?: string) => {
    const servers = d.serverAccounts();
    const wanted = accountId ? servers.filter((a) => a === accountId) : servers;
    return wanted.filter((a) => rules.some((r) => r.accountId === null || r.accountId === a));
  };

  const evaluate = (rules: RuleSpec[], accountIds: string[], hitLimit: number): Evaluation => {
    const facts = d.store.relationshipFacts();
    const ctx: MatchContext = {
      wroteTo: new Set(facts.addresses),
      wroteToDomains: new Set(facts.domains),
      wanted: new Set(facts.wanted),
      defaultMinConfidence: d.defaultMinConfidence,
      blockedRouters: blockedRouters(d.store.list()),
      objections: objectionsByAdvertiser(d.objectionCases?.() ?? []),
      now: now().getTime(),
    };
    const rows = d.store.candidates({
      accountIds,
      filter: rulesFilter(rules, ctx),
      withHeaders: rules.some((r) => r.conditions.some((c) => c.field === 'list')),
      withSubjects: hitLimit > 0,
    });
    const trash = new Map(accountIds.map((a) => [a, findTrash(d.folders(a))]));
    return evaluateRules(rules, rows, ctx, { trashOf: (a) => trash.get(a) ?? null, hitLimit });
  };

  const runInfo = (id: number): RuleRunInfo => {
    const run = d.store.run(id);
    if (!run) throw new AppError('NOT_FOUND', 'This rule run is not in the history.');
    const actions = d.store.runActions(id);
    const counts = new Map<string, RuleRunInfo['counts'][number]>();
    for (const a of actions) {
      const key = `${a.ruleId}\u0000${a.folder}`;
      const c = counts.get(key);
      if (c) c.count += a.count;
      else
        counts.set(key, {
          ruleId: a.ruleId,
          accountId: run.accountId,
          folder: a.folder,
          count: a.count,
        });
    }
    const states = actions.map((a) => d.journal.get(a.journalId)?.state);
    return {
      ...run,
      counts: [...counts.values()],
      journalIds: actions.map((a) => a.journalId),
      undone: states.includes('undone') && !states.includes('done'),
    };
  };

  const service: RulesService = {
    list: () => d.store.list().map(toRule),
    save({ id, rule, purgeConfirmation, suggestion }) {
      checkPurge(rule, purgeConfirmation);
      checkUnsubscribe(rule);
      const at = now().toISOString();
      const row = {
        name: rule.name,
        enabled: rule.enabled ? 1 : 0,
        accountId: rule.accountId,
        spec: specOf(rule),
        updatedAt: at,
      };
      if (id === undefined)
        return toRule(
          d.store.get(d.store.insert({ ...row, suggestion: suggestion ?? null, createdAt: at }))!,
        );
      if (!d.store.update(id, row)) throw new AppError('NOT_FOUND', 'This rule does not exist.');
      return toRule(d.store.get(id)!);
    },
    remove: (id) => d.store.remove(id),
    reorder(ids) {
      const known = d.store.list().map((r) => r.id);
      if (ids.length !== known.length || !known.every((id) => ids.includes(id)))
        throw new AppError('INVALID_INPUT', 'The new order must name every rule once.');
      d.store.reorder(ids);
      return d.store.list().map(toRule);
    },
    suggestions: () => SUGGESTIONS.map((s) => structuredClone(s)),
    dryRun(input) {
      const rules = input.draft ? [{ ...input.draft, id: 0 }] : selected(input);
      return toDryRun(evaluate(rules, accountsFor(rules, input.accountId), input.limit));
    },
    async run(input) {
      const rules = selected(input);
      const out: RuleRunInfo[] = [];
      for (const accountId of accountsFor(rules, input.accountId)) {
        const session = d.mailActions.session(accountId, d.sessionOptions);
        // Login and SELECT touch no message: they overlap the sync and the evaluation.
        session.warmUp(likelySource(rules, accountId));
        const toUnsubscribe: number[] = [];
        let runId: number;
        try {
          await d.prepareAccount(accountId);
          runId = await d.jobs.run(accountId, 'rules', async (ctx) => {
            try {
              const { steps } = evaluate(rules, [accountId], 0);
              const unsubscribes = steps.filter((s) => s.action.type === 'unsubscribe');
              toUnsubscribe.push(...unsubscribes.flatMap((s) => s.messageIds));
              const deps = { store: d.store, session, now, batchSize: d.batchSize ?? RUN_BATCH };
              const actions = steps.filter((s) => !unsubscribes.includes(s));
              return await performRun(deps, accountId, actions, ctx);
            } finally {
              await session.close();
            }
          }).done;
        } finally {
          // Already closed when the job ran; a failed sync or a job that never ran closes here.
          await session.close();
        }
        out.push(runInfo(runId));
        // Objections run their own job on the account's queue: after the rules job, not in it.
        if (toUnsubscribe.length && d.unsubscribe)
          await d.unsubscribe(accountId, [...new Set(toUnsubscribe)]);
      }
      dropOldRuns();
      return out;
    },
    history({ accountId, limit }) {
      dropOldRuns();
      // A run that found nothing to do (most runs on new mail) is not history.
      return d.store
        .runs({ accountId, limit })
        .map((r) => runInfo(r.id))
        .filter((r) => r.journalIds.length > 0 || r.state !== 'done');
    },
    getSettings: settingsNow,
    setSettings({ historyDays: days }) {
      d.settings.save([[HISTORY_DAYS_KEY, days]]);
      dropOldRuns();
      return settingsNow();
    },
    async undoRun(id) {
      const info = runInfo(id);
      const undoable = [...info.journalIds]
        .reverse()
        .filter((j) => d.journal.get(j)?.state === 'done');
      if (undoable.length === 0)
        throw new AppError('NOT_UNDOABLE', 'Nothing of this run is left to undo.', {
          entryId: info.journalIds[0] ?? 0,
        });
      await d.jobs.run(info.accountId, 'rules.undo', async () => {
        for (const entryId of undoable) await d.mailActions.undo(entryId, d.sessionOptions);
      }).done;
      return runInfo(id);
    },
    async block(input) {
      // A router is blocked by its table id: a rule naming anything else would match nothing.
      if (input.kind === 'router' && !findRouter(input.value))
        throw new AppError('INVALID_INPUT', `No known router has the id "${input.value}".`);
      const key = `block:${input.kind}:${input.value}`;
      const existing = d.store
        .list()
        .find((r) => r.suggestion === key && r.accountId === input.accountId);
      const draft = blockDraft(input);
      const rule = service.save(
        existing ? { id: existing.id, rule: draft } : { rule: draft, suggestion: key },
      );
      return {
        rule,
        runs: await service.run({ ruleIds: [rule.id], accountId: input.accountId ?? undefined }),
      };
    },
    scheduler: createRuleScheduler({
      rules: () => service.list(),
      run: (ruleIds) => service.run({ ruleIds }),
      settings: d.settings,
      now,
      onFailure: (err) => d.onScheduledFailure?.(err),
    }),
  };
  return service;
}

/**
 * The folder a run most likely acts in, to select while the sync runs: the one folder the
 * account's rules name, else the INBOX. A wrong guess costs one SELECT, nothing else.
 */
function likelySource(rules: readonly RuleSpec[], accountId: string): string {
  const named = new Set(
    rules
      .filter((r) => r.accountId === null || r.accountId === accountId)
      .flatMap((r) => r.conditions.flatMap((c) => (c.field === 'folder' ? c.paths : []))),
  );
  return named.size === 1 ? [...named][0]! : 'INBOX';
}

/** The advertisers of the cases the user has not closed, with their statuses. */
function objectionsByAdvertiser(cases: readonly ObjectionCaseStatus[]) {
  const out = new Map<string, Set<string>>();
  for (const c of cases) {
    if (c.status === 'closed') continue;
    const domain = c.advertiserDomain.toLowerCase();
    out.set(domain, (out.get(domain) ?? new Set()).add(c.status));
  }
  return out;
}

const ROUTER_BLOCK = 'block:router:';
/** The routers of the user's enabled router blocks (the rules `block` made). */
function blockedRouters(rows: readonly RuleRow[]): Set<string> {
  return new Set(
    rows
      .filter((r) => r.enabled === 1 && r.suggestion?.startsWith(ROUTER_BLOCK))
      .map((r) => r.suggestion!.slice(ROUTER_BLOCK.length)),
  );
}

/** A block: the advertiser's or router's mail to the Trash, and no other rule after it. */
function blockDraft(input: BlockInput): RuleDraft {
  const condition =
    input.kind === 'advertiser'
      ? { field: 'advertiser' as const, domains: [input.value] }
      : { field: 'router' as const, routers: [input.value] };
  return {
    name: input.name ?? `Blocked ${input.kind}: ${input.value}`,
    enabled: true,
    accountId: input.accountId,
    match: 'all',
    conditions: [condition],
    actions: [{ type: 'trash' }],
    stop: true,
    allowPurge: false,
  };
}
