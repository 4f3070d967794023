import type { Locale } from '../i18n/i18n.tsx';

/** Dates and numbers in the user's language and time zone (the browser's Intl, no library). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string | number | null | undefined, locale: Locale, timeZone: string): string {
  if (iso == null || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const key = `${locale}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    dateFormats.set(key, f);
  }
  return f.format(d);
}

export function formatNumber(n: number | null | undefined, locale: Locale): string {
  if (n == null) return '—';
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US').format(n);
}

/** Log values can be megabytes: show a bounded prefix and say how much was left out. */
export function clip(value: unknown, max = 500): string {
  const s = typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max)}… (+${s.length - max})` : s;
}
