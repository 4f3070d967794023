import type { ReactNode } from 'react';
import { LoadState } from '../components/widgets.tsx';
import { withQuery } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import type { AlertView, SearchResult } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { ResultTable } from './search-results.tsx';

/** The device's events from the alert's first to last sighting (customers see the alert itself only). */
export function AlertRawEvents(props: { tenant: string; alert: AlertView }): ReactNode {
  const { user } = useSession();
  const a = props.alert;
  const from = new Date(Date.parse(a.firstSeenAt) - 1000).toISOString();
  const to = new Date(Date.parse(a.lastSeenAt) + 1000).toISOString();
  const q = a.deviceId != null ? `device_id:${a.deviceId}` : '';
  const path = user.party === 'customer' ? null : withQuery('/api/v1/search', { tenant: props.tenant, q, from, to, limit: 50 });
  const loaded = useApi<SearchResult>(path);
  if (path === null) return null;
  return <LoadState loaded={loaded}>{(r) => <ResultTable result={r} />}</LoadState>;
}
