/**
 * Source of docs/devices/*.md and docs/ja/devices/*.md: how each device type sends logs to Mamori. The
 * normalised sample in each page is produced by running the parser on its example line (src/examples.ts),
 * so the docs cannot drift from the code. Generate: node --import tsx packages/parsers/test/gen-device-docs.ts
 */
export interface DeviceGuide {
  /** File name (without .md). */
  id: string;
  /** Parser used for the device (`--format`). */
  format: string;
  title: { en: string; ja: string };
  steps: { en: string[]; ja: string[] };
  /** Device-side configuration, shown verbatim. */
  config?: { lang: string; text: string };
}

export const deviceGuides: readonly DeviceGuide[] = [
  {
    id: 'fortigate', format: 'fortigate', title: { en: 'Fortinet FortiGate', ja: 'Fortinet FortiGate' },
    steps: {
      en: ['Register the device: `mamori device create --tenant acme --name fgt-tokyo --format fortigate --address 192.0.2.1 --timezone Asia/Tokyo`.', 'On the FortiGate CLI, point a syslog server at Mamori (UDP or TCP 5514, or TLS 6514 with `set enc-algorithm high`).', 'Keep the default log format (`set format default`); Mamori reads the key=value pairs. If the FortiGate does not send `tz=`, the device time zone you registered is used.'],
      ja: ['デバイスを登録します: `mamori device create --tenant acme --name fgt-tokyo --format fortigate --address 192.0.2.1 --timezone Asia/Tokyo`。', 'FortiGate の CLI で syslog サーバーとして Mamori を指定します（UDP/TCP 5514、または `set enc-algorithm high` で TLS 6514）。', 'ログ形式は既定（`set format default`）のままにします。Mamori は key=value を読み取ります。`tz=` が送られない場合は登録したタイムゾーンを使います。'],
    },
    config: { lang: 'text', text: 'config log syslogd setting\n    set status enable\n    set server "mamori.example.jp"\n    set mode reliable\n    set port 5514\n    set facility local7\n    set format default\nend' },
  },
  {
    id: 'paloalto', format: 'panos', title: { en: 'Palo Alto Networks PAN-OS', ja: 'Palo Alto Networks PAN-OS' },
    steps: {
      en: ['Register the device with `--format panos` and the firewall\'s time zone.', 'Device > Server Profiles > Syslog: add Mamori (TCP 5514 or SSL 6514, format BSD or IETF, facility LOG_USER).', 'Objects > Log Forwarding: forward Traffic and Threat logs to that profile and attach it to your security rules. Keep the default (CSV) log format.'],
      ja: ['`--format panos` とファイアウォールのタイムゾーンでデバイスを登録します。', 'Device > サーバープロファイル > Syslog で Mamori を追加します（TCP 5514 または SSL 6514、形式 BSD または IETF、ファシリティ LOG_USER）。', 'Objects > ログ転送 で Traffic と Threat をそのプロファイルへ転送し、セキュリティルールに割り当てます。ログ形式は既定（CSV）のままにします。'],
    },
  },
  {
    id: 'screenos', format: 'screenos', title: { en: 'Juniper ScreenOS / NetScreen', ja: 'Juniper ScreenOS / NetScreen' },
    steps: {
      en: ['Register the device with `--format screenos`; the trailing time in each alarm is the device\'s local time, so set `--timezone`.', 'Enable syslog to Mamori for event and traffic logs (UDP 5514).'],
      ja: ['`--format screenos` でデバイスを登録します。各アラームの末尾の時刻は機器のローカル時刻なので `--timezone` を設定します。', 'イベントログとトラフィックログの syslog 送信先を Mamori（UDP 5514）にします。'],
    },
    config: { lang: 'text', text: 'set syslog config 192.0.2.50 port 5514\nset syslog config 192.0.2.50 log all\nset syslog config 192.0.2.50 facilities local0 local0\nset syslog enable' },
  },
  {
    id: 'cisco-asa', format: 'cisco-asa', title: { en: 'Cisco ASA and Firepower Threat Defense', ja: 'Cisco ASA / Firepower Threat Defense' },
    steps: {
      en: ['Register the device with `--format cisco-asa` (the same parser reads %ASA, %FTD and %PIX messages).', 'Send logs over TCP 5514 (or UDP), level informational, and add timestamps with the year so no year has to be inferred.'],
      ja: ['`--format cisco-asa` でデバイスを登録します（%ASA、%FTD、%PIX を同じパーサーで読みます）。', 'TCP 5514（または UDP）、レベル informational で送信し、年を含むタイムスタンプを付けます（年の推定が不要になります）。'],
    },
    config: { lang: 'text', text: 'logging enable\nlogging timestamp rfc5424\nlogging device-id hostname\nlogging trap informational\nlogging host inside 192.0.2.50 tcp/5514\n! with TCP logging the ASA stops new connections while the server is unreachable, unless:\nlogging permit-hostdown' },
  },
  {
    id: 'checkpoint', format: 'checkpoint', title: { en: 'Check Point (Log Exporter)', ja: 'Check Point（Log Exporter）' },
    steps: {
      en: ['Register the management or log server with `--format checkpoint`.', 'On the management server, create a Log Exporter target in syslog format over TCP 5514.'],
      ja: ['管理サーバーまたはログサーバーを `--format checkpoint` で登録します。', '管理サーバーで syslog 形式・TCP 5514 の Log Exporter ターゲットを作成します。'],
    },
    config: { lang: 'shell', text: 'cp_log_export add name mamori target-server mamori.example.jp target-port 5514 protocol tcp format syslog\ncp_log_export restart name mamori' },
  },
  {
    id: 'suricata', format: 'suricata-eve', title: { en: 'Suricata (EVE JSON)', ja: 'Suricata（EVE JSON）' },
    steps: {
      en: ['Register the sensor with `--format suricata-eve`.', 'Enable the `eve-log` output with `filetype: syslog` (or ship eve.json with rsyslog / an HTTP ingest token, one JSON object per line).'],
      ja: ['センサーを `--format suricata-eve` で登録します。', '`eve-log` 出力を `filetype: syslog` で有効にします（または rsyslog や HTTP 取り込みトークンで eve.json を 1 行 1 JSON で送ります）。'],
    },
    config: { lang: 'yaml', text: 'outputs:\n  - eve-log:\n      enabled: yes\n      filetype: syslog\n      identity: suricata\n      facility: local5\n      types: [alert, http, dns, tls, flow]' },
  },
  {
    id: 'snort', format: 'snort-fast', title: { en: 'Snort / Suricata fast alerts', ja: 'Snort / Suricata の fast アラート' },
    steps: {
      en: ['Register the sensor with `--format snort-fast`.', 'Forward `alert.fast` / `fast.log` with rsyslog\'s imfile (below) or `mamori import`. The alert time has no year; Mamori infers it from the receive time.'],
      ja: ['センサーを `--format snort-fast` で登録します。', '`alert.fast` / `fast.log` を rsyslog の imfile（下記）または `mamori import` で送ります。アラートの時刻に年はないため、受信時刻から推定します。'],
    },
    config: { lang: 'text', text: 'module(load="imfile")\ninput(type="imfile" File="/var/log/snort/alert.fast" Tag="snort" Ruleset="mamori")\nruleset(name="mamori") { action(type="omfwd" target="mamori.example.jp" port="5514" protocol="tcp" template="RSYSLOG_SyslogProtocol23Format") }' },
  },
  {
    id: 'modsecurity', format: 'modsecurity', title: { en: 'ModSecurity', ja: 'ModSecurity' },
    steps: {
      en: ['Register the web server with `--format modsecurity`.', 'Either forward the Apache/Nginx error log (ModSecurity writes one line per rule match) or set `SecAuditLogFormat JSON` and forward the audit log one record per line.'],
      ja: ['Web サーバーを `--format modsecurity` で登録します。', 'Apache/Nginx のエラーログ（ルール一致ごとに 1 行）を送るか、`SecAuditLogFormat JSON` にして監査ログを 1 行 1 レコードで送ります。'],
    },
    config: { lang: 'apache', text: 'SecAuditEngine RelevantOnly\nSecAuditLogFormat JSON\nSecAuditLogType Serial\nSecAuditLog /var/log/modsec_audit.json' },
  },
  {
    id: 'squid', format: 'squid', title: { en: 'Squid proxy', ja: 'Squid プロキシ' },
    steps: {
      en: ['Register the proxy with `--format squid`.', 'Keep the native `squid` logformat and send it to syslog with `access_log syslog:local4.info`, forwarded by rsyslog to Mamori.'],
      ja: ['プロキシを `--format squid` で登録します。', 'ネイティブの `squid` ログ形式のまま、`access_log syslog:local4.info` で syslog に出力し、rsyslog で Mamori に転送します。'],
    },
    config: { lang: 'text', text: 'access_log syslog:local4.info squid' },
  },
  {
    id: 'apache-nginx', format: 'web-access', title: { en: 'Apache httpd and Nginx access logs', ja: 'Apache httpd / Nginx アクセスログ' },
    steps: {
      en: ['Register the web server with `--format web-access` (common, combined and vhost_combined formats).', 'Nginx: `access_log syslog:server=mamori.example.jp:5514,tag=nginx combined;`. Apache: pipe the combined log to `logger` (below).'],
      ja: ['Web サーバーを `--format web-access` で登録します（common、combined、vhost_combined 形式）。', 'Nginx: `access_log syslog:server=mamori.example.jp:5514,tag=nginx combined;`。Apache: combined ログを `logger` にパイプします（下記）。'],
    },
    config: { lang: 'apache', text: 'CustomLog "|/usr/bin/logger -t apache -n mamori.example.jp -P 5514 -T" combined' },
  },
  {
    id: 'linux', format: 'linux-auth', title: { en: 'Linux (sshd, sudo, su, PAM)', ja: 'Linux（sshd、sudo、su、PAM）' },
    steps: {
      en: ['Register the host with `--format auto` (auth lines are recognised by their program name; other lines fall back to RFC 3164/5424) and its time zone.', 'Forward the auth facility with rsyslog (below).'],
      ja: ['ホストを `--format auto` とタイムゾーンで登録します（認証ログはプログラム名で判別し、それ以外は RFC 3164/5424 として読みます）。', 'rsyslog で auth ファシリティを転送します（下記）。'],
    },
    config: { lang: 'text', text: '# /etc/rsyslog.d/60-mamori.conf\nauth,authpriv.* action(type="omfwd" target="mamori.example.jp" port="5514" protocol="tcp")' },
  },
  {
    id: 'windows', format: 'windows-event', title: { en: 'Windows event logs (JSON: NXLog, Winlogbeat, EVTX)', ja: 'Windows イベントログ（JSON: NXLog、Winlogbeat、EVTX）' },
    steps: {
      en: ['Register the device with `--format windows-event` and create an ingest token: `mamori token create --tenant acme --device dc01 --scope ingest`.', 'Send each event as one JSON line with `Content-Type: text/plain` to `POST /api/v1/ingest` (lines are parsed with the device\'s format), e.g. NXLog `om_http` with `to_json()` (below); or over syslog with the JSON as the message. Winlogbeat documents (`winlog.*`), EVTX exported as JSON (`Event.System` / `Event.EventData`) and NXLog flat records are all read. The API listens on 127.0.0.1 by default: set `MAMORI_HTTP_HOST` to accept senders on the network.'],
      ja: ['デバイスを `--format windows-event` で登録し、取り込みトークンを作成します（`mamori token create --tenant acme --device dc01 --scope ingest`）。', 'イベントを 1 行 1 JSON で、`Content-Type: text/plain` として `POST /api/v1/ingest` に送ります（各行はデバイスの形式で解析されます）。例: NXLog の `om_http` と `to_json()`（下記）。syslog のメッセージとして JSON を送ることもできます。Winlogbeat のドキュメント（`winlog.*`）、JSON に変換した EVTX（`Event.System` / `Event.EventData`）、NXLog のフラットなレコードを読めます。API は既定で 127.0.0.1 で待ち受けるため、ネットワーク上の送信元を受け付けるには `MAMORI_HTTP_HOST` を設定してください。'],
    },
    config: { lang: 'text', text: '<Output mamori>\n    Module      om_http\n    URL         http://mamori.example.jp:8080/api/v1/ingest\n    ContentType text/plain\n    AddHeader   Authorization: Bearer <ingest token>\n    Exec        to_json();\n</Output>' },
  },
  {
    id: 'cef-leef', format: 'cef', title: { en: 'Any CEF or LEEF sender', ja: 'CEF / LEEF を送る機器' },
    steps: {
      en: ['Register the device with `--format cef` or `--format leef` (or `auto`).', 'Point the device\'s syslog/CEF forwarder at Mamori on TCP 5514; vendor-specific keys are kept as cef.extensions.* / leef.*.'],
      ja: ['デバイスを `--format cef` または `--format leef`（あるいは `auto`）で登録します。', '機器の syslog/CEF 転送先を Mamori の TCP 5514 にします。ベンダー固有のキーは cef.extensions.* / leef.* に残ります。'],
    },
  },
  {
    id: 'syslog', format: 'rfc5424', title: { en: 'Any syslog sender (RFC 3164 / RFC 5424)', ja: '一般的な syslog 送信元（RFC 3164 / RFC 5424）' },
    steps: {
      en: ['Register the device with `--format auto`: Mamori reads the header, then tries every vendor format on the message and falls back to plain syslog.', 'Prefer RFC 5424 with a zone in the timestamp. For RFC 3164 (no year, no zone) set `--timezone`; the year is the latest one that does not put the event more than a week after it arrived.'],
      ja: ['デバイスを `--format auto` で登録します。Mamori はヘッダーを読み、メッセージに各ベンダー形式を試し、該当しなければ通常の syslog として扱います。', 'タイムゾーン付きの RFC 5424 を推奨します。RFC 3164（年もタイムゾーンもない）の場合は `--timezone` を設定してください。年は、受信時刻より 1 週間以上未来にならない最も新しい年になります。'],
    },
  },
];
