/**
 * The triage's bulk actions. "Keep" (the messages are wanted) is here; block,
 * move, delete, report and object come from the rules, mail and objections
 * capabilities: each adds a TriageAction to TRIAGE_ACTIONS and its label under
 * triage.actions. An action that needs the user's answer first (a folder, a
 * consent) is a dialog that runs it.
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { InboxGuardApi } from '../../../shared/api/index.js';
import type { TriageGroup, TriageGrouping, TriageMessage } from '../../../shared/api/triage.js';
import type { AppErrorData } from '../../../shared/result.js';
import { blockSenders, type BlockKind } from '../rules/block.js';
import { deleteAction, moveAction, reportAction } from './mail-actions.js';

export interface TriageSelection {
  accountId: string;
  /** The account's mail is on an IMAP server (a local import's can be neither moved nor reported). */
  onServer: boolean;
  by: TriageGrouping;
  groups: TriageGroup[];
  messages: TriageMessage[];
}

export interface TriageActionOutcome {
  /** How many senders or messages the action took. */
  done: number;
  error: AppErrorData | null;
  /** Offered in the outcome's notice when the action can be taken back. */
  undo?: () => Promise<AppErrorData | null>;
}

interface TriageActionBase {
  id: string;
  /** One key, shown in the shortcuts overlay. */
  shortcut: string;
  /** Another key that does the same (Delete beside #), with its French name for the overlay. */
  alsoKey?: { key: string; fr: string };
  /** Whether the selection is something this action can act on. */
  applies(selection: TriageSelection): boolean;
}

/** What a dialog action's dialog gets: the selection, and where its outcome goes. */
export interface TriageDialogProps {
  selection: TriageSelection;
  onDone(outcome: TriageActionOutcome): void;
  onCancel(): void;
  /** Opens the app's settings (where a missing account is entered). */
  onOpenSettings(): void;
}

export type TriageAction = TriageActionBase &
  (
    | {
        /** `t` names what the action makes (a block rule) in the user's language. */
        run(
          api: InboxGuardApi,
          selection: TriageSelection,
          t: TFunction,
        ): Promise<TriageActionOutcome>;
      }
    | { Dialog: ComponentType<TriageDialogProps> }
  );

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

/** The advertiser domains or router ids of the selected groups; null when one has none. */
function blockTargets(kind: BlockKind, s: TriageSelection): string[] | null {
  if (s.messages.length > 0 || s.groups.length === 0) return null;
  const values = s.groups.map((g) => (s.by === kind ? g.key : g[kind]));
  if (values.some((v) => v === null)) return null;
  // By identity or verdict a group is many senders: only its latest message's would be blocked.
  if (s.by !== 'advertiser' && s.by !== 'router') return null;
  return [...new Set(values as string[])];
}

/** Block the advertisers or routers of the selected groups: their mail to the Trash, now and later. */
function blockAction(kind: BlockKind, id: string, shortcut: string): TriageAction {
  return {
    id,
    shortcut,
    applies: (s) => blockTargets(kind, s) !== null,
    async run(api, s, t) {
      const outcome = await blockSenders(api, kind, blockTargets(kind, s) ?? [], (value) =>
        t(`rules.block.name.${kind}`, { value }),
      );
      return { done: outcome.moved, error: outcome.error, undo: outcome.undo };
    },
  };
}

export const TRIAGE_ACTIONS: readonly TriageAction[] = [
  keepAction,
  blockAction('advertiser', 'blockAdvertiser', 'b'),
  blockAction('router', 'blockRouter', 'r'),
  moveAction,
  deleteAction,
  reportAction,
];
