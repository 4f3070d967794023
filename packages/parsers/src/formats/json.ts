/**
 * Generic JSON: any object, flattened to dotted keys so that ECS-shaped input (`{"source":{"ip":…}}`) lands
 * on ECS names unchanged. `@timestamp` (or `timestamp`/`time`) becomes the event time.
 */
import { defineFormat } from '../lib/define-format.ts';
import { flattenInto, payloadObject, jsonStart, timeValue } from '../lib/json-fields.ts';

export const json = defineFormat({
  name: 'json',
  description: 'Generic JSON object per line, flattened to dotted field names (ECS input passes through)',
  detect: (payload) => jsonStart(payload) >= 0,
  parse(payload, _header, ctx, f) {
    const o = payloadObject(payload, f);
    if (o === undefined) return 'not a JSON object';
    const headerTime = f['@timestamp'];
    flattenInto(f, o, '');
    const t = timeValue(o['@timestamp'] ?? o.timestamp ?? o.time ?? o.date, ctx.timezone);
    if (!Number.isNaN(t)) f['@timestamp'] = t;
    else if (typeof headerTime === 'number') f['@timestamp'] = headerTime;
    else delete f['@timestamp'];
    if (f['event.kind'] === undefined) f['event.kind'] = 'event';
    if (f['event.dataset'] === undefined) f['event.dataset'] = 'json';
    return undefined;
  },
});
