import type { ControlDb } from '../stores/control/control-store.ts';

export interface SilenceOutcome {
  opened: number;
  resolved: number;
}

const SEVERITY_BY_CRITICALITY = ['low', 'low', 'medium', 'medium', 'high', 'high'];

/**
 * ING-5: a device that sent nothing for longer than its expected interval gets one open log-silence
 * alert (repeats only bump it); the alert resolves itself when lines arrive again.
 */
export async function checkLogSilence(db: ControlDb, now: number): Promise<SilenceOutcome> {
  const devices = await db.selectFrom('devices').selectAll().where('expected_interval_seconds', 'is not', null).execute();
  const open = await db.selectFrom('alerts').selectAll().where('kind', '=', 'log_silence').where('status', '=', 'open').execute();
  const openByDevice = new Map(open.map((a) => [a.device_id, a]));
  const outcome: SilenceOutcome = { opened: 0, resolved: 0 };
  for (const d of devices) {
    const lastSeen = d.last_seen_at == null ? null : Number(d.last_seen_at);
    const silentMs = now - (lastSeen ?? Number(d.created_at));
    const silent = silentMs > d.expected_interval_seconds! * 1000;
    const alert = openByDevice.get(d.id);
    const details = JSON.stringify({
      device: d.name,
      expectedIntervalSeconds: d.expected_interval_seconds,
      lastSeenAt: lastSeen == null ? null : new Date(lastSeen).toISOString(),
      silentForSeconds: Math.round(silentMs / 1000),
    });
    if (silent && !alert) {
      await db
        .insertInto('alerts')
        .values({
          tenant_id: d.tenant_id,
          device_id: d.id,
          kind: 'log_silence',
          severity: SEVERITY_BY_CRITICALITY[d.criticality] ?? 'medium',
          status: 'open',
          title: `No logs from ${d.name}`,
          details,
          first_seen_at: now,
          last_seen_at: now,
          occurrences: 1,
          resolved_at: null,
        })
        .execute();
      outcome.opened++;
    } else if (silent && alert) {
      await db
        .updateTable('alerts')
        .set({ last_seen_at: now, details, occurrences: alert.occurrences + 1 })
        .where('id', '=', alert.id)
        .execute();
    } else if (!silent && alert) {
      await db.updateTable('alerts').set({ status: 'resolved', resolved_at: now, details }).where('id', '=', alert.id).execute();
      outcome.resolved++;
    }
  }
  return outcome;
}
