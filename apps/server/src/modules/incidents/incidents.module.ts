import path from 'node:path';
import { every } from '../../jobs/every.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { contractsRoutes } from '../contracts/contracts.routes.ts';
import { ContractsService } from '../contracts/contracts.service.ts';
import { slaRoutes } from '../sla/sla.routes.ts';
import { SlaService } from '../sla/sla.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { EvidenceStore } from './evidence-store.ts';
import { incidentReportRoutes } from './incident-report.routes.ts';
import { incidentsRoutes } from './incidents.routes.ts';
import { IncidentsService } from './incidents.service.ts';
import { playbooksRoutes } from './playbooks.routes.ts';
import { PlaybooksService } from './playbooks.service.ts';

export interface IncidentsModuleOptions {
  dataDir: string;
  /** How often the SLA job looks for clocks crossing a ladder step. */
  slaCheckIntervalMs?: number;
  onError: (err: unknown) => void;
}

/**
 * Contracts, incidents, playbooks and SLA clocks wired together. `incidents` is the IncidentOpener the alert
 * queue escalates through, `sla` the SlaMilestones notifications and customer replies report to.
 */
export function createIncidentsModule(db: ControlDb, tenants: TenantsService, opts: IncidentsModuleOptions) {
  const contracts = new ContractsService(db);
  const sla = new SlaService(db, contracts);
  const playbooks = new PlaybooksService(db);
  const incidents = new IncidentsService(db, playbooks, sla);
  const evidence = new EvidenceStore(path.join(opts.dataDir, 'evidence'));
  let stopJob: (() => Promise<void>) | undefined;
  return {
    contracts,
    sla,
    incidents,
    routes(app: TypedApp): void {
      contractsRoutes(app, tenants, contracts);
      playbooksRoutes(app, playbooks);
      incidentsRoutes(app, tenants, incidents, sla);
      evidenceRoutes(app, tenants, incidents, evidence);
      incidentReportRoutes(app, tenants, incidents, sla);
      slaRoutes(app, db, tenants, contracts);
    },
    start(): void {
      stopJob = every(opts.slaCheckIntervalMs ?? 30_000, () => sla.tick(Date.now()), opts.onError);
    },
    async stop(): Promise<void> {
      await stopJob?.();
    },
  };
}
