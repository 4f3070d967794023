import type { MonitorType } from '../monitor-types.ts';
import { dnsProbe } from './dns.ts';
import { heartbeatProbe } from './heartbeat.ts';
import { httpProbe } from './http.ts';
import { logsProbe } from './logs.ts';
import { pingProbe } from './ping.ts';
import type { Probe } from './probe.ts';
import { snmpProbe } from './snmp.ts';
import { tcpProbe } from './tcp.ts';

/** Every monitor type and its probe; adding a type is one file and one line here. */
export const PROBES: Record<MonitorType, Probe<never>> = {
  ping: pingProbe,
  tcp: tcpProbe,
  http: httpProbe,
  dns: dnsProbe,
  snmp: snmpProbe,
  heartbeat: heartbeatProbe,
  logs: logsProbe,
};
