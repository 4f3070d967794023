/**
 * Linux authentication logs (auth.log / secure): sshd, sudo, su, login and PAM modules, recognised by the
 * syslog tag. Messages are prose; the phrases below are OpenSSH's, sudo's and Linux-PAM's own wording.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { addTo, setIp, setPort, setStr, setUser } from '../lib/field-helpers.ts';
import { wordAfter } from '../lib/text-scan.ts';
import type { SyslogHeader } from '../syslog/syslog-header.ts';

const AUTH_APPS = new Set(['sshd', 'sshd-session', 'sudo', 'su', 'login', 'passwd', 'useradd', 'userdel', 'usermod', 'groupadd', 'groupdel', 'chpasswd', 'chage', 'systemd-logind', 'dropbear', 'doas', 'unix_chkpwd', 'polkitd', 'pkexec', 'gdm-password', 'lightdm', 'vsftpd', 'cron', 'CRON', 'crond']);

function appOf(h: SyslogHeader | undefined): string | undefined {
  const a = h?.appname;
  if (a === undefined) return undefined;
  const paren = a.indexOf('(');
  return paren > 0 ? a.slice(0, paren) : a; // `su(pam_unix)`
}

function success(f: EventFields, action: string): void {
  f['event.action'] = action;
  f['event.outcome'] = 'success';
  addTo(f, 'event.category', 'authentication');
  addTo(f, 'event.type', 'start');
}

function failure(f: EventFields, action: string): void {
  f['event.action'] = action;
  f['event.outcome'] = 'failure';
  addTo(f, 'event.category', 'authentication');
  addTo(f, 'event.type', 'start');
}

/** ` from 1.2.3.4 port 22` / ` rhost=1.2.3.4` */
function remote(f: EventFields, m: string): void {
  const from = wordAfter(m, ' from ') ?? wordAfter(m, 'rhost=');
  if (from !== undefined) setIp(f, 'source.ip', from.startsWith('[') ? from.slice(1, -1) : from);
  const port = m.indexOf(' port ');
  if (port > 0 && f['source.ip'] === undefined) {
    // `Connection closed by 1.2.3.4 port 22`: the address is the word before `port`.
    setIp(f, 'source.ip', m.slice(m.lastIndexOf(' ', port - 1) + 1, port));
  }
  setPort(f, 'source.port', wordAfter(m, ' port '));
}

/** `for [invalid user|illegal user] NAME from`, `user NAME`, `user=NAME`. */
const USER_MARKERS = [' for invalid user ', ' for illegal user ', 'Invalid user ', 'invalid user ', 'illegal user ', ' for user ', 'authenticating user ', 'Disconnected from user ', ' for ', 'User '];

function userFor(m: string): string | undefined {
  for (const marker of USER_MARKERS) {
    const u = wordAfter(m, marker);
    if (u !== undefined && u !== 'from' && u !== 'invalid' && u !== 'illegal') return u;
  }
  return wordAfter(m, ' user=') ?? wordAfter(m, 'user=');
}

function sshd(f: EventFields, m: string): void {
  remote(f, m);
  if (m.startsWith('Accepted ')) {
    success(f, 'ssh_login');
    setStr(f, 'sshd.method', wordAfter(m, 'Accepted '));
  } else if (m.startsWith('Failed ') || m.includes('authentication failure') || m.startsWith('Invalid user') || m.includes('illegal user') || m.includes('not allowed because') || m.includes('maximum authentication attempts') || m.includes('Too many authentication failures')) {
    failure(f, 'ssh_login');
  } else if (m.startsWith('Connection closed by') || m.startsWith('Disconnected from') || m.startsWith('Received disconnect')) {
    f['event.action'] = 'ssh_disconnect';
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.type', 'end');
  } else if (m.includes('session opened')) {
    f['event.action'] = 'session_opened';
    addTo(f, 'event.category', 'session');
    addTo(f, 'event.type', 'start');
  } else if (m.includes('session closed')) {
    f['event.action'] = 'session_closed';
    addTo(f, 'event.category', 'session');
    addTo(f, 'event.type', 'end');
  }
  const u = userFor(m);
  if (u !== undefined && (f['event.action'] !== undefined || m.includes('user'))) setUser(f, u);
}

/** `alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls` */
function sudo(f: EventFields, m: string): void {
  const colon = m.indexOf(' : ');
  if (colon > 0) setUser(f, m.slice(0, colon).trim());
  const parts = m.split(' ; ');
  for (const part of parts) {
    const p = part.includes(' : ') ? part.slice(part.lastIndexOf(' : ') + 3) : part;
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim();
    const v = p.slice(eq + 1);
    if (k === 'USER') setStr(f, 'user.effective.name', v);
    else if (k === 'COMMAND') setStr(f, 'process.command_line', v);
    else if (k === 'PWD') setStr(f, 'process.working_directory', v);
    else if (k === 'TTY') setStr(f, 'process.tty.name', v);
  }
  if (m.includes('incorrect password') || m.includes('NOT in sudoers') || m.includes('authentication failure') || m.includes('command not allowed')) failure(f, 'sudo');
  else if (m.includes('COMMAND=')) {
    f['event.action'] = 'sudo';
    f['event.outcome'] = 'success';
    addTo(f, 'event.category', 'process');
    addTo(f, 'event.type', 'start');
  }
}

function pam(f: EventFields, m: string): void {
  remote(f, m);
  if (m.includes('authentication failure') || m.includes('FAILED') || m.startsWith('failed') || m.includes('auth could not identify')) failure(f, 'pam_auth');
  else if (m.includes('session opened')) {
    f['event.action'] = 'session_opened';
    f['event.outcome'] = 'success';
    addTo(f, 'event.category', 'session');
    addTo(f, 'event.type', 'start');
  } else if (m.includes('session closed')) {
    f['event.action'] = 'session_closed';
    addTo(f, 'event.category', 'session');
    addTo(f, 'event.type', 'end');
  } else if (m.startsWith('Successful su') || m.startsWith('(to ') || m.includes('Accepted')) success(f, 'su');
  const u = wordAfter(m, ' user=') ?? wordAfter(m, 'user=') ?? wordAfter(m, 'for user ') ?? wordAfter(m, ' for ') ?? wordAfter(m, ' by ');
  const clean = u?.replace(/\(uid=\d+\)$/, '');
  if (clean !== undefined && clean !== '') setUser(f, clean);
}

export const linuxAuth = defineFormat({
  name: 'linux-auth',
  description: 'Linux auth.log/secure: sshd, sudo, su, login and PAM messages (by syslog tag)',
  detect: (_p, h) => {
    const app = appOf(h);
    return app !== undefined && (AUTH_APPS.has(app) || app.startsWith('pam_') || h?.appname?.includes('(pam_') === true);
  },
  parse(payload, header, _ctx, f) {
    const app = appOf(header) ?? '';
    f['event.module'] = 'system';
    f['event.dataset'] = 'system.auth';
    f['event.kind'] = 'event';
    f['host.os.family'] = 'linux';
    if (payload !== '') f.message = payload;
    const m = payload.startsWith('error: ') || payload.startsWith('fatal: ') ? payload.slice(7) : payload;
    if (app === 'sshd' || app === 'sshd-session' || app === 'dropbear') sshd(f, m);
    else if (app === 'sudo') sudo(f, m);
    else pam(f, m);
    if (header === undefined) return 'no syslog header with a program name';
    return undefined;
  },
});
