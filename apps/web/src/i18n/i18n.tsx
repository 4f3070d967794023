import { createContext, useContext, type ReactNode } from 'react';
import { en, type MessageKey } from './messages.en.ts';
import { ja } from './messages.ja.ts';

export type Locale = 'ja' | 'en';
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** Fills `{name}` placeholders; values are text, so React escapes them wherever they are shown. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A key built from server data (a new status) may be unknown: show it rather than fail.
  return (MESSAGES[locale][key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Japanese browsers get Japanese until the user chooses; everyone else English. */
export function browserLocale(languages: readonly string[] = navigator.languages): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

export interface I18n {
  locale: Locale;
  timezone: string;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n>({ locale: 'en', timezone: 'UTC', t: (k, p) => translate('en', k, p) });

export function I18nProvider(props: { locale: Locale; timezone: string; children: ReactNode }): ReactNode {
  const value: I18n = { locale: props.locale, timezone: props.timezone, t: (k, p) => translate(props.locale, k, p) };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
