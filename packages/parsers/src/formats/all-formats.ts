/** Auto-detection order: the first format whose detector accepts the payload wins. */
import type { Format } from '../lib/define-format.ts';
import { fortigate } from './fortigate.ts';
import { json } from './json.ts';
import { windowsEvent } from './windows-event.ts';
import { rfc3164 } from './rfc3164.ts';
import { rfc5424 } from './rfc5424.ts';

export const formatsInDetectionOrder: readonly Format[] = [
  // JSON formats, specific before generic
  windowsEvent,
  json,
  // key=value and CSV firewall formats
  fortigate,
  // plain syslog last: the header alone is all that was recognised
  rfc5424,
  rfc3164,
];
