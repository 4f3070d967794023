/**
 * Auto-detection order: the first format whose detector accepts the payload wins. Specific before generic:
 * JSON dialects before generic JSON, vendor formats before the syslog fallbacks (rfc5424, rfc3164 last).
 */
import type { Format } from '../lib/define-format.ts';
import { cef } from './cef.ts';
import { checkpoint } from './checkpoint.ts';
import { ciscoAsa } from './cisco-asa.ts';
import { fortigate } from './fortigate.ts';
import { json } from './json.ts';
import { leef } from './leef.ts';
import { linuxAuth } from './linux-auth.ts';
import { modsecurity } from './modsecurity.ts';
import { panos } from './panos.ts';
import { rfc3164 } from './rfc3164.ts';
import { rfc5424 } from './rfc5424.ts';
import { screenos } from './screenos.ts';
import { snortFast } from './snort-fast.ts';
import { squid } from './squid.ts';
import { suricataEve } from './suricata-eve.ts';
import { webAccess } from './web-access.ts';
import { windowsEvent } from './windows-event.ts';

export const formatsInDetectionOrder: readonly Format[] = [
  windowsEvent,
  suricataEve,
  modsecurity,
  json,
  cef,
  leef,
  fortigate,
  panos,
  screenos,
  ciscoAsa,
  checkpoint,
  snortFast,
  squid,
  webAccess,
  linuxAuth,
  rfc5424,
  rfc3164,
];
