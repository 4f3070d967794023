/** Saved queue views, kept in the browser until the server offers them per user. */
export interface QueueFilter {
  status?: string | undefined;
  severity?: string | undefined;
  kind?: string | undefined;
}

export interface QueueView {
  name: string;
  filter: QueueFilter;
}

const KEY = 'mamori.queueViews';

export function loadViews(): QueueView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as QueueView[]).filter((v) => typeof v.name === 'string') : [];
  } catch {
    return [];
  }
}

export function saveViews(views: QueueView[]): void {
  localStorage.setItem(KEY, JSON.stringify(views));
}
