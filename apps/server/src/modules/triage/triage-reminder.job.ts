/**
 * ALR-5 "watch until a date": when the date comes, the alert returns to the queue as a new entry (kind
 * triage_reminder) pointing at the original, and the original's history says so.
 */
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AlertsRepository } from '../alerts/alerts.repository.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { TriageRepository } from './triage.repository.ts';

export async function remindDueWatches(db: ControlDb, triage: TriageRepository, alerts: AlertsRepository, now: number, audit?: AuditRecorder): Promise<number> {
  const due = await triage.due(now, 100);
  for (const t of due) {
    const original = await alerts.byId(t.tenant_id, t.alert_id);
    if (!original) {
      // The alert went with its tenant or was removed: nothing to remind of.
      await triage.markReminded(db, t.alert_id, null);
      continue;
    }
    const reminderId = await db.transaction().execute(async (trx) => {
      const reminderId = await alerts.insert(trx, {
        tenant_id: original.tenant_id,
        device_id: original.device_id,
        kind: 'triage_reminder',
        severity: original.severity,
        status: 'open',
        title: `Watch period ended: ${original.title}`,
        details: JSON.stringify({
          remindsAlert: original.id,
          anomalyType: t.anomaly_type,
          note: t.note,
          message: { ja: `経過観察の期限になりました（アラート #${original.id}）。再評価してください。`, en: `The watch period of alert #${original.id} has ended; triage it again.` },
        }),
        first_seen_at: now,
        last_seen_at: now,
        occurrences: 1,
        resolved_at: null,
        rule_id: original.rule_id,
        rule_title: original.rule_title,
        rule_level: original.rule_level,
        rule_author: original.rule_author,
        rule_tags: original.rule_tags,
        source_observable: original.source_observable,
        target_observable: original.target_observable,
      });
      await triage.markReminded(trx, t.alert_id, reminderId);
      await alerts.addHistory(trx, [
        { tenantId: t.tenant_id, alertId: t.alert_id, at: now, actor: 'system:triage-reminder', action: 'watch_ended', details: { reminderAlertId: reminderId } },
      ]);
      return reminderId;
    });
    await audit?.record({ actor: 'system:triage-reminder', tenantId: t.tenant_id, action: 'alert.watch_ended', target: `alert:${t.alert_id}`, outcome: 'success', after: { reminderAlertId: reminderId } });
  }
  return due.length;
}
