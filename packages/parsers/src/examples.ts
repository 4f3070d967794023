/**
 * One or two example lines per format, written for Mamori (not taken from any corpus). They feed the
 * generated docs (which parser fills which field, the normalised samples in docs/devices) and a test that
 * each parses cleanly with its own format and by auto-detection.
 */
export const formatExamples: Readonly<Record<string, readonly string[]>> = {
  rfc3164: ['<38>Jun 15 12:00:00 web1 nginx[2211]: worker process 2212 exited on signal 9'],
  rfc5424: ['<165>1 2026-06-15T12:00:00.500+09:00 app1.example.jp billing 4242 AUDIT [origin ip="192.0.2.10"][meta lang="ja"] 請求書を発行しました'],
  json: ['{"@timestamp":"2026-06-15T03:00:00Z","event":{"action":"login"},"source":{"ip":"192.0.2.44"},"user":{"name":"伊藤"},"service":"vpn"}'],
  fortigate: [
    '<189>date=2026-06-15 time=12:00:00 devname="FGT60F-Tokyo" devid="FGT60FTK1234" eventtime=1781492400000000000 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=51514 srcintf="internal" srcintfrole="lan" dstip=198.51.100.7 dstport=443 dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="United States" sessionid=99 proto=6 action="deny" policyid=12 policyname="Block Outbound RDP" service="HTTPS" transip=203.0.113.5 transport=40001 sentbyte=0 rcvdbyte=0 user="山田太郎"',
    'date=2026-06-15 time=12:00:01 devname="FGT60F-Tokyo" devid="FGT60FTK1234" logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" vd="root" severity="critical" srcip=198.51.100.23 dstip=192.0.2.80 srcport=40000 dstport=80 proto=6 action="dropped" policyid=3 attack="Apache.Log4j.Error.Log.Remote.Code.Execution" attackid=51006 ref="http://www.fortinet.com/ids/VID51006" msg="web_server: Apache.Log4j.Error.Log.Remote.Code.Execution"',
  ],
  panos: [
    '<14>Jun 15 12:00:02 pa-3220 1,2026/06/15 12:00:02,013201001234,THREAT,vulnerability,2560,2026/06/15 12:00:02,198.51.100.20,10.1.1.80,0.0.0.0,0.0.0.0,Inbound-Web,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/3,Forward,2026/06/15 12:00:02,777,1,40000,80,0,0,0x2000,tcp,reset-both,"index.php",Apache Struts2 RCE(33050),any,critical,client-to-server,1,0x0,United States,10.0.0.0-10.255.255.255,0,,0,,,0,,,,,',
    '1,2026/06/15 12:00:01,013201001234,TRAFFIC,end,2560,2026/06/15 12:00:00,10.1.1.5,93.184.216.34,203.0.113.9,93.184.216.34,Allow-Out,corp\\suzuki,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Forward,2026/06/15 12:00:00,4242,1,50123,443,41000,443,0x400064,tcp,allow,5000,1200,3800,20,2026/06/15 11:59:50,10,computer-and-internet-info,0,123,0x0,10.0.0.0-10.255.255.255,United States,0,9,11,tcp-fin',
  ],
  screenos: ['<129>Jun 15 12:00:00 ssg140 ssg140: NetScreen device_id=ssg140  [Root]system-alert-00011: ICMP flood! From 203.0.113.66 to 192.0.2.1, proto 1 (zone Untrust int  ethernet0/0). Occurred 5 times. (2026-06-15 12:00:00)'],
  'cisco-asa': [
    '<166>Jun 15 2026 12:00:00 asa01 : %ASA-4-106023: Deny tcp src outside:198.51.100.66/51515 dst inside:192.0.2.5/22 by access-group "OUTSIDE_IN" [0x0, 0x0]',
    '<166>Jun 15 2026 12:00:01 asa01 : %ASA-6-302013: Built outbound TCP connection 1234 for outside:198.51.100.7/443 (198.51.100.7/443) to inside:10.0.0.5/51000 (203.0.113.5/41000)',
  ],
  checkpoint: ['<134>1 2026-06-15T03:00:00Z gw-tokyo CheckPoint 2011 - [action:"Drop"; ifdir:"inbound"; ifname:"eth1"; origin:"192.0.2.254"; product:"VPN-1 & FireWall-1"; src:"198.51.100.9"; dst:"192.0.2.10"; s_port:"50505"; service:"3389"; proto:"6"; rule_name:"Block RDP"; rule_uid:"{A1B2}"; layer_name:"Network"; xlatedst:"10.0.0.10"]'],
  cef: ['<134>Jun 15 12:00:00 waf01 CEF:0|Imperva Inc.|SecureSphere|15.1|sig-42|SQL injection|8|src=198.51.100.9 spt=40000 dst=192.0.2.80 dpt=443 suser=田中 act=blocked request=https://shop.example/item?id=1 requestMethod=GET cs1Label=policy cs1=Default Web Policy rt=1781492400000'],
  leef: ['LEEF:2.0|Lancope|StealthWatch|7.4|41|^|src=10.0.0.1^dst=192.0.2.9^srcPort=50000^dstPort=22^proto=TCP^usrName=高橋^sev=7^cat=Brute Force^devTime=Jun 15 2026 12:00:00'],
  'suricata-eve': ['{"timestamp":"2026-06-15T12:00:00.000001+0900","flow_id":1,"in_iface":"eth0","event_type":"alert","src_ip":"198.51.100.5","src_port":5555,"dest_ip":"192.0.2.9","dest_port":80,"proto":"TCP","app_proto":"http","alert":{"action":"allowed","gid":1,"signature_id":2024897,"rev":2,"signature":"ET WEB_SERVER Possible SQL Injection","category":"Web Application Attack","severity":1,"metadata":{"mitre_technique_id":["T1190"]}},"http":{"hostname":"shop.example","url":"/search?q=1%27","http_method":"GET","status":200,"http_user_agent":"sqlmap/1.7"}}'],
  'snort-fast': ['06/15-12:00:00.123456  [**] [1:2010935:3] ET SCAN Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 198.51.100.4:51000 -> 192.0.2.20:1433'],
  modsecurity: ['[Mon Jun 15 12:00:00.123456 2026] [:error] [pid 1] [client 198.51.100.9:5050] ModSecurity: Access denied with code 403 (phase 2). Pattern match "union select" at ARGS:q. [file "/etc/modsecurity/crs.conf"] [line "10"] [id "942100"] [msg "SQL Injection Attack"] [severity "CRITICAL"] [tag "attack-sqli"] [hostname "shop.example"] [uri "/search"] [unique_id "abc"]'],
  squid: ['1781492400.123    10 192.0.2.50 TCP_DENIED/403 3900 CONNECT bad.example:443 小林 HIER_NONE/- text/html'],
  'web-access': ['192.0.2.4 - 中村 [15/Jun/2026:12:00:00 +0900] "GET /search?q=%E3%81%82 HTTP/1.1" 200 5120 "https://ref.example/" "Mozilla/5.0 (X11; Linux x86_64)"'],
  'linux-auth': [
    'Jun 15 12:00:00 web1 sshd[811]: Failed password for invalid user admin from 198.51.100.3 port 41000 ssh2',
    'Jun 15 12:00:05 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx',
  ],
  'windows-event': [
    '{"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing"}},"EventID":4625,"Channel":"Security","Computer":"dc01.corp.example","EventRecordID":77,"TimeCreated":{"#attributes":{"SystemTime":"2026-06-15T03:00:00.000Z"}}},"EventData":{"TargetUserName":"山田","TargetDomainName":"CORP","LogonType":"3","IpAddress":"198.51.100.3","IpPort":"51000","WorkstationName":"KIOSK-7"}}}',
    '{"@timestamp":"2026-06-15T03:00:01Z","winlog":{"event_id":1,"channel":"Microsoft-Windows-Sysmon/Operational","provider_name":"Microsoft-Windows-Sysmon","computer_name":"ws1.corp.example","record_id":5,"event_data":{"Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd /c whoami","ParentImage":"C:\\\\Windows\\\\explorer.exe","User":"CORP\\\\alice","ProcessId":"4242","Hashes":"SHA256=0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"}}}',
  ],
};
