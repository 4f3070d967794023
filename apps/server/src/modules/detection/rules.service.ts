/** Rules: import into the library or a tenant, list, enable/disable and thresholds per tenant, run a rule's own tests. */
import { testRule, type RuleTestResult, type SigmaRule } from '@mamori/sigma';
import { parseLine } from '@mamori/parsers';
import type { EventFields } from '@mamori/schema';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.ts';
import { requireProviderStaff, type Principal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { recordAudit } from './detection-audit.ts';
import type { CatalogRule, DetectionCatalog } from './detection-catalog.ts';
import type { DetectionEngine } from './detection-stage.ts';
import { splitRuleFile, type RejectedDocument, type RuleFile } from './rule-documents.ts';
import { checkParams, type RuleParams } from './rule-params.ts';

export interface RuleView {
  id: string;
  title: string;
  kind: SigmaRule['kind'];
  level: string | null;
  author: string | null;
  tags: string[];
  description: string | null;
  status: string | null;
  owner: 'builtin' | 'library' | 'tenant';
  source: string;
  enabled: boolean;
  params: RuleParams | null;
  /** Why the rule does not run in this tenant's selection, if it does not. */
  unsupported: string | null;
}

export interface ImportOutcome {
  imported: Array<{ id: string; title: string; kind: string; level: string | null; replaced: boolean }>;
  rejected: RejectedDocument[];
}

const DAY_MS = 86_400_000;

/** Examples may be raw logs in any format the parsers know, or normalised events (flat, dotted keys). */
function normaliseExample(raw: unknown): EventFields {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).some((k) => k.includes('.'))) {
    return raw as EventFields;
  }
  return parseLine('auto', typeof raw === 'string' ? raw : JSON.stringify(raw), { receivedAt: Date.now(), timezone: 'UTC' }).fields;
}

export class RulesService {
  constructor(
    private readonly db: ControlDb,
    private readonly catalog: DetectionCatalog,
    private readonly engine: DetectionEngine,
  ) {}

  /** Into the provider library (staff, no tenant) or a tenant's own rules. A rule with the same id is replaced. */
  async import(p: Principal, files: RuleFile[], tenant: TenantRow | undefined, enabled: boolean): Promise<ImportOutcome> {
    if (!tenant) requireProviderStaff(p);
    const outcome: ImportOutcome = { imported: [], rejected: [] };
    const seen = new Set<string>();
    const now = Date.now();
    for (const file of files) {
      const split = splitRuleFile(file);
      outcome.rejected.push(...split.rejected);
      for (const doc of split.documents) {
        if (seen.has(doc.uid)) {
          outcome.rejected.push({ source: doc.source, id: doc.uid, reason: 'the same rule id appears twice in this import' });
          continue;
        }
        seen.add(doc.uid);
        const meta = doc.rule;
        const row = {
          kind: meta.kind,
          title: meta.title,
          level: meta.level ?? null,
          author: meta.author ?? null,
          tags: JSON.stringify(meta.tags),
          description: meta.description ?? null,
          source: doc.source,
          text: doc.text,
          enabled: enabled ? 1 : 0,
          updated_at: now,
          updated_by_token: p.tokenId,
        };
        let existing = this.db.selectFrom('detection_rules').select('id').where('rule_uid', '=', doc.uid);
        existing = tenant ? existing.where('tenant_id', '=', tenant.id) : existing.where('tenant_id', 'is', null);
        const found = await existing.executeTakeFirst();
        if (found) await this.db.updateTable('detection_rules').set(row).where('id', '=', found.id).execute();
        else await this.db.insertInto('detection_rules').values({ ...row, tenant_id: tenant?.id ?? null, rule_uid: doc.uid, created_at: now }).execute();
        outcome.imported.push({ id: doc.uid, title: meta.title, kind: meta.kind, level: meta.level ?? null, replaced: found !== undefined });
      }
    }
    if (outcome.imported.length > 0) {
      await recordAudit(this.db, {
        tenantId: tenant?.id ?? null,
        tokenId: p.tokenId,
        action: 'rules.import',
        target: tenant ? 'tenant' : 'library',
        details: { rules: outcome.imported.map((r) => r.id), enabled },
      });
      await this.catalog.loadRules();
      this.engine.invalidate(tenant?.id);
    }
    return outcome;
  }

  /**
   * Checks files without storing them: which rules load (and why the others do not), and each rule's own
   * examples, with the built-in and library rules available to correlations.
   */
  validate(files: RuleFile[]): { rules: Array<{ id: string; title: string; kind: string; level: string | null; author: string | null }>; rejected: RejectedDocument[]; tests: RuleTestResult[] } {
    const docs = files.map(splitRuleFile);
    const loaded = docs.flatMap((d) => d.documents);
    const others = this.catalog.library().map((r) => r.rule);
    const tests = loaded
      .filter((d) => d.rule.tests !== undefined && d.rule.kind !== 'filter')
      .map((d) => testRule(d.rule, { rules: [...loaded.map((x) => x.rule), ...others], normalise: normaliseExample }));
    return {
      rules: loaded.map((d) => ({ id: d.uid, title: d.rule.title, kind: d.rule.kind, level: d.rule.level ?? null, author: d.rule.author ?? null })),
      rejected: docs.flatMap((d) => d.rejected),
      tests,
    };
  }

  /** Removes a stored rule: the library's (staff) or a tenant's own. Built-in rules can only be disabled. */
  async remove(p: Principal, tenant: TenantRow | undefined, uid: string): Promise<void> {
    if (!tenant) requireProviderStaff(p);
    let q = this.db.deleteFrom('detection_rules').where('rule_uid', '=', uid);
    q = tenant ? q.where('tenant_id', '=', tenant.id) : q.where('tenant_id', 'is', null);
    const res = await q.executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) {
      const builtin = this.catalog.library().some((r) => r.builtin && r.uid === uid);
      throw builtin ? new InputError(`${uid} is built in: disable it per tenant instead`) : new NotFoundError(`no rule ${uid}`);
    }
    await recordAudit(this.db, { tenantId: tenant?.id ?? null, tokenId: p.tokenId, action: 'rule.delete', target: uid, details: {} });
    await this.catalog.loadRules();
    this.engine.invalidate(tenant?.id);
  }

  library(): RuleView[] {
    return this.catalog.library().map((r) => this.view(r, r.enabled, null, null));
  }

  forTenant(tenant: TenantRow): RuleView[] {
    // Building the config also refreshes which rules do not compile in this selection.
    this.engine.engineFor(tenant.id);
    const unsupported = new Map((this.catalog.unsupported.get(tenant.id) ?? []).map((u) => [u.id, u.reason]));
    const settings = this.catalog.settingsFor(tenant.id);
    return this.catalog
      .rulesFor(tenant.id)
      .map((r) => this.view(r, this.catalog.isEnabled(tenant.id, r), settings.get(r.uid)?.params ?? null, unsupported.get(r.uid) ?? null));
  }

  private view(r: CatalogRule, enabled: boolean, params: RuleParams | null, unsupported: string | null): RuleView {
    const m: SigmaRule = r.rule;
    return {
      id: r.uid,
      title: m.title,
      kind: m.kind,
      level: m.level ?? null,
      author: m.author ?? null,
      tags: m.tags,
      description: m.description ?? null,
      status: m.status ?? null,
      owner: r.builtin ? 'builtin' : r.tenantId === null ? 'library' : 'tenant',
      source: r.source,
      enabled,
      params,
      unsupported,
    };
  }

  /** A Sigma rule the tenant sees, or a device signature / indicator type id (those can be disabled too). */
  private ruleFor(tenant: TenantRow, uid: string): CatalogRule | undefined {
    const rule = this.catalog.rulesFor(tenant.id).find((r) => r.uid === uid);
    if (!rule && !uid.startsWith('device:') && !uid.startsWith('indicator:')) throw new NotFoundError(`no rule ${uid}`);
    return rule;
  }

  /**
   * Customers (tenant-bound tokens) switch only the rules they imported themselves; turning off a provider
   * rule or a device signature is asked for with a suppression request, which staff approve.
   */
  private requireOwnerOrStaff(p: Principal, rule: CatalogRule | undefined): void {
    if (p.tenantId === null) return;
    if (rule?.tenantId !== p.tenantId) {
      throw new NotAllowedError('only provider staff change provider rules and device signatures; ask with a suppression request');
    }
  }

  async setEnabled(p: Principal, tenant: TenantRow, uid: string, enabled: boolean, reason: string | undefined): Promise<void> {
    this.requireOwnerOrStaff(p, this.ruleFor(tenant, uid));
    await this.upsertSetting(p, tenant, uid, { enabled: enabled ? 1 : 0, reason: reason ?? null });
    await recordAudit(this.db, { tenantId: tenant.id, tokenId: p.tokenId, action: enabled ? 'rule.enable' : 'rule.disable', target: uid, details: { reason: reason ?? null } });
  }

  async setParams(p: Principal, tenant: TenantRow, uid: string, params: RuleParams, reason: string | undefined): Promise<void> {
    const rule = this.ruleFor(tenant, uid);
    if (!rule) throw new InputError('thresholds apply to Sigma correlation rules only');
    this.requireOwnerOrStaff(p, rule);
    const problem = checkParams(rule.rule, params);
    if (problem) throw new InputError(problem);
    const empty = params.threshold === undefined && params.timespan === undefined;
    await this.upsertSetting(p, tenant, uid, { params: empty ? null : JSON.stringify(params), reason: reason ?? null });
    await recordAudit(this.db, { tenantId: tenant.id, tokenId: p.tokenId, action: 'rule.params', target: uid, details: { params, reason: reason ?? null } });
  }

  private async upsertSetting(
    p: Principal,
    tenant: TenantRow,
    uid: string,
    change: { enabled?: number; params?: string | null; reason: string | null },
  ): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('detection_rule_settings')
      .values({ tenant_id: tenant.id, rule_uid: uid, enabled: change.enabled ?? null, params: change.params ?? null, reason: change.reason, updated_at: now, updated_by_token: p.tokenId })
      .onConflict((oc) => oc.columns(['tenant_id', 'rule_uid']).doUpdateSet({ ...change, updated_at: now, updated_by_token: p.tokenId }))
      .execute();
    await this.catalog.loadSettings();
    this.engine.invalidate(tenant.id);
  }

  /** DET-6 for one rule, with the tenant's other rules available to a correlation. */
  test(tenant: TenantRow, uid: string): RuleTestResult {
    const rule = this.ruleFor(tenant, uid);
    if (!rule) throw new NotFoundError(`no Sigma rule ${uid}`);
    const all = this.catalog.rulesFor(tenant.id).map((r) => r.rule);
    if (rule.rule.kind === 'filter') return { id: uid, title: rule.rule.title, source: rule.source, passed: true, cases: [] };
    return testRule(rule.rule, { rules: all, normalise: normaliseExample });
  }

  /** DET-5 report: enabled rules that never fired and the rules that fired most, over [from, to). */
  async report(tenant: TenantRow, from: number, to: number): Promise<{ neverFired: RuleView[]; mostFired: Array<{ id: string; title: string; hits: number }> }> {
    const rows = await this.db
      .selectFrom('detection_hits')
      .select(['rule_uid'])
      .select((eb) => eb.fn.sum<number>('hits').as('hits'))
      .where('tenant_id', '=', tenant.id)
      .where('day', '>=', Math.floor(from / DAY_MS))
      .where('day', '<', Math.ceil(to / DAY_MS))
      .groupBy('rule_uid')
      .execute();
    const hits = new Map(rows.map((r) => [r.rule_uid, Number(r.hits)]));
    const views = this.forTenant(tenant);
    const titles = new Map(views.map((v) => [v.id, v.title]));
    const titleOf = async (uid: string): Promise<string> => {
      const known = titles.get(uid);
      if (known) return known;
      const alert = await this.db.selectFrom('alerts').select('title').where('tenant_id', '=', tenant.id).where('rule_id', '=', uid).limit(1).executeTakeFirst();
      return alert?.title ?? uid;
    };
    const ranked = [...hits].sort((a, b) => b[1] - a[1]).slice(0, 20);
    // Rules only counted by correlations raise nothing of their own: "never fired" would be noise for them.
    const counted = new Set<string>();
    for (const r of this.catalog.rulesFor(tenant.id)) {
      if (r.rule.kind === 'correlation' && !r.rule.generate) for (const ref of r.rule.rules) counted.add(ref);
    }
    const names = new Map(this.catalog.rulesFor(tenant.id).map((r) => [r.uid, r.rule.name]));
    const countedOnly = (uid: string): boolean => {
      const name = names.get(uid);
      return counted.has(uid) || (name !== undefined && counted.has(name));
    };
    return {
      neverFired: views.filter((v) => v.enabled && v.kind !== 'filter' && !hits.has(v.id) && !countedOnly(v.id)),
      mostFired: await Promise.all(ranked.map(async ([id, n]) => ({ id, title: await titleOf(id), hits: n }))),
    };
  }
}
