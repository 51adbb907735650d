import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Folder, MessageSummary } from '../../../shared/types.js';
import { useCoreEvents, useQuery } from '../api/hooks.js';
import { formatListDate } from '../format.js';
import { useSync } from '../sync/SyncContext.js';
import { FilterBar } from '../detection/FilterBar.js';
import { filterInput, showsAdvertiser, type MessageFilter } from '../detection/verdict.js';
import { UnsolicitedMark, VerdictBadge } from '../detection/VerdictBadge.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ChevronLeftIcon, ChevronRightIcon, RefreshIcon, SearchIcon } from './Icons.js';

/** Folders can hold 100,000 messages: only one page is ever fetched and drawn. */
export const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 250;
/** While the folder is being scanned, the page is read again at most this often. */
const SCAN_RELOAD_MS = 1_500;

export function MessageList({
  folder,
  folderLabel,
  selectedId,
  onSelect,
}: {
  folder: Folder;
  folderLabel: string;
  selectedId: number | null;
  onSelect: (messageId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState<MessageFilter>('all');

  // Ask the core once typing pauses, from the first page. Only a changed
  // search goes back there: paging just after the list opened must stick.
  useEffect(() => {
    const next = searchText.trim();
    if (next === search) return;
    const timer = setTimeout(() => {
      setSearch(next);
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const page = useQuery(
    'messages.list',
    {
      accountId: folder.accountId,
      folderId: folder.id,
      search: search || undefined,
      ...filterInput(filter),
      offset,
      limit: PAGE_SIZE,
    },
    // The core says '*' when a change touches every account (a correction re-runs detection).
    (event) =>
      event.type === 'messages.changed' &&
      (event.accountId === folder.accountId || event.accountId === '*'),
  );
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  // Messages went away (a sync, a rule) and this page is now past the end: show the last one.
  const pastTheEnd = page.data !== undefined && total > 0 && offset >= total;
  if (pastTheEnd) setOffset(Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
  const sync = useSync();
  const syncing = sync.status(folder.accountId).syncing;

  // A first scan can take minutes: show messages as they arrive, not only at the end.
  const lastScanReload = useRef(0);
  const lastScannedLabel = useRef<string | null>(null);
  useCoreEvents((event) => {
    if (event.type !== 'progress' || event.task !== 'sync') return;
    if (event.accountId !== folder.accountId) return;
    const previous = lastScannedLabel.current;
    lastScannedLabel.current = event.label;
    // The scan moved on from this folder: everything it read here is stored by now.
    const movedOn = previous === folder.path && event.label !== folder.path;
    const now = Date.now();
    const underWay = event.label === folder.path && now - lastScanReload.current >= SCAN_RELOAD_MS;
    if (!movedOn && !underWay) return;
    lastScanReload.current = now;
    page.reload();
  });

  return (
    <section className="message-list-pane" aria-labelledby="folder-title">
      <header className="pane-header">
        <h1 id="folder-title" className="pane-title">
          {folderLabel}
        </h1>
        <label className="search">
          <SearchIcon />
          <span className="visually-hidden">{t('messages.search')}</span>
          <input
            type="search"
            value={searchText}
            placeholder={t('messages.searchPlaceholder')}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <FilterBar
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
          }}
        />
      </header>
      {page.error && <ErrorNotice error={page.error} />}
      {page.data && items.length === 0 && (
        <div className="empty-state" aria-busy={syncing && !search}>
          {search ? (
            <p>{t('messages.emptySearch', { search })}</p>
          ) : filter !== 'all' ? (
            <p>{t('filter.empty')}</p>
          ) : syncing ? (
            <p className="syncing-note">
              <span className="spinner" aria-hidden="true" />
              {t('messages.syncing')}
            </p>
          ) : folder.messages > 0 ? (
            <>
              <p>{t('messages.notSynced', { count: folder.messages })}</p>
              <button type="button" className="button" onClick={() => sync.run(folder.accountId)}>
                <RefreshIcon />
                {t('sync.now')}
              </button>
            </>
          ) : (
            <p>{t('messages.empty')}</p>
          )}
        </div>
      )}
      {items.length > 0 && (
        <MessageRows
          label={t('messages.listOf', { folder: folderLabel })}
          items={items}
          selectedId={selectedId}
          language={i18n.language}
          onSelect={onSelect}
        />
      )}
      {total > 0 && (
        <footer className="pager">
          <span className="pager-range" aria-live="polite">
            {t('messages.range', {
              from: offset + 1,
              to: Math.min(offset + PAGE_SIZE, total),
              total,
            })}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('messages.previous')}
            title={t('messages.previous')}
            disabled={offset === 0 || page.loading}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            <ChevronLeftIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('messages.next')}
            title={t('messages.next')}
            disabled={offset + PAGE_SIZE >= total || page.loading}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            <ChevronRightIcon />
          </button>
        </footer>
      )}
    </section>
  );
}

/** A listbox: Tab reaches it once, the arrow keys move within it. */
function MessageRows({
  label,
  items,
  selectedId,
  language,
  onSelect,
}: {
  label: string;
  items: MessageSummary[];
  selectedId: number | null;
  language: string;
  onSelect: (messageId: number) => void;
}) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  const focusIndex = Math.max(
    0,
    items.findIndex((m) => m.id === selectedId),
  );

  // A message opened from elsewhere (an identity's leak) may be far down the page.
  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: focusIndex + 10,
      PageUp: focusIndex - 10,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const index = Math.min(items.length - 1, Math.max(0, target));
    const message = items[index];
    if (!message) return;
    onSelect(message.id);
    const row = list.current?.querySelectorAll<HTMLElement>('[role="option"]')[index];
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <ul className="message-list" role="listbox" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {items.map((message, index) => {
        const selected = message.id === selectedId;
        const unread = !message.flags.includes('\\Seen');
        return (
          <li
            key={message.id}
            role="option"
            aria-selected={selected}
            tabIndex={index === focusIndex ? 0 : -1}
            className={['message-row', unread && 'unread', message.unsolicited && 'unsolicited']
              .filter(Boolean)
              .join(' ')}
            data-verdict={message.verdict ?? undefined}
            onClick={() => onSelect(message.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(message.id);
              }
            }}
          >
            <div className="row-line">
              <span className="sender" title={message.from?.address} translate="no">
                {message.from?.name || message.from?.address || t('messages.unknownSender')}
              </span>
              {message.date && (
                <time className="row-date" dateTime={message.date}>
                  {formatListDate(message.date, language)}
                </time>
              )}
            </div>
            <div className="row-line">
              <span className="subject" translate="no">
                {message.subject || t('messages.noSubject')}
              </span>
              {message.hasListUnsubscribe && (
                <span className="badge badge-muted" title={t('messages.unsubscribeBadgeTitle')}>
                  {t('messages.unsubscribeBadge')}
                </span>
              )}
            </div>
            <div className="row-line row-detection">
              {message.unsolicited && <UnsolicitedMark />}
              <VerdictBadge verdict={message.verdict} failed={message.detectionError !== null} />
              <RowOrigin message={message} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The advertiser's domain and the router, small, where detection found them. */
function RowOrigin({ message }: { message: MessageSummary }) {
  const advertiser = showsAdvertiser(message.verdict) ? message.advertiser : null;
  const parts = [advertiser, message.router].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <span className="row-origin" translate="no">
      {parts.join(' · ')}
    </span>
  );
}
