/**
 * The anomaly types a SOC starts with (CAS-2, ING-5 and common host/network anomalies), in Japanese and
 * English. Seeded once per key; analysts edit them through /api/v1/anomaly-types and edits are kept.
 */
import type { AnomalyTypeDefinition } from './anomaly-types.schemas.ts';

export const SEEDED_ANOMALY_TYPES: Record<string, AnomalyTypeDefinition> = {
  unusual_login_country: {
    name: { ja: '普段と異なる国からのログイン', en: 'Login from an unusual country' },
    hypothesis: {
      ja: '第三者が窃取した認証情報で、利用者の普段と異なる国からログインに成功しているのではないか。',
      en: 'Someone holding stolen credentials has signed in successfully from a country the user does not normally use.',
    },
    appliesTo: { kinds: [], rules: [], titleWords: ['country', 'impossible travel', 'geo'] },
    checklist: [
      { id: 'other_logins', what: { ja: '同じ送信元からの他のログイン成功・失敗', en: 'Other successful and failed logins from the same source' }, query: 'source.ip:{source} event.category:authentication | stats count by event.outcome, user.name' },
      { id: 'user_baseline', what: { ja: '利用者の普段のログイン元の国と件数', en: "The user's usual login countries and volume" }, query: 'user.name:{target} event.category:authentication | stats count by source.geo.country_iso_code' },
      { id: 'after_login', what: { ja: 'ログイン後の操作（ダウンロード・設定変更）', en: 'What happened after the login (downloads, setting changes)' }, query: 'user.name:{target} NOT event.category:authentication | stats count by event.action' },
      { id: 'ask_user', what: { ja: '利用者・所属部門へのヒアリング（出張・VPN の有無）', en: 'Ask the user or their department (travel, VPN use)' } },
    ],
  },
  unusual_login_time: {
    name: { ja: '普段と異なる時間帯のログイン', en: 'Login at an unusual hour' },
    hypothesis: { ja: '業務時間外のログインは本人以外による不正利用ではないか。', en: 'A login outside the user’s working hours is someone other than the user.' },
    appliesTo: { kinds: [], rules: [], titleWords: ['unusual hour', 'off-hours', 'after hours'] },
    checklist: [
      { id: 'hours_baseline', what: { ja: '利用者の過去のログイン時間帯', en: "The user's past login hours" }, query: 'user.name:{target} event.category:authentication event.outcome:success | timechart span=1h count' },
      { id: 'source_known', what: { ja: '送信元が社内・既知の端末か', en: 'Whether the source is internal or a known device' }, query: 'source.ip:{source} | stats count by user.name, host.name' },
      { id: 'ask_user', what: { ja: '本人に時間外作業の有無を確認', en: 'Confirm with the user whether they worked at that time' } },
    ],
  },
  mass_download: {
    name: { ja: '大量ダウンロード', en: 'Mass download' },
    hypothesis: { ja: '退職予定者や侵害されたアカウントが情報を持ち出しているのではないか。', en: 'A leaver or a compromised account is taking data out.' },
    appliesTo: { kinds: [], rules: [], titleWords: ['download', 'exfil', 'upload'] },
    checklist: [
      { id: 'volume', what: { ja: '利用者のダウンロード量の推移（普段との比較）', en: "The user's download volume against their baseline" }, query: 'user.name:{source} event.action:download | timechart span=1d count' },
      { id: 'files', what: { ja: '対象ファイル・共有先', en: 'Which files and shares were involved' }, query: 'user.name:{source} event.action:download | top file.name' },
      { id: 'destination', what: { ja: '持ち出し先（個人向けクラウド・外部メール）', en: 'Where the data went (personal cloud, external mail)' }, query: 'user.name:{source} | stats count by destination.domain' },
      { id: 'hr_check', what: { ja: '人事情報（退職予定・異動）の確認', en: 'Check HR facts (leaving, moving department)' } },
    ],
  },
  new_admin: {
    name: { ja: '管理者権限の新規付与', en: 'New administrator' },
    hypothesis: { ja: '攻撃者が永続化のため管理者アカウントを作成・昇格させたのではないか。', en: 'An attacker created or promoted an administrator account to persist.' },
    appliesTo: { kinds: [], rules: [], titleWords: ['admin', 'privilege', 'group membership'] },
    checklist: [
      { id: 'who_granted', what: { ja: '付与した操作者と送信元', en: 'Who granted it and from where' }, query: '{target} event.category:iam | stats count by user.name, source.ip' },
      { id: 'change_ticket', what: { ja: '変更申請・作業予定との照合', en: 'Match against a change request or planned work' } },
      { id: 'account_activity', what: { ja: '新しい管理者アカウントのその後の操作', en: 'What the new administrator did afterwards' }, query: 'user.name:{target} | stats count by event.action' },
    ],
  },
  rare_process: {
    name: { ja: '稀なプロセスの実行', en: 'Rare process' },
    hypothesis: { ja: '普段実行されないプロセスはマルウェアや攻撃ツールの実行ではないか。', en: 'A process that normally never runs is malware or an attack tool.' },
    appliesTo: { kinds: [], rules: [], titleWords: ['process', 'powershell', 'mimikatz', 'execution'] },
    checklist: [
      { id: 'prevalence', what: { ja: '同じプロセスが他のホストで動いているか', en: 'Whether the same process runs on other hosts' }, query: 'process.name:* | stats count by host.name, process.name' },
      { id: 'parent', what: { ja: '親プロセスとコマンドライン', en: 'Parent process and command line' }, query: 'host.name:{target} process.name:* | stats count by process.parent.name, process.command_line' },
      { id: 'hash', what: { ja: 'ハッシュ値の評判（脅威情報）', en: 'Reputation of the file hash (threat intelligence)' } },
      { id: 'network', what: { ja: '実行後の外部通信', en: 'Outbound traffic after execution' }, query: 'source.ip:{source} | top destination.ip' },
    ],
  },
  traffic_spike: {
    name: { ja: '通信量の急増', en: 'Traffic spike' },
    hypothesis: { ja: '急増した通信は DoS 攻撃、ワーム感染、または情報持ち出しではないか。', en: 'The spike is a denial-of-service attack, a worm spreading, or data leaving.' },
    appliesTo: { kinds: [], rules: [], titleWords: ['flood', 'spike', 'scan', 'volume'] },
    checklist: [
      { id: 'top_talkers', what: { ja: '通信量の多い送信元・宛先', en: 'Top sources and destinations' }, query: '* | stats count by source.ip, destination.ip | sort -count | head 20' },
      { id: 'ports', what: { ja: '宛先ポートの分布（ワーム的な横展開の有無）', en: 'Destination ports (worm-like lateral scanning?)' }, query: 'source.ip:{source} | top destination.port' },
      { id: 'timeline', what: { ja: '時間推移と開始時刻', en: 'Timeline and when it started' }, query: 'source.ip:{source} | timechart span=5m count' },
    ],
  },
  log_silence: {
    name: { ja: 'ログ途絶', en: 'Log silence' },
    hypothesis: { ja: '機器の停止・設定変更、または攻撃者によるログ送信の妨害が起きているのではないか。', en: 'The device stopped or was reconfigured, or an attacker is keeping its logs from us.' },
    appliesTo: { kinds: ['log_silence'], rules: [], titleWords: [] },
    checklist: [
      { id: 'availability', what: { ja: '死活監視の状態（ping・SNMP）', en: 'Availability monitor state (ping, SNMP)' } },
      { id: 'last_events', what: { ja: '途絶直前のログ（設定変更・再起動の痕跡）', en: 'The last logs before the silence (configuration change, reboot)' }, query: '* | sort -@timestamp | head 50' },
      { id: 'maintenance', what: { ja: 'お客様の作業予定・メンテナンスの確認', en: "Check the customer's planned work or maintenance" } },
    ],
  },
};
