import { describe, expect, it } from 'vitest';
import { parseLine } from '../index.ts';

const ctx = { receivedAt: Date.UTC(2026, 5, 15, 3, 0, 0), timezone: 'Asia/Tokyo' };
const auto = (line: string) => parseLine('auto', line, ctx);

describe('linux-auth', () => {
  it.each([
    ['Jun 15 12:00:00 web1 sshd[811]: Accepted publickey for 山本 from 2001:db8::77 port 50022 ssh2: ED25519 SHA256:abc', 'success', '山本', '2001:db8::77', 50022],
    ['Jun 15 12:00:00 web1 sshd[811]: Failed password for invalid user admin from 198.51.100.3 port 41000 ssh2', 'failure', 'admin', '198.51.100.3', 41000],
    ['Jun 15 12:00:00 web1 sshd[811]: Invalid user oracle from 198.51.100.3 port 41001', 'failure', 'oracle', '198.51.100.3', 41001],
    ['Jun 15 12:00:00 web1 sshd[811]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.3  user=root', 'failure', 'root', '198.51.100.3', undefined],
  ])('%s', (line, outcome, user, ip, port) => {
    const r = auto(line);
    expect(r.format).toBe('linux-auth');
    expect(r.fields['event.outcome']).toBe(outcome);
    expect(r.fields['user.name']).toBe(user);
    expect(r.fields['source.ip']).toBe(ip);
    expect(r.fields['source.port']).toBe(port);
    expect(r.fields['event.category']).toEqual(['authentication']);
    expect(r.fields['log.syslog.appname']).toBe('sshd');
    expect(r.fields['process.pid']).toBe(811);
  });

  it('reads sudo commands', () => {
    const r = auto('Jun 15 12:00:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx');
    expect(r.fields['user.name']).toBe('alice');
    expect(r.fields['user.effective.name']).toBe('root');
    expect(r.fields['process.command_line']).toBe('/usr/bin/systemctl restart nginx');
    expect(r.fields['event.outcome']).toBe('success');
  });

  it('reads su sessions through PAM', () => {
    const r = auto('Jun 15 12:00:00 web1 su[99]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)');
    expect(r.format).toBe('linux-auth');
    expect(r.fields['event.action']).toBe('session_opened');
  });
});

describe('web-access', () => {
  it('reads the combined format with an IPv6 client and a Japanese user', () => {
    const r = auto('2001:db8::1 - 中村 [15/Jun/2026:12:00:00 +0900] "GET /検索?q=%E3%81%82 HTTP/2.0" 200 5120 "https://ref.example/" "Mozilla/5.0 (X11; Linux x86_64)"');
    expect(r.format).toBe('web-access');
    expect(r.fields['source.ip']).toBe('2001:db8::1');
    expect(r.fields['user.name']).toBe('中村');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
    expect(r.fields['http.request.method']).toBe('GET');
    expect(r.fields['url.path']).toBe('/検索');
    expect(r.fields['url.query']).toBe('q=%E3%81%82');
    expect(r.fields['http.version']).toBe('2.0');
    expect(r.fields['http.response.status_code']).toBe(200);
    expect(r.fields['http.response.body.bytes']).toBe(5120);
    expect(r.fields['user_agent.original']).toBe('Mozilla/5.0 (X11; Linux x86_64)');
  });

  it('reads the common format (no referer/agent) and a vhost prefix', () => {
    const r = auto('www.example.com:443 192.0.2.4 - - [15/Jun/2026:03:00:00 +0000] "POST /login HTTP/1.1" 401 -');
    expect(r.fields['url.domain']).toBe('www.example.com');
    expect(r.fields['http.response.status_code']).toBe(401);
    expect(r.fields['event.outcome']).toBe('failure');
    expect(r.fields['http.response.body.bytes']).toBeUndefined();
  });

  it('reads an nginx line after a syslog header', () => {
    const r = auto('<190>Jun 15 12:00:00 lb1 nginx: 192.0.2.4 - - [15/Jun/2026:12:00:00 +0900] "GET / HTTP/1.1" 304 0 "-" "curl/8.0"');
    expect(r.format).toBe('web-access');
    expect(r.fields['log.syslog.appname']).toBe('nginx');
  });
});

describe('squid', () => {
  it('reads a denied CONNECT and a proxied GET', () => {
    const d = auto('1781492400.123    10 192.0.2.50 TCP_DENIED/403 3900 CONNECT bad.example:443 小林 HIER_NONE/- text/html');
    expect(d.format).toBe('squid');
    expect(d.fields['event.type']).toEqual(['denied']);
    expect(d.fields['url.domain']).toBe('bad.example');
    expect(d.fields['user.name']).toBe('小林');
    expect(d.fields['@timestamp']).toBe(1781492400123);
    const g = auto('1781492400.500   120 192.0.2.50 TCP_MISS/200 5120 GET http://example.com/a/b?c=d - HIER_DIRECT/93.184.216.34 text/html');
    expect(g.fields['url.path']).toBe('/a/b');
    expect(g.fields['destination.ip']).toBe('93.184.216.34');
    expect(g.fields['http.response.status_code']).toBe(200);
  });
});

describe('modsecurity', () => {
  it('reads an error-log denial with rule id, message and tags', () => {
    const r = auto('[Mon Jun 15 12:00:00.123456 2026] [:error] [pid 1] [client 192.0.2.9:5050] ModSecurity: Access denied with code 403 (phase 2). Pattern match "union select" at ARGS:q. [file "/etc/modsecurity/crs.conf"] [line "10"] [id "942100"] [msg "SQL Injection Attack"] [severity "CRITICAL"] [tag "attack-sqli"] [tag "OWASP_CRS"] [hostname "shop.example"] [uri "/search"] [unique_id "abc"]');
    expect(r.format).toBe('modsecurity');
    expect(r.fields['source.ip']).toBe('192.0.2.9');
    expect(r.fields['rule.id']).toBe('942100');
    expect(r.fields['rule.name']).toBe('SQL Injection Attack');
    expect(r.fields['http.response.status_code']).toBe(403);
    expect(r.fields.tags).toEqual(['attack-sqli', 'OWASP_CRS']);
    expect(r.fields['event.type']).toEqual(['denied']);
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0, 123));
  });

  it('reads a libmodsecurity v3 JSON audit record', () => {
    const r = auto('{"transaction":{"client_ip":"2001:db8::3","time_stamp":"Mon Jun 15 12:00:00 2026","client_port":5000,"host_ip":"192.0.2.1","host_port":443,"unique_id":"u1","request":{"method":"GET","uri":"/a?x=1","headers":{"Host":"shop.example","User-Agent":"sqlmap"}},"response":{"http_code":403},"messages":[{"message":"SQL Injection Attack","details":{"ruleId":"942100","severity":"2"}}]}}');
    expect(r.format).toBe('modsecurity');
    expect(r.fields['source.ip']).toBe('2001:db8::3');
    expect(r.fields['rule.id']).toBe('942100');
    expect(r.fields['url.query']).toBe('x=1');
    expect(r.fields['user_agent.original']).toBe('sqlmap');
    expect(r.fields['http.response.status_code']).toBe(403);
  });

  it('reads a native multi-part audit record passed as one string', () => {
    const rec = ['--a1b2-A--', '[15/Jun/2026:12:00:00 +0900] XYZ 192.0.2.7 5000 192.0.2.1 80', '--a1b2-B--', 'GET /x?y=1 HTTP/1.1', 'Host: shop.example', 'User-Agent: nikto', '--a1b2-F--', 'HTTP/1.1 403 Forbidden', '--a1b2-H--', 'Message: Access denied with code 403 (phase 2). [id "913100"] [msg "Found User-Agent associated with security scanner"]', '--a1b2-Z--'].join('\n');
    const r = auto(rec);
    expect(r.format).toBe('modsecurity');
    expect(r.fields['source.ip']).toBe('192.0.2.7');
    expect(r.fields['rule.id']).toBe('913100');
    expect(r.fields['url.domain']).toBe('shop.example');
    expect(r.fields['http.response.status_code']).toBe(403);
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
  });
});
