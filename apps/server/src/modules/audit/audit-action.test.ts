import { describe, expect, it } from 'vitest';
import { actionOf } from './audit-action.ts';

describe('actionOf', () => {
  it('names the object and the verb of a route', () => {
    expect(actionOf('POST', '/api/v1/tenants')).toBe('tenants.create');
    expect(actionOf('DELETE', '/api/v1/tenants/:slug')).toBe('tenants.delete');
    expect(actionOf('POST', '/api/v1/tenants/:slug/devices')).toBe('devices.create');
    expect(actionOf('PATCH', '/api/v1/tenants/:slug/devices/:name')).toBe('devices.update');
    expect(actionOf('POST', '/api/v1/tenants/:slug/alerts/:id/ack')).toBe('alerts.ack');
    expect(actionOf('POST', '/api/v1/admin/retention/run')).toBe('admin.retention.run.create');
  });
});
