/**
 * Rules: the user's conditions and actions on their mail, a dry run that
 * counts and lists what each rule would touch, runs journaled on the server,
 * their history and undo. The rule model is the zod schema below.
 */
import { z } from 'zod';
import { VERDICTS } from '../types.js';
import { call } from './define.js';
import { accountId } from './schemas.js';

const address = z.string().trim().toLowerCase().min(3).max(254);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'a domain such as exemple.fr');
const folderPath = z.string().min(1).max(500);
const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(500);

export const ruleConditionSchema = z.discriminatedUnion('field', [
  z
    .object({
      field: z.literal('verdict'),
      verdicts: nonEmpty(z.enum(VERDICTS)),
      /** The verdict's least score; the detection's action threshold when absent. */
      minConfidence: z.number().min(0).max(1).optional(),
    })
    .strict(),
  /** Router ids as detection names them (mailchimp, brevo...). */
  z.object({ field: z.literal('router'), routers: nonEmpty(z.string().min(1).max(64)) }).strict(),
  /** Any router the user blocked (their block rules): follows the blocks as they are made. */
  z.object({ field: z.literal('blockedRouter') }).strict(),
  /**
   * The advertiser's objection case (issue 12): objected — a case the user has not closed;
   * violated — marketing came after the case's deadline.
   */
  z.object({ field: z.literal('objection'), status: z.enum(['objected', 'violated']) }).strict(),
  /** Advertisers by registrable domain. */
  z.object({ field: z.literal('advertiser'), domains: nonEmpty(domain) }).strict(),
  /** Sender addresses or domains ("x@y.fr" or "y.fr"): the only way to reach relationship mail. */
  z.object({ field: z.literal('sender'), senders: nonEmpty(address) }).strict(),
  /** The user's addresses the mail was sent to. */
  z.object({ field: z.literal('identity'), addresses: nonEmpty(address) }).strict(),
  z
    .object({
      field: z.literal('quadrant'),
      kind: z.enum(['personal', 'professional']).optional(),
      visibility: z.enum(['private', 'public']).optional(),
      /** Only a private address that received unsolicited marketing. */
      leaked: z.boolean().optional(),
    })
    .strict(),
  z.object({ field: z.literal('relationship'), value: z.enum(['none', 'any']) }).strict(),
  /** List-Id values, as in the header's angle brackets (news.exemple.fr). */
  z.object({ field: z.literal('list'), listIds: nonEmpty(z.string().min(1).max(255)) }).strict(),
  z.object({ field: z.literal('age'), olderThanDays: z.number().int().min(0).max(36500) }).strict(),
  z.object({ field: z.literal('folder'), paths: nonEmpty(folderPath) }).strict(),
  z.object({ field: z.literal('read'), value: z.boolean() }).strict(),
  z.object({ field: z.literal('flagged'), value: z.boolean() }).strict(),
]);

export const ruleActionSchema = z.discriminatedUnion('type', [
  /** The folder is created when missing. */
  z.object({ type: z.literal('move'), folder: folderPath }).strict(),
  z.object({ type: z.literal('copy'), folder: folderPath }).strict(),
  z.object({ type: z.literal('markRead') }).strict(),
  z.object({ type: z.literal('flag') }).strict(),
  /** To the account's Trash. */
  z.object({ type: z.literal('trash') }).strict(),
  /** Permanent: only on a rule saved with allowPurge and its typed confirmation. */
  z.object({ type: z.literal('purge') }).strict(),
  /**
   * The one standing consent to send: one-click (DKIM-proven) or mailto unsubscribes for
   * matching mail of proven platforms, once per advertiser and identity. Only on a rule saved
   * with allowUnsubscribe.
   */
  z.object({ type: z.literal('unsubscribe') }).strict(),
]);

export const ruleScheduleSchema = z
  .object({
    everyHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31),
  })
  .strict();

export const ruleDraftSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(false),
    /** null: every account. */
    accountId: accountId.nullable().default(null),
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(ruleConditionSchema).min(1).max(30),
    actions: z.array(ruleActionSchema).min(1).max(10),
    /** The first matching rule with stop ends the evaluation for that message. */
    stop: z.boolean().default(false),
    /** Needed for a purge action. */
    allowPurge: z.boolean().default(false),
    /** Needed for an unsubscribe action: the user turns it on knowingly (absent: off). */
    allowUnsubscribe: z.boolean().optional(),
    /** Also run on a schedule, every N hours (absent: on new mail and on demand only). */
    schedule: ruleScheduleSchema.optional(),
  })
  .strict();

export type RuleCondition = z.output<typeof ruleConditionSchema>;
export type RuleAction = z.output<typeof ruleActionSchema>;
export type RuleDraft = z.output<typeof ruleDraftSchema>;

export interface Rule extends RuleDraft {
  id: number;
  /** 1 first. */
  position: number;
  /** A built-in suggestion this rule came from, or null. */
  suggestion: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One message a rule would touch. */
export interface RuleHit {
  ruleId: number;
  accountId: string;
  folder: string;
  uid: number;
  messageId: number;
  from: string | null;
  subject: string;
  date: string | null;
}

/** Counts of a dry run or a run, per rule, account and folder. */
export interface RuleCount {
  ruleId: number;
  accountId: string;
  folder: string;
  count: number;
}

export interface DryRunResult {
  total: number;
  counts: RuleCount[];
  /** The messages, up to `limit` (the counts are exact). */
  hits: RuleHit[];
}

export type RuleRunState = 'running' | 'done' | 'failed' | 'interrupted';

export interface RuleRunInfo {
  id: number;
  accountId: string;
  startedAt: string;
  finishedAt: string | null;
  state: RuleRunState;
  error: string | null;
  /** Messages acted on (each counted once per action), by rule and folder. */
  counts: RuleCount[];
  /** Journal entries of the run: undo goes through them. */
  journalIds: number[];
  undone: boolean;
}

export interface RulesSettings {
  historyDays: number;
  /** Detection's action threshold: the least score of a verdict condition that names none. */
  defaultMinConfidence: number;
}

export interface RuleSuggestion {
  key: string;
  names: { en: string; fr: string };
  draft: RuleDraft;
}

/** What the user types to allow a purge rule: the rule's own name. */
const purgeConfirmation = z.string().max(120).optional();
const ruleSelection = {
  accountId: accountId.optional(),
  /** Only these rules (enabled or not); every enabled rule when absent. */
  ruleIds: z.array(z.number().int().positive()).max(200).optional(),
};

export const rulesCalls = {
  /** Every rule, in order. */
  'rules.list': call<Rule[]>()(z.object({}).strict()),
  /** Creates (no id) or replaces a rule; a purge rule needs its name typed as confirmation. */
  'rules.save': call<Rule>()(
    z
      .object({
        id: z.number().int().positive().optional(),
        rule: ruleDraftSchema,
        purgeConfirmation,
        suggestion: z.string().max(64).optional(),
      })
      .strict(),
  ),
  'rules.remove': call<{ removed: boolean }>()(
    z.object({ id: z.number().int().positive() }).strict(),
  ),
  /** The whole order, first rule first. */
  'rules.reorder': call<Rule[]>()(
    z.object({ ids: z.array(z.number().int().positive()).max(1000) }).strict(),
  ),
  /** The built-in suggestions, all off until the user saves one. */
  'rules.suggestions': call<RuleSuggestion[]>()(z.object({}).strict()),
  /** What the rules (or a draft being edited) would touch, from the store; changes nothing. */
  'rules.dryRun': call<DryRunResult>()(
    z
      .object({
        ...ruleSelection,
        draft: ruleDraftSchema.optional(),
        limit: z.number().int().min(0).max(5000).default(200),
      })
      .strict(),
  ),
  /** Runs the rules on the server, one job per account; answers each account's run. */
  'rules.run': call<RuleRunInfo[]>()(z.object(ruleSelection).strict()),
  'rules.history': call<RuleRunInfo[]>()(
    z
      .object({
        accountId: accountId.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  /**
   * Blocks an advertiser (registrable domain) or a router (its id): an enabled rule sending its
   * mail to the Trash, run at once on the mail already there, then on new mail after detection.
   */
  'rules.block': call<{ rule: Rule; runs: RuleRunInfo[] }>()(
    z
      .object({
        kind: z.enum(['advertiser', 'router']),
        value: z.string().trim().toLowerCase().min(1).max(253),
        accountId: accountId.nullable().default(null),
        /** The rule's name in the user's language; an English one otherwise. */
        name: z.string().trim().min(1).max(120).optional(),
      })
      .strict(),
  ),
  /** How long the run history is kept (days; 30 unless the user set it). */
  'rules.getSettings': call<RulesSettings>()(z.object({}).strict()),
  'rules.setSettings': call<RulesSettings>()(
    z.object({ historyDays: z.number().int().min(1).max(3650) }).strict(),
  ),
  /** Undoes every action of a run still undoable, newest first; answers the run. */
  'rules.undoRun': call<RuleRunInfo>()(z.object({ id: z.number().int().positive() }).strict()),
} as const;
