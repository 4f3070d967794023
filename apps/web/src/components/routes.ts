import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/i18n.tsx';

export interface Screen {
  pattern: string;
  /** Shown in the navigation when set. */
  nav?: MessageKey;
  component: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

// Each screen is its own chunk, so the first page loads only the shell and the screen it shows.
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType<{ params: Record<string, string> }>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

export const CONSOLE: Screen[] = [
  { pattern: '/console', nav: 'nav.overview', component: screen(() => import('../screens/overview.tsx'), 'Overview') },
  { pattern: '/console/alerts', nav: 'nav.alerts', component: screen(() => import('../screens/alert-queue.tsx'), 'AlertQueue') },
  { pattern: '/console/alerts/:tenant/:id', component: screen(() => import('../screens/alert-detail.tsx'), 'AlertDetail') },
  { pattern: '/console/incidents', nav: 'nav.incidents', component: screen(() => import('../screens/incidents.tsx'), 'Incidents') },
  { pattern: '/console/incidents/:tenant/:id', component: screen(() => import('../screens/incident-detail.tsx'), 'IncidentDetail') },
  { pattern: '/console/search', nav: 'nav.search', component: screen(() => import('../screens/search.tsx'), 'Search') },
  { pattern: '/console/tenants', nav: 'nav.tenants', component: screen(() => import('../screens/tenants.tsx'), 'Tenants') },
  { pattern: '/console/devices', nav: 'nav.devices', component: screen(() => import('../screens/devices.tsx'), 'Devices') },
  { pattern: '/console/monitors', nav: 'nav.monitors', component: screen(() => import('../screens/monitors.tsx'), 'Monitors') },
  { pattern: '/console/rules', nav: 'nav.rules', component: screen(() => import('../screens/rules.tsx'), 'Rules') },
  { pattern: '/console/tuning', nav: 'nav.tuning', component: screen(() => import('../screens/tuning.tsx'), 'Tuning') },
  { pattern: '/console/tokens', nav: 'nav.tokens', component: screen(() => import('../screens/tokens.tsx'), 'Tokens') },
  { pattern: '/console/account', nav: 'nav.account', component: screen(() => import('../screens/account.tsx'), 'Account') },
];

export const PORTAL: Screen[] = [
  { pattern: '/portal', nav: 'nav.portalHome', component: screen(() => import('../portal/portal-home.tsx'), 'PortalHome') },
  { pattern: '/portal/alerts/:tenant/:id', component: screen(() => import('../screens/alert-detail.tsx'), 'AlertDetail') },
  { pattern: '/portal/incidents', nav: 'nav.incidents', component: screen(() => import('../screens/incidents.tsx'), 'Incidents') },
  { pattern: '/portal/incidents/:tenant/:id', component: screen(() => import('../screens/incident-detail.tsx'), 'IncidentDetail') },
  { pattern: '/portal/devices', nav: 'nav.devices', component: screen(() => import('../screens/devices.tsx'), 'Devices') },
  { pattern: '/portal/account', nav: 'nav.account', component: screen(() => import('../screens/account.tsx'), 'Account') },
];
