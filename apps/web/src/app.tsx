import { useEffect, useState, type ReactNode } from 'react';
import { browserLocale, I18nProvider, type Locale } from './i18n/i18n.tsx';
import { navigate, useLocation } from './lib/router.tsx';
import { loadSession, SessionContext, signOut, type User } from './lib/session.tsx';
import { Shell } from './components/shell.tsx';
import { MustChangePassword } from './screens/password.tsx';
import { SignIn } from './screens/sign-in.tsx';

const TENANT_KEY = 'mamori.tenant';

/** Session gate: signed out → sign-in; customers live under /portal, provider staff under /console. */
export function App(): ReactNode {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [tenant, setTenantState] = useState<string | undefined>(localStorage.getItem(TENANT_KEY) ?? undefined);
  const { path } = useLocation();
  const fallback: Locale = (localStorage.getItem('mamori.locale') as Locale | null) ?? browserLocale();

  useEffect(() => {
    loadSession(fallback).then(
      (u) => setUser(u ?? null),
      () => setUser(null),
    );
    // The session is loaded once per page load.
  }, []);

  const home = user?.party === 'customer' ? '/portal' : '/console';
  useEffect(() => {
    if (user === null && path !== '/signin') navigate('/signin', true);
    if (user && (path === '/' || path === '/signin')) navigate(home, true);
    if (user?.party === 'customer' && path.startsWith('/console')) navigate('/portal', true);
  }, [user, path, home]);

  useEffect(() => {
    document.documentElement.lang = user?.locale ?? fallback;
  }, [user, fallback]);

  if (user === undefined) return null;
  if (user === null) {
    return (
      <I18nProvider locale={fallback} timezone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
        <SignIn onSignedIn={setUser} />
      </I18nProvider>
    );
  }
  const setTenant = (slug: string) => {
    localStorage.setItem(TENANT_KEY, slug);
    setTenantState(slug);
  };
  const session = {
    user,
    tenant: user.tenant ?? tenant,
    setTenant,
    setUser,
    signOut: () => {
      void signOut().then(() => {
        setUser(null);
        navigate('/signin');
      });
    },
  };
  return (
    <I18nProvider locale={user.locale} timezone={user.timezone}>
      <SessionContext.Provider value={session}>
        {user.mustChangePassword ? <MustChangePassword /> : <Shell />}
      </SessionContext.Provider>
    </I18nProvider>
  );
}
