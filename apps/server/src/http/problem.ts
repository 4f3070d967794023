import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MamoriError } from '../errors.ts';

/** Every error leaves as application/problem+json (RFC 9457), translated here and nowhere else. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status = 500;
    let title = 'Internal error';
    let detail = 'the server could not complete the request';
    let errors: unknown;
    let code: string | undefined;
    if (err instanceof MamoriError) {
      status = err.status;
      title = err.title;
      detail = err.message;
      code = err.code;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      title = 'Invalid input';
      detail = err.validation.map((v) => `${v.instancePath || 'request'}: ${v.message}`).join('; ');
      errors = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      title = 'Request rejected';
      detail = err.message;
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    void reply
      .status(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title, status, detail, ...(code ? { code } : {}), ...(errors ? { errors } : {}) });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not found', status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
}
