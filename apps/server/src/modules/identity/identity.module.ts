import type { MamoriConfig } from '../../config/config.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { authRoutes } from './auth.routes.ts';
import { AuthService } from './auth.service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { OidcService } from './oidc.service.ts';
import { SessionRequestAuth } from './session-auth.ts';
import { SessionsRepository } from './sessions.repository.ts';
import { SessionsService } from './sessions.service.ts';
import { UsersRepository } from './users.repository.ts';
import { usersRoutes } from './users.routes.ts';
import { UsersService } from './users.service.ts';

/** Users, sessions, sign-in (password, TOTP, OIDC) and user administration, wired from one place. */
export function createIdentityModule(db: ControlDb, tenants: TenantsService, config: MamoriConfig['identity'], audit: AuditRecorder) {
  const usersRepo = new UsersRepository(db);
  const sessions = new SessionsService(new SessionsRepository(db), config.session);
  const auth = new AuthService(usersRepo, sessions, new LoginThrottle(config.lockout.maxFailuresPerIp), config.lockout, audit);
  const oidc = config.oidc ? new OidcService(config.oidc, usersRepo, tenants, sessions, audit) : undefined;
  const users = new UsersService(usersRepo, tenants, sessions);
  return {
    usersRepo,
    sessionAuth: new SessionRequestAuth(sessions, usersRepo),
    routes: (app: TypedApp) => {
      authRoutes(app, { auth, sessions, oidc, tenantSlug: tenants.label, reload: async (id) => (await usersRepo.byId(id))! });
      usersRoutes(app, users, tenants.label);
    },
    /** For the first-start hint: a fresh install has no users yet. */
    hasUsers: async () => (await usersRepo.count()) > 0,
    purgeExpiredSessions: () => sessions.purgeExpired(),
  };
}
