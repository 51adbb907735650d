/**
 * Triage: the account's unsolicited mail grouped by advertiser (or router,
 * identity, verdict), largest first; a group opens onto its messages, a
 * message onto its preview. Rows are selected with their boxes or the
 * keyboard, and the bulk actions act on the selection.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TRIAGE_GROUPINGS,
  type TriageGrouping,
  type TriageMessage,
} from '../../../shared/api/triage.js';
import { MAX_BATCH_TARGETS } from '../../../shared/api/objections.js';
import { TRIAGE_MOVE_JOB } from '../../../shared/api/triage-actions.js';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { MessageView } from '../components/MessageView.js';
import { BatchStop } from '../objections/BatchStop.js';
import { UndoNotice } from '../rules/UndoNotice.js';
import { TRIAGE_ACTIONS, type TriageAction, type TriageActionOutcome } from './actions.js';
import { JobProgress } from './JobProgress.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { TriageList } from './TriageList.js';
import { selectionParts, triageRows, type TriageRow } from './triage-rows.js';
import { useGroupPages } from './useGroupPages.js';

/** Actions whose undo puts the messages back where they were. */
const MOVES = new Set(['move', 'delete']);

export function TriageScreen({
  accountId,
  onServer,
  onOpenSettings,
}: {
  accountId: string;
  /** An IMAP account (mail can be moved there), not a local import. */
  onServer: boolean;
  /** The app's settings (where the Signal Spam account is entered). */
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [by, setBy] = useState<TriageGrouping>('advertiser');
  // The first page of groups draws the first screen; the list asks for the others in view.
  const groups = useGroupPages(accountId, by);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [loaded, setLoaded] = useState<ReadonlyMap<string, TriageMessage[]>>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeIndex, setActiveIndex] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const [outcome, setOutcome] = useState<
    (TriageActionOutcome & { action: string; seq: number }) | null
  >(null);
  const [busy, setBusy] = useState(false);
  /** The action whose dialog (a folder to choose, a consent) is open. */
  const [asking, setAsking] = useState<Extract<TriageAction, { Dialog: unknown }> | null>(null);
  /** The groups a batch objection ("Faire cesser") is being prepared for, when it is. */
  const [stopping, setStopping] = useState<Array<string | null> | null>(null);

  const rows = useMemo(
    () => triageRows(groups.groups ?? [], expanded, loaded),
    [groups.groups, expanded, loaded],
  );
  const selection = { accountId, onServer, by, ...selectionParts(rows, selected) };

  const loadMessages = useCallback(
    async (groupId: string) => {
      const key = JSON.parse(groupId.slice(2)) as string | null;
      const result = await api.call('triage.messages', { accountId, by, key, limit: 200 });
      if (result.ok) setLoaded((m) => new Map(m).set(groupId, result.value.items));
    },
    [api, accountId, by],
  );
  // Open groups follow the store: their messages are read again when it changes.
  useCoreEvents((event) => {
    if (event.type !== 'messages.changed') return;
    setLoaded(new Map());
    for (const id of expanded) void loadMessages(id);
  });
  function changeGrouping(next: TriageGrouping) {
    setBy(next);
    setExpanded(new Set());
    setLoaded(new Map());
    setSelected(new Set());
    setActiveIndex(0);
    setStopping(null);
  }

  function toggleExpand(row: TriageRow) {
    if (row.kind !== 'group') return;
    const next = new Set(expanded);
    if (next.has(row.id)) next.delete(row.id);
    else {
      next.add(row.id);
      if (!loaded.has(row.id)) void loadMessages(row.id);
    }
    setExpanded(next);
  }
  function toggleSelect(row: TriageRow) {
    if (row.kind === 'loading' || row.kind === 'pending') return;
    const next = new Set(selected);
    if (next.has(row.id)) next.delete(row.id);
    else next.add(row.id);
    setSelected(next);
  }
  // Stable handlers for the memoised rows: a page of groups arriving does not draw them again.
  const latest = useRef({ toggleSelect, toggleExpand });
  useLayoutEffect(() => {
    latest.current = { toggleSelect, toggleExpand };
  });
  const onToggleSelect = useCallback((row: TriageRow) => latest.current.toggleSelect(row), []);
  const onToggleExpand = useCallback((row: TriageRow) => latest.current.toggleExpand(row), []);
  async function run(action: TriageAction) {
    if (!action.applies(selection) || busy) return;
    if ('Dialog' in action) return setAsking(action);
    setBusy(true);
    const result = await action.run(api, selection, t);
    setBusy(false);
    finished(action.id, result);
  }
  function finished(action: string, result: TriageActionOutcome) {
    setOutcome((o) => ({ ...result, action, seq: (o?.seq ?? 0) + 1 }));
    setSelected(new Set());
    groups.reload();
  }
  function move(index: number) {
    setActiveIndex(Math.max(0, Math.min(rows.length - 1, index)));
    setFocusRequest((n) => n + 1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = rows[activeIndex];
    const action = TRIAGE_ACTIONS.find(
      (a) => a.shortcut === event.key || a.alsoKey?.key === event.key,
    );
    const handled = (() => {
      if (event.key === 'ArrowDown' || event.key === 'j') move(activeIndex + 1);
      else if (event.key === 'ArrowUp' || event.key === 'k') move(activeIndex - 1);
      else if (event.key === 'Home') move(0);
      else if (event.key === 'End') move(rows.length - 1);
      else if (event.key === ' ' || event.key === 'x') {
        if (row) toggleSelect(row);
      } else if (event.key === 'Escape') setSelected(new Set());
      else if (event.key === '?') setHelp(true);
      else if (action) void run(action);
      else if (!row) return false;
      else if (event.key === 'ArrowRight' || event.key === 'Enter') {
        if (row.kind === 'group' && !row.expanded) toggleExpand(row);
        else if (row.kind === 'message') setOpenId(row.message.id);
      } else if (event.key === 'ArrowLeft') {
        if (row.kind === 'group' && row.expanded) toggleExpand(row);
        else if (row.kind === 'message' || row.kind === 'loading')
          move(rows.findIndex((r) => r.id === row.groupId));
      } else return false;
      return true;
    })();
    if (handled) event.preventDefault();
  }

  const count = selection.groups.length + selection.messages.length;
  // A batch objection takes whole groups (one per advertiser and identity within them).
  const stoppable =
    selection.groups.length > 0 &&
    selection.messages.length === 0 &&
    selection.groups.length <= MAX_BATCH_TARGETS;
  return (
    <div className="triage-view">
      <section className="triage-pane" aria-labelledby="triage-title">
        <header className="triage-header">
          <h1 id="triage-title">{t('triage.title')}</h1>
          <p className="muted">
            {groups.groups &&
              t('triage.summary', {
                messages: t('triage.summaryMessages', { count: groups.messages }),
                groups: t('triage.summaryGroups', { count: groups.groups.length }),
              })}
          </p>
          <div className="filter-bar" role="group" aria-label={t('triage.groupBy')}>
            {TRIAGE_GROUPINGS.map((g) => (
              <button
                key={g}
                type="button"
                className="filter-chip"
                aria-pressed={by === g}
                onClick={() => changeGrouping(g)}
              >
                {t(`triage.by.${g}`)}
              </button>
            ))}
          </div>
          <div className="triage-toolbar" role="toolbar" aria-label={t('triage.actionsLabel')}>
            <span className="muted">{t('triage.selected', { count })}</span>
            {TRIAGE_ACTIONS.map((action) => (
              <button
                key={action.id}
                type="button"
                className="button"
                disabled={busy || !action.applies(selection)}
                aria-keyshortcuts={[action.shortcut, action.alsoKey?.key].join(' ').trim()}
                onClick={() => void run(action)}
              >
                {t(`triage.actions.${action.id}` as 'triage.actions.keep')}
              </button>
            ))}
            <button
              type="button"
              className="button"
              disabled={!stoppable}
              onClick={() => setStopping(selection.groups.map((g) => g.key))}
            >
              {t('objectionBatch.stopSelected')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-keyshortcuts="?"
              onClick={() => setHelp(true)}
            >
              {t('triage.shortcuts.open')}
            </button>
          </div>
          {busy && <JobProgress accountId={accountId} kind={TRIAGE_MOVE_JOB} />}
          {outcome && !outcome.error && !outcome.undo && (
            <p role="status" className="notice notice-info">
              {t(`triage.done.${outcome.action}` as 'triage.done.keep', { count: outcome.done })}
            </p>
          )}
          {outcome?.undo && outcome.done > 0 && (
            <UndoNotice
              key={outcome.seq}
              sentence={t(`triage.done.${outcome.action}` as 'triage.done.keep', {
                count: outcome.done,
              })}
              undone={MOVES.has(outcome.action) ? t('triageBulk.undone') : undefined}
              undo={async () => {
                const failed = await outcome.undo!();
                // The mail came back: its groups show it again.
                groups.reload();
                return failed;
              }}
            />
          )}
          {outcome?.error && (
            <ErrorNotice error={outcome.error} context={{ conflict: t('triageBulk.refused') }} />
          )}
        </header>
        {groups.error && <ErrorNotice error={groups.error} />}
        {groups.groups && rows.length === 0 && <p className="empty-state">{t('triage.empty')}</p>}
        <TriageList
          label={t('triage.listLabel', { by: t(`triage.by.${by}`) })}
          rows={rows}
          by={by}
          selected={selected}
          activeIndex={activeIndex}
          focusRequest={focusRequest}
          onActivate={setActiveIndex}
          onKeyDown={onKeyDown}
          onToggleSelect={onToggleSelect}
          onToggleExpand={onToggleExpand}
          onOpen={setOpenId}
          onShowGroups={groups.ensure}
        />
      </section>
      {stopping ? (
        <div className="message-pane">
          <BatchStop
            source={{ accountId, by, keys: stopping }}
            onClose={() => {
              setStopping(null);
              setSelected(new Set());
            }}
          />
        </div>
      ) : (
        openId !== null && <MessageView messageId={openId} />
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {asking && (
        <asking.Dialog
          selection={selection}
          onDone={(result) => {
            setAsking(null);
            finished(asking.id, result);
          }}
          onCancel={() => setAsking(null)}
          onOpenSettings={onOpenSettings}
        />
      )}
    </div>
  );
}
