/**
 * The triage's bulk actions. "Keep" (the messages are wanted) is here; block,
 * move, delete and object come from the rules and objections capabilities:
 * each adds a TriageAction to TRIAGE_ACTIONS and its label under triage.actions.
 */
import type { InboxGuardApi } from '../../../shared/api/index.js';
import type { TriageGroup, TriageGrouping, TriageMessage } from '../../../shared/api/triage.js';
import type { AppErrorData } from '../../../shared/result.js';

export interface TriageSelection {
  by: TriageGrouping;
  groups: TriageGroup[];
  messages: TriageMessage[];
}

export interface TriageActionOutcome {
  /** How many senders or messages the action took. */
  done: number;
  error: AppErrorData | null;
}

export interface TriageAction {
  id: string;
  /** One key, shown in the shortcuts overlay. */
  shortcut: string;
  /** Whether the selection is something this action can act on. */
  applies(selection: TriageSelection): boolean;
  run(api: InboxGuardApi, selection: TriageSelection): Promise<TriageActionOutcome>;
}

/**
 * Keep: the user wants this mail. A whole advertiser is kept by domain (through its latest
 * message); a single message by its sender's address. Other groupings name no sender: only
 * their messages, selected one by one, can be kept.
 */
export const keepAction: TriageAction = {
  id: 'keep',
  shortcut: 'w',
  applies: (s) =>
    s.messages.length + s.groups.length > 0 &&
    s.groups.every((g) => s.by === 'advertiser' && g.key !== null),
  async run(api, s) {
    const corrections = [
      ...s.groups.map((g) => ({ id: g.latestMessageId, scope: 'domain' as const })),
      ...s.messages.map((m) => ({ id: m.id, scope: 'address' as const })),
    ];
    let done = 0;
    for (const c of corrections) {
      const result = await api.call('messages.correct', { ...c, decision: 'wanted' });
      if (!result.ok) return { done, error: result.error };
      done++;
    }
    return { done, error: null };
  },
};

export const TRIAGE_ACTIONS: readonly TriageAction[] = [keepAction];
