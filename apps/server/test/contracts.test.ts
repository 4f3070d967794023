/** Contracts (TEN-2) through the API: the documented default, validation, who may write, tenant boundaries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { tenantWithTokens, type Tokens } from './incidents-fixture.ts';

const business = {
  hours: { mode: 'business', timezone: 'Asia/Tokyo', weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', holidayCalendar: 'jp', extraHolidays: ['2026-12-29'] },
  targets: {
    critical: { notifyMinutes: 15, acknowledgeMinutes: 60, closeMinutes: 2400 },
    high: { notifyMinutes: 30, acknowledgeMinutes: 120, closeMinutes: 4800 },
    medium: { notifyMinutes: 120, acknowledgeMinutes: null, closeMinutes: null },
    low: { notifyMinutes: null, acknowledgeMinutes: null, closeMinutes: null },
  },
  escalation: [
    { atPercent: 75, escalateTo: ['SOC shift lead'] },
    { atPercent: 100, escalateTo: ['SOC manager', '情報システム部 部長'] },
  ],
};

describe('contracts through the API', () => {
  let t: TestServer;
  let tokens: Tokens;
  const route = '/api/v1/tenants/acme/contract';

  beforeAll(async () => {
    t = await startTestServer();
    tokens = await tenantWithTokens(t, 'acme', 'globex');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a tenant without a contract the round-the-clock default', async () => {
    const r = await t.api<{ isDefault: boolean; contract: { hours: { mode: string }; targets: { critical: { notifyMinutes: number } } } }>('GET', route);
    expect(r.status).toBe(200);
    expect(r.body.isDefault).toBe(true);
    expect(r.body.contract.hours.mode).toBe('24x365');
    expect(r.body.contract.targets.critical.notifyMinutes).toBe(15);
  });

  it('stores a business-hours contract that the customer can read but not change', async () => {
    const put = await t.api<{ isDefault: boolean; updatedBy: string }>('PUT', route, business);
    expect(put.status).toBe(200);
    expect(put.body.isDefault).toBe(false);
    expect(put.body.updatedBy).toMatch(/^token:/);
    const read = await t.api<{ contract: typeof business }>('GET', route, undefined, tokens.customer);
    expect(read.status).toBe(200);
    expect(read.body.contract).toEqual(business);
    expect((await t.api('PUT', route, business, tokens.customer)).status).toBe(403);
  });

  it('refuses unknown timezones, reversed hours, unordered ladders and bad dates', async () => {
    for (const bad of [
      { ...business, hours: { ...business.hours, timezone: 'Asia/Nowhere' } },
      { ...business, hours: { ...business.hours, open: '19:00' } },
      { ...business, hours: { ...business.hours, extraHolidays: ['29/12/2026'] } },
      { ...business, escalation: [...business.escalation].reverse() },
      { ...business, targets: { ...business.targets, high: { notifyMinutes: -5, acknowledgeMinutes: null, closeMinutes: null } } },
    ]) {
      expect((await t.api('PUT', route, bad)).status).toBe(400);
    }
  });

  it('hides one tenant’s contract from another tenant', async () => {
    expect((await t.api('GET', route, undefined, tokens.foreign)).status).toBe(404);
    // Another tenant's admin is a customer: refused for being one before the tenant is even looked up.
    expect((await t.api('PUT', route, business, tokens.foreign)).status).toBe(403);
    expect((await t.api<{ isDefault: boolean }>('GET', route)).body.isDefault).toBe(false);
  });
});
