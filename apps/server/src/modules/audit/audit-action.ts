/** Verbs for routes that do not end in one of their own (`/alerts/:id/ack` does). */
const METHOD_VERB: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/**
 * A dotted action name from a route pattern, for requests whose service did not name one:
 * `POST /api/v1/tenants/:slug/devices` → `devices.create`, `POST /api/v1/tenants/:slug/alerts/:id/ack` → `alerts.ack`.
 */
export function actionOf(method: string, routePattern: string): string {
  const parts = routePattern.replace(/^\/api\/v1\/?/, '').split('/').filter(Boolean);
  const names = parts.filter((p) => !p.startsWith(':'));
  // `tenants/:slug/...` only scopes the route; the object is what follows it.
  if (names[0] === 'tenants' && names.length > 1) names.shift();
  const last = parts[parts.length - 1] ?? '';
  const endsInVerb = parts.length >= 2 && !last.startsWith(':') && parts[parts.length - 2]!.startsWith(':') && method === 'POST';
  if (endsInVerb) return names.join('.');
  return [...names, METHOD_VERB[method] ?? method.toLowerCase()].join('.');
}
