import { api } from '../lib/api.ts';
import type { QueueFilter } from '../lib/alert-pages.ts';

/** Saved queue views live on the server, per user. */
export interface QueueView {
  id: number;
  name: string;
  filters: QueueFilter;
}

export const VIEWS_PATH = '/api/v1/alert-views';

export function saveView(name: string, filters: QueueFilter): Promise<QueueView> {
  return api.post<QueueView>(VIEWS_PATH, { name, filters });
}
