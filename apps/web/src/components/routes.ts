import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/i18n.tsx';

type ScreenComponent = ComponentType<{ params: Record<string, string> }>;

export interface Screen {
  pattern: string;
  /** Shown in the navigation when set. */
  nav?: MessageKey;
  component: LazyExoticComponent<ScreenComponent> & { preload: () => Promise<unknown> };
}

// Each screen is its own chunk, so the first page loads only the shell and the screen it shows; `preload`
// starts that download while the session is still being checked.
const screen = <K extends string>(load: () => Promise<Record<K, ScreenComponent>>, name: K) => {
  let loading: Promise<Record<K, ScreenComponent>> | undefined;
  const once = () => (loading ??= load());
  return Object.assign(
    lazy(async () => ({ default: (await once())[name] })),
    { preload: once },
  );
};

export const CONSOLE: Screen[] = [
  { pattern: '/console', nav: 'nav.overview', component: screen(() => import('../screens/overview.tsx'), 'Overview') },
  { pattern: '/console/alerts', nav: 'nav.alerts', component: screen(() => import('../screens/alert-queue.tsx'), 'AlertQueue') },
  { pattern: '/console/alerts/:tenant/:id', component: screen(() => import('../screens/alert-detail.tsx'), 'AlertDetail') },
  { pattern: '/console/incidents', nav: 'nav.incidents', component: screen(() => import('../screens/incidents.tsx'), 'Incidents') },
  { pattern: '/console/incidents/:tenant/:id', component: screen(() => import('../screens/incident-detail.tsx'), 'IncidentDetail') },
  { pattern: '/console/inquiries', nav: 'nav.inquiries', component: screen(() => import('../screens/inquiries.tsx'), 'Inquiries') },
  { pattern: '/console/search', nav: 'nav.search', component: screen(() => import('../screens/search.tsx'), 'Search') },
  { pattern: '/console/tenants', nav: 'nav.tenants', component: screen(() => import('../screens/tenants.tsx'), 'Tenants') },
  { pattern: '/console/devices', nav: 'nav.devices', component: screen(() => import('../screens/devices.tsx'), 'Devices') },
  { pattern: '/console/monitors', nav: 'nav.monitors', component: screen(() => import('../screens/monitors.tsx'), 'Monitors') },
  { pattern: '/console/rules', nav: 'nav.rules', component: screen(() => import('../screens/rules.tsx'), 'Rules') },
  { pattern: '/console/tuning', nav: 'nav.tuning', component: screen(() => import('../screens/tuning.tsx'), 'Tuning') },
  { pattern: '/console/tokens', nav: 'nav.tokens', component: screen(() => import('../screens/tokens.tsx'), 'Tokens') },
  { pattern: '/console/users', nav: 'nav.users', component: screen(() => import('../screens/users.tsx'), 'Users') },
  { pattern: '/console/audit', nav: 'nav.audit', component: screen(() => import('../screens/audit-log.tsx'), 'AuditLog') },
  { pattern: '/console/account', nav: 'nav.account', component: screen(() => import('../screens/account.tsx'), 'Account') },
];

export const PORTAL: Screen[] = [
  { pattern: '/portal', nav: 'nav.portalHome', component: screen(() => import('../portal/portal-home.tsx'), 'PortalHome') },
  { pattern: '/portal/alerts/:tenant/:id', component: screen(() => import('../screens/alert-detail.tsx'), 'AlertDetail') },
  { pattern: '/portal/notifications', nav: 'nav.notifications', component: screen(() => import('../portal/notifications.tsx'), 'PortalNotifications') },
  { pattern: '/portal/inquiries', nav: 'nav.inquiries', component: screen(() => import('../screens/inquiries.tsx'), 'Inquiries') },
  { pattern: '/portal/incidents', nav: 'nav.incidents', component: screen(() => import('../screens/incidents.tsx'), 'Incidents') },
  { pattern: '/portal/incidents/:tenant/:id', component: screen(() => import('../screens/incident-detail.tsx'), 'IncidentDetail') },
  { pattern: '/portal/devices', nav: 'nav.devices', component: screen(() => import('../screens/devices.tsx'), 'Devices') },
  { pattern: '/portal/account', nav: 'nav.account', component: screen(() => import('../screens/account.tsx'), 'Account') },
];

/** Starts loading the code of the screen at `path` (both trees: the party is not known yet). */
export function preloadScreen(path: string, matcher: (pattern: string, path: string) => unknown): void {
  for (const s of [...CONSOLE, ...PORTAL]) {
    if (matcher(s.pattern, path)) {
      void s.component.preload();
      return;
    }
  }
}
