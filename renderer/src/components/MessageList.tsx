import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Folder, MessageSummary } from '../../../shared/types.js';
import { useQuery } from '../api/hooks.js';
import { formatListDate } from '../format.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ChevronLeftIcon, ChevronRightIcon, SearchIcon } from './Icons.js';

/** Folders can hold 100,000 messages: only one page is ever fetched and drawn. */
export const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 250;

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

  // Ask the core once typing pauses, from the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(searchText.trim());
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const page = useQuery(
    'messages.list',
    {
      accountId: folder.accountId,
      folderId: folder.id,
      search: search || undefined,
      offset,
      limit: PAGE_SIZE,
    },
    (event) => event.type === 'messages.changed' && event.accountId === folder.accountId,
  );
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;

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
      </header>
      {page.error && <ErrorNotice error={page.error} />}
      {page.data && items.length === 0 && (
        <p className="empty-state">
          {search
            ? t('messages.emptySearch', { search })
            : folder.messages > 0
              ? t('messages.notFetched', { count: folder.messages })
              : t('messages.empty')}
        </p>
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
            className={unread ? 'message-row unread' : 'message-row'}
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
                <span className="badge" title={t('messages.unsubscribeBadgeTitle')}>
                  {t('messages.unsubscribeBadge')}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
