/**
 * The triage's groups, a page at a time: the first screen needs the first
 * page only (and the totals it comes with); the list asks for the pages that
 * scroll into view. A change in the store reads the loaded pages again,
 * keeping them on screen until the new answers arrive.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TriageGroup, TriageGrouping } from '../../../shared/api/triage.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents } from '../api/hooks.js';

export const GROUP_PAGE = 100;

interface Loaded {
  /** The account and grouping these pages belong to. */
  scope: string;
  totals: { groups: number; messages: number } | null;
  pages: ReadonlyMap<number, readonly TriageGroup[]>;
  error: AppErrorData | null;
}

export interface GroupPages {
  /** Every group in order, undefined where its page is not loaded yet; null before the first. */
  groups: ReadonlyArray<TriageGroup | undefined> | null;
  messages: number;
  error: AppErrorData | null;
  /** Loads the pages holding groups `from` to `to` (indexes) that are not loaded or on the way. */
  ensure(from: number, to: number): void;
  reload(): void;
}

export function useGroupPages(accountId: string, by: TriageGrouping): GroupPages {
  const api = useApi();
  const scope = `${accountId}/${by}`;
  const [loaded, setLoaded] = useState<Loaded>({
    scope,
    totals: null,
    pages: new Map(),
    error: null,
  });
  // Pages asked for in this scope and generation (a reload starts a new generation).
  const asked = useRef({ scope, generation: 0, pages: new Set<number>() });

  const load = useCallback(
    (page: number) => {
      const ask = asked.current;
      ask.pages.add(page);
      const { generation } = ask;
      void api
        .call('triage.groupPage', { accountId, by, offset: page * GROUP_PAGE, limit: GROUP_PAGE })
        .then((result) => {
          if (asked.current.scope !== scope || asked.current.generation !== generation) return;
          setLoaded((l) => {
            const base =
              l.scope === scope ? l : { scope, totals: null, pages: new Map(), error: null };
            if (!result.ok) return { ...base, error: result.error };
            const { groups, messages, items } = result.value;
            return {
              scope,
              totals: { groups, messages },
              pages: new Map(base.pages).set(page, items),
              error: null,
            };
          });
        });
    },
    [api, accountId, by, scope],
  );

  const reload = useCallback(() => {
    const previous = asked.current.scope === scope ? [...asked.current.pages] : [];
    asked.current = { scope, generation: asked.current.generation + 1, pages: new Set() };
    for (const page of previous.length > 0 ? previous : [0]) load(page);
  }, [load, scope]);

  useEffect(() => {
    asked.current = { scope, generation: asked.current.generation + 1, pages: new Set() };
    load(0);
  }, [load, scope]);
  useCoreEvents((event) => {
    if (event.type === 'messages.changed') reload();
  });

  const current = loaded.scope === scope ? loaded : null;
  const total = current?.totals?.groups ?? null;
  const groups = useMemo(() => {
    if (total === null || !current) return null;
    const all = new Array<TriageGroup | undefined>(total);
    for (const [page, items] of current.pages)
      items.forEach((g, i) => {
        if (page * GROUP_PAGE + i < total) all[page * GROUP_PAGE + i] = g;
      });
    return all;
  }, [current, total]);

  const ensure = useCallback(
    (from: number, to: number) => {
      if (asked.current.scope !== scope) return;
      for (let page = Math.floor(from / GROUP_PAGE); page <= Math.floor(to / GROUP_PAGE); page++)
        if (!asked.current.pages.has(page)) load(page);
    },
    [load, scope],
  );

  return {
    groups,
    messages: current?.totals?.messages ?? 0,
    error: current?.error ?? null,
    ensure,
    reload,
  };
}
