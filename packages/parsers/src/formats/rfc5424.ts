/** RFC 5424 syslog: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`; structured data → log.syslog.structured_data.*. */
import { defineFormat } from '../lib/define-format.ts';

export const rfc5424 = defineFormat({
  name: 'rfc5424',
  description: 'IETF syslog (RFC 5424): <PRI>1 timestamp host app procid msgid [structured-data] message',
  detect: (_payload, header) => header?.kind === 'rfc5424',
  parse(payload, header, _ctx, f) {
    f['event.kind'] = 'event';
    f['event.dataset'] = 'syslog';
    if (payload !== '') f.message = payload;
    return header?.kind === 'rfc5424' ? undefined : 'no RFC 5424 syslog header';
  },
});
