/**
 * Reads the Wazuh ruleset test lines (../shared/corpus/wazuh-ruleset-tests, GPL-2.0 data, read in place and
 * never copied) and says which Mamori parser each line's Wazuh decoder corresponds to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from './corpus-path.ts';

export interface WazuhLine {
  file: string;
  section: string;
  line: string;
  decoder: string;
}

/** Line-by-line reader: duplicate keys and sections are normal in these files (see the corpus README). */
export function readWazuhLines(): WazuhLine[] {
  const dir = join(corpusDir, 'wazuh-ruleset-tests/tests');
  const out: WazuhLine[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ini')).sort()) {
    let section = '';
    let pending: Omit<WazuhLine, 'decoder'>[] = [];
    const flush = (decoder: string): void => {
      for (const p of pending) out.push({ ...p, decoder });
      pending = [];
    };
    for (const raw of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (l.startsWith('[') && l.endsWith(']')) {
        flush('');
        section = l.slice(1, -1);
      } else if (/^log \d+ (pass|fail) = /.test(l)) {
        pending.push({ file, section, line: l.slice(l.indexOf(' = ') + 3) });
      } else if (l.startsWith('decoder = ')) {
        flush(l.slice(10).trim());
      }
    }
    flush('');
  }
  return out;
}

const DECODER_TO_FORMAT: Record<string, string> = {
  'fortigate-firewall-v3': 'fortigate',
  'fortigate-firewall-v4': 'fortigate',
  'fortigate-firewall-v5': 'fortigate',
  'fortigate-firewall-v6': 'fortigate',
  'cisco-asa': 'cisco-asa',
  'cisco-ftd': 'cisco-asa',
  pix: 'cisco-asa',
  paloalto: 'panos',
  netscreenfw: 'screenos',
  'checkpoint-smart1': 'checkpoint',
  sshd: 'linux-auth',
  pam: 'linux-auth',
  su: 'linux-auth',
  sudo: 'linux-auth',
  doas: 'linux-auth',
  dropbear: 'linux-auth',
  'squid-accesslog': 'squid',
  'web-accesslog': 'web-access',
  'f5-bigip-cef': 'cef',
  'cef-fireeye': 'cef',
};

/** Formats outside this issue (PAR-1 excludes Microsoft 365 and Box). */
const EXCLUDED_FILES = new Set(['office365.ini', 'ms-graph.ini']);

/** The Mamori parser expected for a Wazuh line, or undefined when the line is not in a format we cover. */
export function expectedFormat(l: WazuhLine): string | undefined {
  if (EXCLUDED_FILES.has(l.file)) return undefined;
  if (l.decoder === 'json') {
    if (l.line.includes('"win":')) return 'windows-event';
    // Wazuh decodes Suricata EVE as plain JSON; Mamori has a dedicated parser for it.
    if (l.line.includes('"event_type"') && l.line.includes('"src_ip"')) return 'suricata-eve';
    return 'json';
  }
  if (l.decoder === 'apache-errorlog' && l.line.includes('ModSecurity: ')) return 'modsecurity';
  return DECODER_TO_FORMAT[l.decoder];
}
