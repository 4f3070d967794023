import type { ControlDb } from '../stores/control/control-store.ts';

/**
 * Remembers, between flushes, when each device last sent and which unknown senders appeared, so the
 * hot path touches only memory; `flush` writes it to the control store every few seconds.
 */
export class SourceTracker {
  private devices = new Map<number, number>();
  private unassigned = new Map<string, { sender: string; hostname: string; first: number; last: number; count: number }>();

  deviceSeen(deviceId: number, at: number): void {
    const prev = this.devices.get(deviceId);
    if (prev === undefined || at > prev) this.devices.set(deviceId, at);
  }

  unassignedSeen(sender: string, hostname: unknown, at: number): void {
    const host = typeof hostname === 'string' ? hostname.slice(0, 255) : '';
    const key = `${sender}\u0000${host}`;
    const entry = this.unassigned.get(key);
    if (entry) {
      entry.count++;
      if (at > entry.last) entry.last = at;
    } else {
      this.unassigned.set(key, { sender, hostname: host, first: at, last: at, count: 1 });
    }
  }

  async flush(db: ControlDb): Promise<void> {
    const devices = this.devices;
    const unassigned = this.unassigned;
    this.devices = new Map();
    this.unassigned = new Map();
    if (devices.size === 0 && unassigned.size === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const [id, at] of devices) {
        await trx
          .updateTable('devices')
          .set({ last_seen_at: at })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
          .execute();
      }
      for (const u of unassigned.values()) {
        await trx
          .insertInto('unassigned_sources')
          .values({
            sender: u.sender,
            hostname: u.hostname,
            first_seen_at: u.first,
            last_seen_at: u.last,
            message_count: u.count,
            assigned_device_id: null,
          })
          .onConflict((oc) =>
            oc.columns(['sender', 'hostname']).doUpdateSet((eb) => ({
              last_seen_at: eb.ref('excluded.last_seen_at'),
              message_count: eb('unassigned_sources.message_count', '+', eb.ref('excluded.message_count')),
            })),
          )
          .execute();
      }
    });
  }
}
