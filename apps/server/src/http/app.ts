import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuthenticationError } from '../errors.ts';
import type { SessionRequestAuth } from '../modules/identity/session-auth.ts';
import type { TokensService } from '../modules/tokens/tokens.service.ts';
import { requireParty, requireScope } from './principal.ts';
import { installProblemHandler } from './problem.ts';
import type { TypedApp } from './typed.ts';

export interface HttpOptions {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  tokens: TokensService;
  /** Cookie sessions of signed-in users; without it only bearer tokens authenticate. */
  sessions?: SessionRequestAuth | undefined;
}

/**
 * The HTTP shell: validation, OpenAPI, problem+json and authentication by bearer token or session cookie.
 * Every route under /api/v1 declares the scope it needs in `config.scope` (or `config.public` for sign-in);
 * a route without one is refused, so forgetting to protect a route fails closed.
 */
export async function createHttpApp(opts: HttpOptions): Promise<TypedApp> {
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: opts.bodyLimitBytes,
    // Ingest sends thousands of requests a minute; per-request log lines would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Mamori API', version: '1', description: 'Security operations platform: ingest, search, detection, response.' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'mamori_session' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (req) => {
    const url = req.url;
    if (!url.startsWith('/api/v1/') || url.startsWith('/api/v1/openapi.json')) return;
    if (req.routeOptions.config.public) return;
    const scope = req.routeOptions.config.scope;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    // A bearer token wins over a cookie: scripts never need CSRF tokens, browsers never send bearer headers.
    const principal = token ? await opts.tokens.authenticate(token) : await opts.sessions?.authenticate(req);
    if (!principal) throw new AuthenticationError(token ? 'the token is unknown, revoked or expired' : 'sign in or send a bearer token');
    if (!scope) {
      if (req.routeOptions.url === undefined) return; // no such route: the not-found handler answers 404
      throw new AuthenticationError('this route is not open to tokens');
    }
    requireScope(principal, scope);
    const party = req.routeOptions.config.party;
    if (party) requireParty(principal, party);
    req.principal = principal;
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app;
}
