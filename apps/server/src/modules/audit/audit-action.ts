/** Verbs for routes that do not end in one of their own (`/alerts/:id/ack` does). */
const METHOD_VERB: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/**
 * A dotted action name from a route pattern, for requests whose service did not name one:
 * `POST /api/v1/tenants/:slug/devices` → `devices.create`, `POST /api/v1/tenants/:slug/alerts/:id/ack` → `alerts.ack`.
 */
export function actionOf(method: string, routePattern: string): string {
  let parts = routePattern
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean);
  // `tenants/:slug/...` only scopes the route; the object is what follows it.
  if (parts[0] === 'tenants' && parts[1]?.startsWith(':') && parts.length > 2) parts = parts.slice(2);
  const names = parts.filter((p) => !p.startsWith(':'));
  const last = parts.length - 1;
  const endsInVerb =
    method === 'POST' && last >= 1 && !parts[last]!.startsWith(':') && parts[last - 1]!.startsWith(':');
  return endsInVerb ? names.join('.') : [...names, METHOD_VERB[method] ?? method.toLowerCase()].join('.');
}
