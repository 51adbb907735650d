/**
 * Typed hooks over the API: `useCall` for actions (a button, a form),
 * `useQuery` for data a screen shows, reloaded when the core says it changed,
 * and `useCoreEvents` for everything else the core pushes.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/index.js';
import type { AppErrorData, Result } from '../../../shared/result.js';
import type { CoreEvent } from '../../../shared/types.js';
import { useApi } from './ApiContext.js';

export interface CallState<N extends ApiName> {
  run: (input: ApiInput<N>) => Promise<Result<ApiOutput<N>>>;
  busy: boolean;
  error: AppErrorData | null;
  clearError: () => void;
}

/** One call on demand, with its busy state and its last error (cleared on the next run). */
export function useCall<N extends ApiName>(name: N): CallState<N> {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const run = useCallback(
    async (input: ApiInput<N>) => {
      setBusy(true);
      setError(null);
      const result = await api.call(name, input);
      setBusy(false);
      if (!result.ok) setError(result.error);
      return result;
    },
    [api, name],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

export interface QueryState<N extends ApiName> {
  /** The answer for the current input; undefined while the first answer is on its way. */
  data: ApiOutput<N> | undefined;
  error: AppErrorData | null;
  loading: boolean;
  reload: () => void;
}

interface Answer<N extends ApiName> {
  key: string;
  version: number;
  data?: ApiOutput<N>;
  error?: AppErrorData;
}

/**
 * Data for a screen. `input: null` means "not now" (nothing selected yet).
 * A reload keeps showing the previous answer until the new one arrives, so
 * lists do not flicker when the core reports a change.
 */
export function useQuery<N extends ApiName>(
  name: N,
  input: ApiInput<N> | null,
  reloadOn?: (event: CoreEvent) => boolean,
): QueryState<N> {
  const api = useApi();
  // The input as a string: callers pass fresh object literals on every render.
  const key = input === null ? null : JSON.stringify(input);
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<Answer<N> | null>(null);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    void api.call(name, JSON.parse(key) as ApiInput<N>).then((result) => {
      if (!current) return;
      setAnswer(
        result.ok ? { key, version, data: result.value } : { key, version, error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [api, name, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const shouldReload = useEffectEvent((event: CoreEvent) => {
    if (reloadOn?.(event)) reload();
  });
  useEffect(() => api.onEvent((event) => shouldReload(event)), [api]);

  const sameKey = answer !== null && answer.key === key;
  return {
    data: sameKey ? answer.data : undefined,
    error: sameKey ? (answer.error ?? null) : null,
    loading: key !== null && (!sameKey || answer.version !== version),
    reload,
  };
}

/** Every event the core pushes, for as long as the component is mounted. */
export function useCoreEvents(listener: (event: CoreEvent) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.onEvent((event) => onEvent(event)), [api]);
}
