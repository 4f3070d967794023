import { isIP } from 'node:net';

/** Observable types an incident records; alerts carry bare values, so the type is read off the value's shape. */
export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'user', 'host'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export function observableTypeOf(value: string): ObservableType {
  if (isIP(value)) return 'ip';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'url';
  if (/^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})$/i.test(value)) return 'hash';
  if (value.includes('@') || value.includes('\\')) return 'user';
  if (/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i.test(value)) return 'domain';
  return 'host';
}

/** An alert's source/target observables; correlation alerts join several values with ",". */
export function splitObservable(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
