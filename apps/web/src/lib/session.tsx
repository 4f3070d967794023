import { createContext, useContext } from 'react';
import { api, ApiError, apiToken, setApiToken, setCsrfToken } from './api.ts';
import type { Locale } from '../i18n/i18n.tsx';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  party: 'provider' | 'customer';
  tenant: string | null;
  locale: Locale;
  timezone: string;
  totpEnabled: boolean;
  mustChangePassword?: boolean;
}

interface SessionBody {
  user: User;
  csrfToken: string;
}

/** The signed-in user, or the holder of an API token shown as a provider (or tenant-bound) user. */
export async function loadSession(fallbackLocale: Locale): Promise<User | undefined> {
  if (apiToken()) return tokenUser(fallbackLocale);
  try {
    const body = await api.get<SessionBody>('/api/v1/auth/me');
    setCsrfToken(body.csrfToken);
    return body.user;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return undefined;
    throw err;
  }
}

export async function signIn(username: string, password: string, totp?: string): Promise<User> {
  const body = await api.post<SessionBody>('/api/v1/auth/login', { username, password, ...(totp ? { totp } : {}) });
  setCsrfToken(body.csrfToken);
  return body.user;
}

/** A token holder is shown as provider staff; a tenant-bound token simply lists only its own tenant. */
export async function signInWithToken(token: string, fallbackLocale: Locale): Promise<User> {
  setApiToken(token);
  try {
    return await tokenUser(fallbackLocale);
  } catch (err) {
    setApiToken(undefined);
    throw err;
  }
}

async function tokenUser(locale: Locale): Promise<User> {
  await api.get('/api/v1/tenants'); // proves the token works before the shell opens
  return {
    id: 0,
    username: 'api-token',
    displayName: 'API token',
    role: 'token',
    party: 'provider',
    tenant: null,
    locale: (localStorage.getItem('mamori.locale') as Locale | null) ?? locale,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    totpEnabled: false,
  };
}

export async function signOut(): Promise<void> {
  if (apiToken()) setApiToken(undefined);
  else await api.post('/api/v1/auth/logout').catch(() => undefined);
  setCsrfToken(undefined);
}

/** Remembered per user on the server; token holders keep it in this browser. */
export async function savePreferences(user: User, prefs: { locale?: Locale; timezone?: string }): Promise<void> {
  if (prefs.locale) localStorage.setItem('mamori.locale', prefs.locale);
  if (user.id !== 0) await api.put('/api/v1/auth/me/preferences', prefs);
}

export interface SessionState {
  user: User;
  /** The tenant being looked at: the customer's own, or the provider's choice. */
  tenant: string | undefined;
  setTenant: (slug: string) => void;
  setUser: (u: User) => void;
  signOut: () => void;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}
