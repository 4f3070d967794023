import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { SlaClockTable } from '../../stores/control/control-schema.ts';
import { allowedNext, type IncidentStatus } from './incident-lifecycle.ts';
import type { IncidentRecord, IncidentRow } from './incidents.repository.ts';
import type { incidentDetail, incidentSummary, slaClockView } from './incidents.schemas.ts';

const iso = (ms: number | null | bigint) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function summaryView(i: IncidentRow): z.infer<typeof incidentSummary> {
  return {
    id: i.id,
    title: i.title,
    type: i.type,
    severity: i.severity,
    status: i.status,
    assignee: i.assignee,
    detectedAt: iso(i.detected_at)!,
    createdAt: iso(i.created_at)!,
    updatedAt: iso(i.updated_at)!,
    closedAt: iso(i.closed_at),
  };
}

export function clockView(c: Selectable<SlaClockTable>): z.infer<typeof slaClockView> {
  return {
    clock: c.clock,
    severity: c.severity,
    startedAt: iso(c.started_at)!,
    targetMinutes: c.target_minutes,
    dueAt: iso(c.due_at)!,
    stoppedAt: iso(c.stopped_at),
    elapsedMinutes: c.elapsed_minutes,
    breached: c.breached_at !== null,
    warnedSteps: c.warned_steps,
  };
}

export function detailView(r: IncidentRecord, clocks: Selectable<SlaClockTable>[]): z.infer<typeof incidentDetail> {
  const i = r.incident;
  return {
    ...summaryView(i),
    summary: i.summary,
    impact: i.impact,
    rootCause: i.root_cause,
    lessonsLearned: i.lessons_learned,
    createdBy: i.created_by,
    allowedNext: [...allowedNext(i.status as IncidentStatus)],
    tasks: r.tasks.map((t) => ({
      id: t.id,
      position: t.position,
      title: { ja: t.title_ja, en: t.title_en },
      detail: { ja: t.detail_ja, en: t.detail_en },
      done: t.done === 1,
      doneAt: iso(t.done_at),
      doneBy: t.done_by,
      assignee: t.assignee,
      note: t.note,
    })),
    timeline: r.timeline.map((e) => ({ at: iso(e.at)!, actor: e.actor, kind: e.kind, text: e.text, details: e.details === null ? null : (JSON.parse(e.details) as unknown) })),
    observables: r.observables.map((o) => ({ type: o.type, value: o.value, role: o.role })),
    alerts: r.alerts.map((a) => ({ ...a, firstSeenAt: iso(a.firstSeenAt)! })),
    events: r.events,
    assets: r.assets.map((a) => ({ deviceId: a.device_id, host: a.host, note: a.note })),
    evidence: r.evidence.map((e) => ({
      id: e.id,
      filename: e.filename,
      contentType: e.content_type,
      size: Number(e.size),
      sha256: e.sha256,
      uploadedAt: iso(e.uploaded_at)!,
      uploadedBy: e.uploaded_by,
    })),
    sla: clocks.map(clockView),
  };
}
