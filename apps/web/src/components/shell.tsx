import { Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, match, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { CONSOLE, PORTAL } from './routes.ts';
import { TenantPicker } from './tenant-picker.tsx';

/** Header, navigation and the current screen; the skip link lets keyboard users jump past the navigation. */
export function Shell(): ReactNode {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const screens = user.party === 'customer' ? PORTAL : CONSOLE;
  let found: { Component: (typeof screens)[number]['component']; params: Record<string, string> } | undefined;
  for (const s of screens) {
    const params = match(s.pattern, path);
    if (params) {
      found = { Component: s.component, params };
      break;
    }
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <span className="brand">Mamori</span>
        <span className="party">{user.party === 'customer' ? t('shell.portal') : t('shell.console')}</span>
        <TenantPicker />
        <span className="spacer" />
        <LanguageSwitch />
        <span className="who" title={user.username}>
          {user.displayName}
        </span>
        <button type="button" onClick={signOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('shell.nav')}>
        <ul>
          {screens
            .filter((s) => s.nav)
            .map((s) => (
              <li key={s.pattern}>
                <Link to={s.pattern} current={path === s.pattern}>
                  {t(s.nav!)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          {found ? <found.Component key={path} params={found.params} /> : <h1>{t('common.notFound')}</h1>}
        </Suspense>
      </main>
    </div>
  );
}
