/**
 * The editor's working copy of a rule: conditions and actions as the user
 * types them (lists as comma-separated text), turned into the API's draft
 * only when every field is valid.
 */
import { ruleDraftSchema, type RuleAction, type RuleDraft } from '../../../shared/api/rules.js';
import type { RuleCondition } from '../../../shared/api/rules.js';

export type ConditionField = RuleCondition['field'];
export type ActionType = RuleAction['type'];

export const CONDITION_FIELDS: readonly ConditionField[] = [
  'verdict',
  'advertiser',
  'router',
  'blockedRouter',
  'objection',
  'sender',
  'identity',
  'quadrant',
  'relationship',
  'list',
  'age',
  'folder',
  'read',
  'flagged',
];

/**
 * Unsubscribe and purge last: the one sends on the user's behalf and asks for their explicit
 * consent; the other cannot be undone and asks for a typed confirmation.
 */
export const ACTION_TYPES: readonly ActionType[] = [
  'trash',
  'move',
  'copy',
  'markRead',
  'flag',
  'unsubscribe',
  'purge',
];

export const purges = (draft: RuleDraft) => draft.actions.some((a) => a.type === 'purge');
export const unsubscribes = (draft: RuleDraft) =>
  draft.actions.some((a) => a.type === 'unsubscribe');

/** A fresh condition of a kind, with a value the user then changes. */
export function newCondition(field: ConditionField): RuleCondition {
  switch (field) {
    case 'verdict':
      return { field, verdicts: ['newsletter'] };
    case 'advertiser':
      return { field, domains: [] };
    case 'router':
      return { field, routers: [] };
    case 'sender':
      return { field, senders: [] };
    case 'blockedRouter':
      return { field };
    case 'objection':
      return { field, status: 'objected' };
    case 'identity':
      return { field, addresses: [] };
    case 'list':
      return { field, listIds: [] };
    case 'folder':
      return { field, paths: [] };
    case 'quadrant':
      return { field, kind: 'professional' };
    case 'relationship':
      return { field, value: 'none' };
    case 'age':
      return { field, olderThanDays: 30 };
    case 'read':
    case 'flagged':
      return { field, value: true };
  }
}

export function newAction(type: ActionType): RuleAction {
  return type === 'move' || type === 'copy' ? { type, folder: '' } : { type };
}

/** "a.fr, b.fr" → ["a.fr", "b.fr"]. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function emptyDraft(name: string): RuleDraft {
  return {
    name,
    enabled: false,
    accountId: null,
    match: 'all',
    conditions: [newCondition('verdict')],
    actions: [newAction('trash')],
    stop: true,
    allowPurge: false,
  };
}

/** The draft the API would accept, or null while something is missing or wrong. */
export function validDraft(draft: RuleDraft): RuleDraft | null {
  const parsed = ruleDraftSchema.safeParse(draft);
  return parsed.success ? parsed.data : null;
}
