import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { DeviceTable } from '../../stores/control/control-schema.ts';
import type { RouteEntry } from '../../ingest/router.ts';

export type DeviceRow = Selectable<DeviceTable>;
export type DeviceWithAddresses = DeviceRow & { addresses: string[] };

export class DevicesRepository {
  constructor(private readonly db: ControlDb) {}

  async insert(row: Insertable<DeviceTable>, addresses: string[]): Promise<DeviceWithAddresses> {
    return this.db.transaction().execute(async (trx) => {
      const device = await trx.insertInto('devices').values(row).returningAll().executeTakeFirstOrThrow();
      for (const address of addresses) {
        await trx.insertInto('device_addresses').values({ address, device_id: device.id, tenant_id: device.tenant_id }).execute();
      }
      return { ...device, addresses };
    });
  }

  async list(tenantId: number): Promise<DeviceWithAddresses[]> {
    const devices = await this.db.selectFrom('devices').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
    const addresses = await this.db.selectFrom('device_addresses').selectAll().where('tenant_id', '=', tenantId).execute();
    return devices.map((d) => ({ ...d, addresses: addresses.filter((a) => a.device_id === d.id).map((a) => a.address) }));
  }

  async byName(tenantId: number, name: string): Promise<DeviceWithAddresses | undefined> {
    const d = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!d) return undefined;
    const addresses = await this.db.selectFrom('device_addresses').select('address').where('device_id', '=', d.id).execute();
    return { ...d, addresses: addresses.map((a) => a.address) };
  }

  addressOwner(address: string): Promise<{ device_id: number } | undefined> {
    return this.db.selectFrom('device_addresses').select('device_id').where('address', '=', address).executeTakeFirst();
  }

  async update(id: number, tenantId: number, patch: Updateable<DeviceTable>, addresses?: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (Object.keys(patch).length > 0) {
        await trx.updateTable('devices').set(patch).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
      }
      if (addresses) {
        await trx.deleteFrom('device_addresses').where('device_id', '=', id).execute();
        for (const address of addresses) {
          await trx.insertInto('device_addresses').values({ address, device_id: id, tenant_id: tenantId }).execute();
        }
      }
    });
  }

  async delete(id: number, tenantId: number): Promise<void> {
    await this.db.deleteFrom('devices').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
  }

  /** Devices whose log silence check is due: expected interval set and last line older than it. */
  silentSince(now: number): Promise<DeviceRow[]> {
    return this.db
      .selectFrom('devices')
      .selectAll()
      .where('expected_interval_seconds', 'is not', null)
      .execute()
      .then((rows) => rows.filter((d) => now - (d.last_seen_at ?? d.created_at) > d.expected_interval_seconds! * 1000));
  }

  withSilenceCheck(): Promise<DeviceRow[]> {
    return this.db.selectFrom('devices').selectAll().where('expected_interval_seconds', 'is not', null).execute();
  }

  async routes(): Promise<RouteEntry[]> {
    const devices = await this.db.selectFrom('devices').selectAll().execute();
    const addresses = await this.db.selectFrom('device_addresses').selectAll().execute();
    const byDevice = new Map<number, string[]>();
    for (const a of addresses) {
      const list = byDevice.get(a.device_id) ?? [];
      list.push(a.address);
      byDevice.set(a.device_id, list);
    }
    return devices.map((d) => ({
      tenantId: d.tenant_id,
      deviceId: d.id,
      format: d.format,
      timezone: d.timezone,
      hostname: d.hostname,
      addresses: byDevice.get(d.id) ?? [],
    }));
  }
}
