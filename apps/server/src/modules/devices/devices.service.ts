import { ConflictError, NotFoundError } from '../../errors.ts';
import type { DeviceRoute, Router } from '../../ingest/router.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { DevicesRepository, type DeviceWithAddresses } from './devices.repository.ts';
import type { CreateDeviceInput, DeviceView, UpdateDeviceInput } from './devices.schemas.ts';

export class DevicesService {
  private routesById = new Map<number, DeviceRoute>();

  constructor(
    readonly repo: DevicesRepository,
    private readonly router: Router,
  ) {}

  /** Routing reads devices from memory; every change reloads it. */
  async reloadRoutes(): Promise<void> {
    const routes = await this.repo.routes();
    this.router.load(routes);
    this.routesById = new Map(routes.map((r) => [r.deviceId, r]));
  }

  /** The route of a device-bound ingest token, from memory. */
  routeOf(deviceId: number): DeviceRoute | undefined {
    return this.routesById.get(deviceId);
  }

  async create(tenant: TenantRow, input: CreateDeviceInput): Promise<DeviceView> {
    if (await this.repo.byName(tenant.id, input.name)) throw new ConflictError(`device ${input.name} exists already`);
    await this.assertAddressesFree(input.addresses);
    const device = await this.repo.insert(
      {
        tenant_id: tenant.id,
        name: input.name,
        kind: input.kind,
        vendor: input.vendor ?? null,
        product: input.product ?? null,
        format: input.format,
        timezone: input.timezone,
        hostname: input.hostname ?? null,
        criticality: input.criticality,
        expected_interval_seconds: input.expectedIntervalSeconds ?? null,
        last_seen_at: null,
        created_at: Date.now(),
      },
      input.addresses,
    );
    await this.reloadRoutes();
    return toView(device);
  }

  async get(tenant: TenantRow, name: string): Promise<DeviceWithAddresses> {
    const d = await this.repo.byName(tenant.id, name);
    if (!d) throw new NotFoundError('no such device');
    return d;
  }

  async list(tenant: TenantRow): Promise<DeviceView[]> {
    return (await this.repo.list(tenant.id)).map(toView);
  }

  async update(tenant: TenantRow, name: string, input: UpdateDeviceInput): Promise<DeviceView> {
    const device = await this.get(tenant, name);
    if (input.addresses) await this.assertAddressesFree(input.addresses, device.id);
    await this.repo.update(
      device.id,
      tenant.id,
      {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.vendor !== undefined && { vendor: input.vendor }),
        ...(input.product !== undefined && { product: input.product }),
        ...(input.format !== undefined && { format: input.format }),
        ...(input.timezone !== undefined && { timezone: input.timezone }),
        ...(input.hostname !== undefined && { hostname: input.hostname }),
        ...(input.criticality !== undefined && { criticality: input.criticality }),
        ...(input.expectedIntervalSeconds !== undefined && { expected_interval_seconds: input.expectedIntervalSeconds }),
      },
      input.addresses,
    );
    await this.reloadRoutes();
    return toView(await this.get(tenant, name));
  }

  async delete(tenant: TenantRow, name: string): Promise<void> {
    const device = await this.get(tenant, name);
    await this.repo.delete(device.id, tenant.id);
    await this.reloadRoutes();
  }

  /** One address belongs to one device, or routing would be ambiguous. */
  private async assertAddressesFree(addresses: string[], exceptDeviceId?: number): Promise<void> {
    for (const address of addresses) {
      const owner = await this.repo.addressOwner(address);
      if (owner && owner.device_id !== exceptDeviceId) throw new ConflictError(`address ${address} already belongs to another device`);
    }
  }
}

export function toView(d: DeviceWithAddresses): DeviceView {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    vendor: d.vendor,
    product: d.product,
    format: d.format,
    addresses: d.addresses,
    hostname: d.hostname,
    timezone: d.timezone,
    criticality: d.criticality,
    expectedIntervalSeconds: d.expected_interval_seconds,
    lastSeenAt: d.last_seen_at == null ? null : new Date(Number(d.last_seen_at)).toISOString(),
  };
}
