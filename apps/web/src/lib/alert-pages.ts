import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, enc, requestWithHeaders, withQuery } from './api.ts';
import type { AlertView } from './types.ts';

const PAGE = 200;

export type QueueFilter = Record<string, string>;

export interface AlertPages {
  alerts: AlertView[];
  /** More pages exist on the server. */
  more: boolean;
  error: ApiError | undefined;
  loading: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * The queue a page at a time (keyset cursor from the server): the first screenful arrives at once even with
 * 100,000 alerts, and further pages load as the list is scrolled towards its end.
 */
export function useAlertPages(tenant: string | undefined, filter: QueueFilter): AlertPages {
  const [alerts, setAlerts] = useState<AlertView[]>([]);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const next = useRef<string | undefined>(undefined);
  const inFlight = useRef(false);
  const key = JSON.stringify(filter);

  const fetchPage = useCallback(
    async (cursor: string | undefined, replace: boolean, signal?: AbortSignal) => {
      if (!tenant) return;
      inFlight.current = true;
      setLoading(true);
      try {
        const path = withQuery(`/api/v1/tenants/${enc(tenant)}/alerts`, { ...(JSON.parse(key) as QueueFilter), limit: PAGE, cursor });
        const { body, headers } = await requestWithHeaders<AlertView[]>('GET', path, undefined, signal);
        next.current = headers.get('x-next-cursor') ?? undefined;
        setAlerts((prev) => (replace ? body : [...prev, ...body]));
        setError(undefined);
      } catch (err) {
        if (!signal?.aborted) setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: 'Network error', detail: String(err) }));
      } finally {
        inFlight.current = false;
        setLoading(false);
      }
    },
    [tenant, key],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    next.current = undefined;
    void fetchPage(undefined, true, ctrl.signal);
    return () => ctrl.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (!inFlight.current && next.current) void fetchPage(next.current, false);
  }, [fetchPage]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { alerts, more: next.current !== undefined, error, loading, loadMore, reload };
}
