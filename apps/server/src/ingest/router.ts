import { extractSyslogHostname } from '@mamori/parsers';

/** Where a message belongs: the tenant, the device, and how to read it. */
export interface DeviceRoute {
  tenantId: number;
  deviceId: number;
  format: string;
  timezone: string;
}

export const UNASSIGNED_TENANT_ID = 0;

export interface RouteEntry extends DeviceRoute {
  addresses: string[];
  hostname: string | null;
}

/**
 * Attributes syslog messages to devices (TEN-3): by sender address first (cheap and hard to spoof
 * over TCP), then by the hostname in the syslog header. Unknown senders get no route and go to the
 * unassigned area.
 */
export class Router {
  private byAddress = new Map<string, DeviceRoute>();
  private byHostname = new Map<string, DeviceRoute>();

  load(entries: RouteEntry[]): void {
    const byAddress = new Map<string, DeviceRoute>();
    const byHostname = new Map<string, DeviceRoute>();
    for (const e of entries) {
      const route: DeviceRoute = { tenantId: e.tenantId, deviceId: e.deviceId, format: e.format, timezone: e.timezone };
      for (const a of e.addresses) byAddress.set(normaliseAddress(a), route);
      if (e.hostname) byHostname.set(e.hostname.toLowerCase(), route);
    }
    this.byAddress = byAddress;
    this.byHostname = byHostname;
  }

  route(sender: string, line: string): DeviceRoute | undefined {
    const byAddr = this.byAddress.get(sender);
    if (byAddr) return byAddr;
    if (this.byHostname.size === 0) return undefined;
    const host = extractSyslogHostname(line);
    return host ? this.byHostname.get(host.toLowerCase()) : undefined;
  }
}

/** Node reports IPv4 senders on dual-stack sockets as ::ffff:a.b.c.d. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
