/**
 * The grouped list, virtualised (@tanstack/react-virtual): only the rows in
 * view exist in the page, so 100,000 messages in thousands of groups scroll
 * as smoothly as ten. One row holds the focus (roving tabindex); the keys are
 * handled by the screen. Rows of groups not loaded yet ask for their page
 * (onShowGroups) as they come into view; a row's content is memoised, so
 * scrolling only moves rows and draws the new ones.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TriageGrouping } from '../../../shared/api/triage.js';
import { ROW_HEIGHT, type TriageRow } from './triage-rows.js';
import { TriageRowView } from './TriageRowView.js';

export function TriageList({
  label,
  rows,
  by,
  selected,
  activeIndex,
  focusRequest,
  onActivate,
  onKeyDown,
  onToggleSelect,
  onToggleExpand,
  onOpen,
  onShowGroups,
}: {
  label: string;
  rows: readonly TriageRow[];
  by: TriageGrouping;
  selected: ReadonlySet<string>;
  activeIndex: number;
  /** Bumped when the active row must take the focus (a key moved it). */
  focusRequest: number;
  onActivate: (index: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  onToggleSelect: (row: TriageRow) => void;
  onToggleExpand: (row: TriageRow) => void;
  onOpen: (messageId: number) => void;
  /** Groups `from` to `to` (indexes) are in view: their pages are wanted. */
  onShowGroups: (from: number, to: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are read while rendering, never kept by a memoised child.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => ROW_HEIGHT[rows[i]!.kind],
    overscan: 8,
  });

  const items = virtualizer.getVirtualItems();
  const pending = items.map((item) => rows[item.index]).filter((r) => r?.kind === 'pending');
  const firstPending = pending[0]?.index ?? -1;
  const lastPending = pending.at(-1)?.index ?? -1;
  useEffect(() => {
    if (firstPending >= 0) onShowGroups(firstPending, lastPending);
  }, [firstPending, lastPending, onShowGroups]);

  useEffect(() => {
    if (focusRequest === 0) return;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // The row exists once the list has drawn the new range.
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.focus(),
    );
  }, [focusRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="triage-scroll" ref={scroller}>
      <div
        role="list"
        aria-label={label}
        className="triage-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={row.id}
              role="listitem"
              data-index={item.index}
              data-row={row.id}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              tabIndex={item.index === activeIndex ? 0 : -1}
              className={`triage-row triage-row-${row.kind}${selected.has(row.id) ? ' selected' : ''}${item.index === activeIndex ? ' active' : ''}`}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onFocus={() => onActivate(item.index)}
            >
              <TriageRowView
                row={row}
                by={by}
                selected={selected.has(row.id)}
                active={item.index === activeIndex}
                onToggleSelect={onToggleSelect}
                onToggleExpand={onToggleExpand}
                onOpen={onOpen}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
