import { api, enc } from '../lib/api.ts';

/** Triage changes the queue and the detail screen both make. */
export interface AlertChange {
  status?: 'new' | 'in_progress' | 'on_hold' | 'resolved';
  assignee?: string | null;
  verdict?: string | null;
  comment?: string;
}

export function changeAlerts(tenant: string, ids: number[], change: AlertChange): Promise<unknown> {
  if (ids.length === 1) return api.patch(`/api/v1/tenants/${enc(tenant)}/alerts/${ids[0]}`, change);
  return api.post(`/api/v1/tenants/${enc(tenant)}/alerts/bulk`, { ids, ...change });
}

export async function escalate(tenant: string, ids: number[], title: string): Promise<number> {
  const r = await api.post<{ incidentId: number }>(`/api/v1/tenants/${enc(tenant)}/alerts/escalate`, { alertIds: ids, title });
  return r.incidentId;
}
