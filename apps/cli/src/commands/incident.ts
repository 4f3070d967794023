import type { Command } from 'commander';
import { CliError, apiJson } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

interface IncidentRow {
  id: number;
  title: string;
  type: string;
  severity: string;
  status: string;
  assignee: string | null;
  detectedAt: string;
  closedAt: string | null;
}

interface IncidentDetail extends IncidentRow {
  tasks: { position: number; title: { ja: string; en: string }; done: boolean; assignee: string | null }[];
  timeline: { at: string; actor: string; text: string }[];
  sla: { clock: string; targetMinutes: number; dueAt: string; elapsedMinutes: number | null; stoppedAt: string | null; breached: boolean }[];
}

interface SlaReport {
  compliance: { severity: string; clock: string; count: number; met: number; breached: number; running: number; medianMinutes: number | null; p90Minutes: number | null }[];
  breaches: { subject: { kind: string; id: number }; clock: string; severity: string; dueAt: string; elapsedMinutes: number | null; targetMinutes: number }[];
}

const tenantPath = (slug: string) => `/api/v1/tenants/${encodeURIComponent(slug)}`;

/** `mamori incident list|show` and `mamori sla report` through the API (docs/incidents.md). */
export function registerIncidentCommands(program: Command): void {
  const incident = program.command('incident').description('incidents of a tenant (lifecycle, tasks, SLA clocks)');
  incident
    .command('list')
    .requiredOption('--tenant <slug>')
    .option('--status <status>', 'open, or one lifecycle status such as investigating or closed')
    .option('--json')
    .action(async (opts: { tenant: string; status?: string; json?: boolean }) => {
      const q = opts.status ? `?status=${encodeURIComponent(opts.status)}` : '';
      const rows = await apiJson<IncidentRow[]>(`${tenantPath(opts.tenant)}/incidents${q}`);
      if (opts.json) return printJson(rows);
      printTable(rows as unknown as Array<Record<string, unknown>>, ['id', 'status', 'severity', 'type', 'title', 'assignee', 'detectedAt', 'closedAt']);
    });

  incident
    .command('show <id>')
    .requiredOption('--tenant <slug>')
    .option('--json')
    .action(async (id: string, opts: { tenant: string; json?: boolean }) => {
      if (!/^\d+$/.test(id)) throw new CliError('the incident id is a number');
      const d = await apiJson<IncidentDetail>(`${tenantPath(opts.tenant)}/incidents/${id}`);
      if (opts.json) return printJson(d);
      console.log(`#${d.id} ${d.title}\n${d.status} · ${d.severity} · ${d.type} · detected ${d.detectedAt}${d.closedAt ? ` · closed ${d.closedAt}` : ''}\n`);
      printTable(
        d.sla.map((c) => ({ ...c, state: c.breached ? 'breached' : c.stoppedAt ? 'met' : 'running' })),
        ['clock', 'targetMinutes', 'elapsedMinutes', 'dueAt', 'state'],
      );
      console.log('');
      printTable(
        d.tasks.map((t) => ({ '#': t.position, done: t.done ? 'x' : '', task: t.title.en, assignee: t.assignee })),
        ['#', 'done', 'task', 'assignee'],
      );
    });

  const sla = program.command('sla').description('SLA compliance of a tenant');
  sla
    .command('report')
    .requiredOption('--tenant <slug>')
    .requiredOption('--month <YYYY-MM>')
    .option('--json')
    .action(async (opts: { tenant: string; month: string; json?: boolean }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new CliError('--month is YYYY-MM, e.g. 2026-11');
      const r = await apiJson<SlaReport>(`${tenantPath(opts.tenant)}/sla?month=${opts.month}`);
      if (opts.json) return printJson(r);
      printTable(r.compliance, ['severity', 'clock', 'count', 'met', 'breached', 'running', 'medianMinutes', 'p90Minutes']);
      console.log(`\n${r.breaches.length} breach(es)`);
      if (r.breaches.length) {
        printTable(
          r.breaches.map((b) => ({ subject: `${b.subject.kind} ${b.subject.id}`, clock: b.clock, severity: b.severity, dueAt: b.dueAt, elapsed: b.elapsedMinutes, target: b.targetMinutes })),
          ['subject', 'clock', 'severity', 'dueAt', 'elapsed', 'target'],
        );
      }
    });
}
