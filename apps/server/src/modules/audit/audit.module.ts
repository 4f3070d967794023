import type { TypedApp } from '../../http/typed.ts';
import type { ControlStore } from '../../stores/control/control-store.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { AuditLog } from './audit-log.ts';
import { installAuditHook } from './audit.hook.ts';
import { AuditRepository } from './audit.repository.ts';
import { auditRoutes } from './audit.routes.ts';

/** The audit log, its request hook (install before the routes it records) and its read routes. */
export function createAuditModule(control: ControlStore, tenants: TenantsService) {
  const log = new AuditLog(control);
  return {
    log,
    installHook: (app: TypedApp) => installAuditHook(app, log, async (slug) => (await tenants.repo.bySlug(slug))?.id),
    routes: (app: TypedApp) => auditRoutes(app, log, new AuditRepository(control.db), tenants),
  };
}
