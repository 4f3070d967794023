/**
 * The detection configuration held in memory (it is small: rules, settings, suppressions, indicators), so
 * that the synchronous detection stage can build a tenant's engine without a database round trip. The
 * service reloads a part after changing it in the control store.
 */
import { compileRuleSet, type RuleSet, type SigmaRule } from '@mamori/sigma';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AlertSeverity } from './detection-types.ts';
import { IndicatorMatcher, type IndicatorEntry } from './indicator-matcher.ts';
import type { IndicatorType } from './indicator-values.ts';
import { loadRuleDocument, type RuleDocument } from './rule-documents.ts';
import { applyParams, type RuleParams } from './rule-params.ts';
import { compileSuppression, type CompiledSuppression } from './suppression.ts';
import type { TenantDetectionConfig } from './tenant-engine.ts';

export interface CatalogRule {
  uid: string;
  /** null: built-in or the provider's library. */
  tenantId: number | null;
  builtin: boolean;
  enabled: boolean;
  source: string;
  text: string;
  rule: SigmaRule;
}

export interface RuleSetting {
  enabled: boolean | null;
  params: RuleParams | null;
}

const MAX_SHARED_SETS = 64;

export class DetectionCatalog {
  private builtin: CatalogRule[] = [];
  private stored: CatalogRule[] = [];
  private settings = new Map<number, Map<string, RuleSetting>>();
  private suppressions = new Map<number, CompiledSuppression[]>();
  private indicators = new Map<number | null, Array<IndicatorEntry & { expiresAt: number | null }>>();
  /** When the next indicator expires (Infinity: none will): engines are rebuilt then, without it. */
  nextIndicatorExpiry = Infinity;
  /** Tenants with the same rule selection share one compiled set (matching is stateless). */
  private readonly sets = new Map<string, RuleSet>();
  /** Rules that do not compile in a tenant's selection (e.g. a correlation whose base rule is disabled). */
  readonly unsupported = new Map<number, Array<{ id: string; reason: string }>>();

  constructor(private readonly db: ControlDb) {}

  setBuiltin(documents: readonly RuleDocument[]): void {
    this.builtin = documents.map((d) => ({ uid: d.uid, tenantId: null, builtin: true, enabled: true, source: d.source, text: d.text, rule: d.rule }));
  }

  async loadAll(): Promise<void> {
    await this.loadRules();
    await this.loadSettings();
    await this.loadSuppressions();
    await this.loadIndicators();
  }

  async loadRules(): Promise<void> {
    const rows = await this.db.selectFrom('detection_rules').selectAll().orderBy('id').execute();
    const out: CatalogRule[] = [];
    for (const r of rows) {
      const rule = loadRuleDocument(r.rule_uid, r.text);
      // A stored rule that no longer loads (engine change) is skipped; the rules list shows why.
      if ('error' in rule) continue;
      out.push({ uid: r.rule_uid, tenantId: r.tenant_id, builtin: false, enabled: r.enabled === 1, source: r.source, text: r.text, rule });
    }
    this.stored = out;
    this.sets.clear();
  }

  async loadSettings(): Promise<void> {
    const rows = await this.db.selectFrom('detection_rule_settings').selectAll().execute();
    const settings = new Map<number, Map<string, RuleSetting>>();
    for (const r of rows) {
      let t = settings.get(r.tenant_id);
      if (!t) settings.set(r.tenant_id, (t = new Map<string, RuleSetting>()));
      t.set(r.rule_uid, { enabled: r.enabled === null ? null : r.enabled === 1, params: r.params ? (JSON.parse(r.params) as RuleParams) : null });
    }
    this.settings = settings;
  }

  async loadSuppressions(): Promise<void> {
    const rows = await this.db.selectFrom('suppressions').selectAll().where('removed_at', 'is', null).where('status', '=', 'active').execute();
    const map = new Map<number, CompiledSuppression[]>();
    for (const r of rows) {
      const compiled = compileSuppression({
        id: r.id,
        ruleId: r.rule_uid ?? undefined,
        conditions: JSON.parse(r.conditions) as Record<string, string[]>,
        expiresAt: r.expires_at === null ? null : Number(r.expires_at),
      });
      const list = map.get(r.tenant_id) ?? [];
      list.push(compiled);
      map.set(r.tenant_id, list);
    }
    this.suppressions = map;
  }

  async loadIndicators(): Promise<void> {
    const rows = await this.db.selectFrom('indicators').selectAll().execute();
    const map = new Map<number | null, Array<IndicatorEntry & { expiresAt: number | null }>>();
    for (const r of rows) {
      const list = map.get(r.tenant_id) ?? [];
      list.push({
        id: r.id,
        type: r.type as IndicatorType,
        value: r.value,
        severity: r.severity as AlertSeverity,
        description: r.description,
        expiresAt: r.expires_at === null ? null : Number(r.expires_at),
      });
      map.set(r.tenant_id, list);
    }
    this.indicators = map;
    this.dropExpiredIndicators(Date.now());
  }

  /** Synchronous, so the detection stage can apply an expiry the moment it passes. */
  dropExpiredIndicators(now: number): void {
    let next = Infinity;
    for (const [tenantId, list] of this.indicators) {
      const live = list.filter((i) => i.expiresAt === null || i.expiresAt > now);
      for (const i of live) if (i.expiresAt !== null && i.expiresAt < next) next = i.expiresAt;
      this.indicators.set(tenantId, live);
    }
    this.nextIndicatorExpiry = next;
  }

  /** Built-in, library and the tenant's own rules; a tenant rule replaces a library rule with the same id. */
  rulesFor(tenantId: number): CatalogRule[] {
    const byUid = new Map<string, CatalogRule>();
    for (const r of this.builtin) byUid.set(r.uid, r);
    for (const r of this.stored) if (r.tenantId === null) byUid.set(r.uid, r);
    for (const r of this.stored) if (r.tenantId === tenantId) byUid.set(r.uid, r);
    return [...byUid.values()];
  }

  library(): CatalogRule[] {
    return [...this.builtin, ...this.stored.filter((r) => r.tenantId === null)];
  }

  settingsFor(tenantId: number): ReadonlyMap<string, RuleSetting> {
    return this.settings.get(tenantId) ?? new Map();
  }

  isEnabled(tenantId: number, rule: CatalogRule): boolean {
    return this.settingsFor(tenantId).get(rule.uid)?.enabled ?? rule.enabled;
  }

  buildTenantConfig(tenantId: number): TenantDetectionConfig {
    const settings = this.settingsFor(tenantId);
    const selected: SigmaRule[] = [];
    const keyParts: string[] = [];
    for (const r of this.rulesFor(tenantId)) {
      if (!this.isEnabled(tenantId, r)) continue;
      const params = settings.get(r.uid)?.params ?? undefined;
      selected.push(applyParams(r.rule, params));
      keyParts.push(`${r.tenantId ?? ''}:${r.uid}${params ? JSON.stringify(params) : ''}`);
    }
    const key = keyParts.join('\n');
    let ruleSet = this.sets.get(key);
    if (!ruleSet) {
      ruleSet = compileRuleSet(selected);
      if (this.sets.size >= MAX_SHARED_SETS) this.sets.delete(this.sets.keys().next().value!);
      this.sets.set(key, ruleSet);
    }
    this.unsupported.set(tenantId, ruleSet.unsupported.map((u) => ({ id: u.id, reason: u.reason })));
    const disabled = new Set<string>();
    for (const [uid, s] of settings) if (s.enabled === false) disabled.add(uid);
    return {
      ruleSet,
      disabled,
      suppressions: this.suppressions.get(tenantId) ?? [],
      indicators: new IndicatorMatcher([...(this.indicators.get(null) ?? []), ...(this.indicators.get(tenantId) ?? [])]),
    };
  }
}
