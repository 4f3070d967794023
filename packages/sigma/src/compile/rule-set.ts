/**
 * Compiled rules, indexed by logsource: a Windows event meets only the rules of its channel and EventID,
 * any other event only the rule groups whose logsource accepts it. `match` is synchronous and allocation-light.
 */
import type { EventFields } from '@mamori/schema';
import { SigmaRuleError } from '../errors.ts';
import {
  CorrelationEngine,
  orderCorrelations,
  type CorrelationEngineOptions,
} from '../correlation/correlation-engine.ts';
import { candidateKeys } from '../mapping/field-mapping.ts';
import { planLogsource, sourceHints, type SourceHints } from '../mapping/logsource-matching.ts';
import type {
  CompileOptions,
  MatchedRule,
  SigmaCorrelationRule,
  SigmaDetectionRule,
  SigmaFilterRule,
  SigmaRule,
  UnsupportedRule,
} from '../types.ts';
import { compileDetection } from './detection-compiler.ts';
import { EventView, FieldSlots } from './event-view.ts';
import { guardOf, withGuard } from './predicate-metadata.ts';
import { RuleBucket, SubstringMatcherCache, type IndexedRule } from './rule-bucket.ts';
import { toMatchedRule } from './matched-rule.ts';

interface ChannelIndex {
  byEventId: Map<string, RuleBucket>;
  anyEventId: RuleBucket;
}

interface OtherGroup {
  accepts: (hints: SourceHints, fields: EventFields) => boolean;
  /** True for rules without any logsource constraint: they also see Windows events. */
  unconstrained: boolean;
  rules: RuleBucket;
}

const EVENT_TYPE_KEYS = ['winlog.event_data.EventType', 'EventType'];

/** Rules that correlations consume without `generate: true` raise no standalone alert (spec: "generate"). */
function correlationOnlyRefs(correlations: SigmaCorrelationRule[]): Set<string> {
  const consumed = new Set<string>();
  const generated = new Set<string>();
  for (const c of correlations) for (const ref of c.rules) (c.generate ? generated : consumed).add(ref);
  for (const g of generated) consumed.delete(g);
  return consumed;
}

export class RuleSet {
  readonly unsupported: UnsupportedRule[] = [];
  readonly detectionRules: SigmaDetectionRule[] = [];
  readonly correlationRules: SigmaCorrelationRule[] = [];
  /** Meta-filters, already AND-ed into the rules they name. */
  readonly filterRules: SigmaFilterRule[] = [];
  private readonly slots = new FieldSlots();
  private readonly channels = new Map<string, ChannelIndex>();
  private readonly matchers = new SubstringMatcherCache();
  private readonly anyChannel: ChannelIndex = { byEventId: new Map(), anyEventId: new RuleBucket(this.matchers) };
  private generation = 0;
  private readonly candidates: IndexedRule[] = [];
  private readonly otherGroups = new Map<string, OtherGroup>();
  private view!: EventView;
  private readonly channelLower = new Map<string, string>();
  private readonly spacedEventTypes = new Map<string, Map<string, boolean>>();

  constructor(rules: SigmaRule[], options: CompileOptions = {}) {
    const correlations = rules.filter((r): r is SigmaCorrelationRule => r.kind === 'correlation');
    const hidden = correlationOnlyRefs(correlations);
    const filters = rules.filter((r): r is SigmaFilterRule => r.kind === 'filter');
    this.filterRules.push(...filters);
    for (const rule of rules) {
      if (rule.kind !== 'detection') continue;
      try {
        const ruleFilters = filters.filter(
          (f) => f.rules.includes(rule.id) || (rule.name !== undefined && f.rules.includes(rule.name)),
        );
        this.add(rule, options, hidden.has(rule.id) || (rule.name !== undefined && hidden.has(rule.name)), ruleFilters);
        this.detectionRules.push(rule);
      } catch (e) {
        const reason = e instanceof SigmaRuleError ? e.message : `internal error: ${String(e)}`;
        this.unsupported.push({ id: rule.id, source: rule.source, reason });
      }
    }
    const { ordered, unsupported } = orderCorrelations(correlations, this.detectionRules);
    this.correlationRules.push(...ordered);
    this.unsupported.push(...unsupported);
    this.view = new EventView(this.slots);
  }

  get size(): number {
    return this.detectionRules.length + this.correlationRules.length + this.filterRules.length;
  }

  private add(
    rule: SigmaDetectionRule,
    options: CompileOptions,
    correlationOnly: boolean,
    filters: SigmaFilterRule[],
  ): void {
    const plan = planLogsource(rule.logsource);
    const ctx = {
      slot: (field: string) => this.slots.slotFor(candidateKeys(field, plan.context)),
      placeholders: options.placeholders ?? {},
      unknownPlaceholder: options.unknownPlaceholder ?? 'match-nothing',
    };
    let predicate = compileDetection(rule.detection, rule.conditions, ctx);
    if (filters.length > 0) {
      // A filter only narrows the rule, so the rule's guard stays a necessary condition.
      const guard = guardOf(predicate);
      const parts = [predicate, ...filters.map((f) => compileDetection(f.detection, f.conditions, ctx))];
      predicate = withGuard((view) => parts.every((p) => p(view)), guard);
    }
    const match = toMatchedRule(rule, correlationOnly);
    const guard = guardOf(predicate);
    for (const key of plan.windows) {
      let index = key.channel === '*' ? this.anyChannel : this.channels.get(key.channel);
      if (!index) {
        index = { byEventId: new Map(), anyEventId: new RuleBucket(this.matchers) };
        this.channels.set(key.channel, index);
      }
      const entry: IndexedRule = {
        predicate,
        match,
        seen: 0,
        ...(guard ? { guard } : {}),
        ...(key.eventType ? { eventType: key.eventType.toLowerCase() } : {}),
      };
      if (key.eventIds === undefined) index.anyEventId.add(entry);
      else {
        for (const id of key.eventIds) {
          let bucket = index.byEventId.get(id);
          if (!bucket) {
            bucket = new RuleBucket(this.matchers);
            index.byEventId.set(id, bucket);
          }
          bucket.add(entry);
        }
      }
    }
    if (plan.other) {
      let group = this.otherGroups.get(plan.other.key);
      if (!group) {
        group = {
          accepts: plan.other.accepts,
          unconstrained: plan.other.key === '//',
          rules: new RuleBucket(this.matchers),
        };
        this.otherGroups.set(plan.other.key, group);
      }
      group.rules.add({ predicate, match, seen: 0, ...(guard ? { guard } : {}) });
    }
  }

  /** The single-event rules this event matches (each at most once). */
  match(event: EventFields): MatchedRule[] {
    const view = this.view;
    const out: MatchedRule[] = [];
    this.generation++;
    let fields = event as Record<string, unknown>;
    const channelRaw = fields['winlog.channel'] ?? fields['Channel'];
    if (typeof channelRaw === 'string') {
      let channel = this.channelLower.get(channelRaw);
      if (channel === undefined) {
        channel = channelRaw.toLowerCase();
        if (this.channelLower.size < 10_000) this.channelLower.set(channelRaw, channel);
      }
      const idRaw = fields['winlog.event_id'] ?? fields['event.code'] ?? fields['EventID'];
      const eventId = typeof idRaw === 'string' ? idRaw : typeof idRaw === 'number' ? String(idRaw) : '';
      const spaced = this.spacedNames(fields, channel, eventId);
      if (spaced) fields = spaced;
      view.reset(fields as EventFields);
      const index = this.channels.get(channel);
      if (index) {
        this.run(index.byEventId.get(eventId), fields, out);
        this.run(index.anyEventId, fields, out);
      }
      this.run(this.anyChannel.byEventId.get(eventId), fields, out);
      this.run(this.anyChannel.anyEventId, fields, out);
      for (const group of this.otherGroups.values()) if (group.unconstrained) this.run(group.rules, fields, out);
      return out;
    }
    view.reset(event);
    if (this.otherGroups.size === 0) return out;
    const hints = sourceHints(event);
    for (const group of this.otherGroups.values()) {
      if (group.accepts(hints, event)) this.run(group.rules, fields, out);
    }
    return out;
  }

  /**
   * Sigma names Windows fields with spaces stripped ("Threat Name" → ThreatName, spec "Field Usage").
   * Whether an event type has such names is learnt once per channel and EventID, so common events pay nothing.
   */
  private spacedNames(
    fields: Record<string, unknown>,
    channel: string,
    eventId: string,
  ): Record<string, unknown> | undefined {
    let byId = this.spacedEventTypes.get(channel);
    if (byId === undefined) {
      byId = new Map();
      if (this.spacedEventTypes.size < 1_000) this.spacedEventTypes.set(channel, byId);
    }
    let spaced = byId.get(eventId);
    if (spaced === undefined) {
      spaced = Object.keys(fields).some((k) => k.startsWith('winlog.') && k.includes(' '));
      if (byId.size < 10_000) byId.set(eventId, spaced);
    }
    if (!spaced) return undefined;
    const copy: Record<string, unknown> = { ...fields };
    for (const [k, v] of Object.entries(fields)) {
      if (!k.startsWith('winlog.') || !k.includes(' ')) continue;
      const stripped = k.replace(/ /g, '');
      if (!(stripped in copy)) copy[stripped] = v;
    }
    return copy;
  }

  private run(bucket: RuleBucket | undefined, fields: Record<string, unknown>, out: MatchedRule[]): void {
    if (bucket === undefined) return;
    const view = this.view;
    const candidates = this.candidates;
    candidates.length = 0;
    bucket.candidates(view, this.generation, candidates);
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i]!;
      if (r.eventType !== undefined) {
        const t = fields[EVENT_TYPE_KEYS[0]!] ?? fields[EVENT_TYPE_KEYS[1]!];
        if (typeof t !== 'string' || t.toLowerCase() !== r.eventType) continue;
      }
      if (r.predicate(view)) out.push(r.match);
    }
  }

  /** A stream evaluator for this set's correlation rules; keep one per tenant / stream. */
  correlationEngine(options: CorrelationEngineOptions = {}): CorrelationEngine {
    return new CorrelationEngine(this.correlationRules, this.detectionRules, options);
  }
}

export function compileRuleSet(rules: SigmaRule[], options: CompileOptions = {}): RuleSet {
  return new RuleSet(rules, options);
}
