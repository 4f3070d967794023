/** RFC 3164 (BSD) syslog: `<PRI>Mmm dd hh:mm:ss host tag[pid]: message`. The fallback for syslog lines no vendor parser claims. */
import { defineFormat } from '../lib/define-format.ts';

export const rfc3164 = defineFormat({
  name: 'rfc3164',
  description: 'BSD syslog (RFC 3164): <PRI>, timestamp without year, host, tag[pid]: message',
  detect: (_payload, header) => header?.kind === 'rfc3164',
  parse(payload, header, _ctx, f) {
    f['event.kind'] = 'event';
    f['event.dataset'] = 'syslog';
    if (payload !== '') f.message = payload;
    return header?.kind === 'rfc3164' ? undefined : 'no RFC 3164 syslog header';
  },
});
