import { z } from 'zod';

/**
 * Playbook task lists per incident type, seeded from the response steps the MSS selection guideline lists in
 * its Appendix A case studies (written in our own words). Providers edit them with PUT /api/v1/playbooks/:type;
 * an incident copies the list when it opens, so later edits do not rewrite running incidents.
 */
const text = z.object({ ja: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export const playbookTaskSchema = z.object({ title: text, detail: text });
export const playbookSchema = z.object({ name: text, tasks: z.array(playbookTaskSchema).min(1).max(50) });
export type Playbook = z.infer<typeof playbookSchema>;

export const PLAYBOOK_TYPES = [
  'web_framework_exploit',
  'sql_injection',
  'web_tampering',
  'malware_infection',
  'credential_theft',
  'cloud_account_compromise',
  'generic',
] as const;
export type PlaybookType = (typeof PLAYBOOK_TYPES)[number];

const t = (ja: string, en: string, dja: string, den: string) => ({ title: { ja, en }, detail: { ja: dja, en: den } });

const BLOCK = t(
  '攻撃元の通信を遮断する（応急処置）',
  'Block the attacking source (first aid)',
  '送信元 IP アドレスからの通信を FW/WAF で止める。攻撃者は送信元を変えうるため一時的な措置と心得る。',
  'Stop traffic from the source address at the firewall or WAF. The attacker may switch addresses, so treat it as temporary.',
);
const CONFIRM = t(
  '通知内容をもとに被害の有無を確かめる',
  'Confirm the damage described in the notification',
  '通知に書かれた事象が実際に起きているか確認する。情報が足りなければ SOC に追加の情報や確認手順を求める。',
  'Check whether what the notification describes really happened; ask the SOC for more data or a way to check if anything is missing.',
);
const PRESERVE = t(
  '証拠を保全する',
  'Preserve evidence',
  '被害機器のディスクイメージや VM のスナップショットを取る。再起動や調査作業で痕跡が上書きされる前に行う。',
  'Take a disk image or VM snapshot of the affected machine before a restart or the investigation overwrites traces.',
);
const STOP = t(
  '攻撃を受けたサービスを停止する',
  'Stop the attacked service',
  'サービス担当部署と相談し、対象サーバまたは原因となったアプリケーションを止める。',
  'With the team that runs it, take the attacked server or the vulnerable application offline.',
);
const SCOPE = t(
  '被害範囲を確認する',
  'Scope the damage',
  '改ざん・漏えいしたデータの範囲と、他のシステムへの波及がないかを調べる。',
  'Find out which data was altered or leaked and whether other systems were reached.',
);
const RESTORE = t('データを復旧する', 'Restore data', '改ざんされたデータやコンテンツをバックアップから戻す。', 'Bring altered data or content back from a known-good backup.');
const PATCH = t(
  '脆弱性を修正する',
  'Fix the vulnerability',
  'システムの更新やアプリケーションの改修を行い、同じ脆弱性を持つ他のシステムがないかも確かめる。必要なら WAF で暫定防御する。',
  'Update the system or fix the application, check that no other system has the same weakness; shield it with WAF rules meanwhile if needed.',
);
const RESUME = t('サービスを再開する', 'Resume the service', '修正済みのシステムを公開し、正常に動くことを確認する。', 'Put the fixed system back online and check it works normally.');
const REPORT = t(
  '対応完了を SOC に連絡する',
  'Tell the SOC the response is complete',
  '対策が済んだら SOC に伝え、SOC は検知ルールを見直したうえでインシデントを閉じる。',
  'Once countermeasures are done, tell the SOC; it reviews its detection rules and closes the incident.',
);

export const SEED_PLAYBOOKS: Record<PlaybookType, Playbook> = {
  web_framework_exploit: {
    name: { ja: 'Web アプリケーションフレームワークの脆弱性悪用', en: 'Web application framework exploit' },
    tasks: [
      BLOCK,
      CONFIRM,
      PRESERVE,
      STOP,
      t(
        '不正なプログラムとスクリプトを特定し取り除く',
        'Find and remove rogue programs and scripts',
        '仮想通貨採掘プログラムなど不正に動くプロセスと、ページに埋め込まれたスクリプトを探して除去する。',
        'Look for rogue processes such as a cryptominer and scripts injected into pages, and remove them.',
      ),
      SCOPE,
      RESTORE,
      PATCH,
      RESUME,
      REPORT,
    ],
  },
  sql_injection: {
    name: { ja: 'SQL インジェクション', en: 'SQL injection' },
    tasks: [BLOCK, CONFIRM, STOP, SCOPE, RESTORE, PATCH, RESUME, REPORT],
  },
  web_tampering: {
    name: { ja: 'Web サイト改ざん', en: 'Web site tampering' },
    tasks: [
      CONFIRM,
      PRESERVE,
      STOP,
      t(
        '改ざん経路を特定する',
        'Find how the site was altered',
        '管理用アカウント（FTP 等）の不正利用か、脆弱性の悪用かを調べ、管理用パスワードを変更する。',
        'Establish whether an administrator account (FTP etc.) was abused or a vulnerability exploited, and change administrator passwords.',
      ),
      SCOPE,
      RESTORE,
      PATCH,
      RESUME,
      REPORT,
    ],
  },
  malware_infection: {
    name: { ja: 'マルウェア・ワーム感染', en: 'Malware or worm infection' },
    tasks: [
      t(
        '検知された通信を確認する',
        'Check the reported traffic',
        '送信元ホストが報告どおりの通信をしているか確認する（メールサーバの送信が 25/tcp のスキャンに見える等の誤検知に注意）。',
        'Check that the source host really sends the reported traffic (a mail server sending mail can look like a 25/tcp scan).',
      ),
      t('感染ホストを隔離する', 'Isolate the infected host', '感染の疑いのあるホストをネットワークから切り離す。', 'Disconnect the suspected host from the network.'),
      PRESERVE,
      t(
        'マルウェアを駆除する',
        'Remove the malware',
        'クリーンインストールで再構築する。難しければ最新の定義ファイルでウイルススキャンする。',
        'Rebuild the host from a clean install, or failing that scan it with up-to-date antivirus signatures.',
      ),
      t(
        '感染の広がりがないことを確かめる',
        'Check that the infection has not spread',
        '他の端末から同様の通信が出ていないかを SOC と確認する。',
        'With the SOC, check that no other host shows the same traffic.',
      ),
      REPORT,
    ],
  },
  credential_theft: {
    name: { ja: '認証情報の窃取', en: 'Credential theft' },
    tasks: [
      CONFIRM,
      t(
        '漏えいした認証情報を無効化する',
        'Invalidate the stolen credentials',
        '該当アカウントのパスワードを変更し、セッションやキーを失効させる。',
        'Change the affected passwords and revoke sessions and keys.',
      ),
      t(
        '窃取元の端末を特定し隔離する',
        'Find and isolate the machine the credentials were taken from',
        '情報を盗んだマルウェアに感染した端末を探し、隔離・駆除する。',
        'Locate the machine infected by the stealing malware, isolate and clean it.',
      ),
      t(
        '不正利用の有無を確認する',
        'Check for misuse of the credentials',
        '認証ログやアクセスログから、盗まれた認証情報で行われた操作を洗い出す。',
        'Go through sign-in and access logs for actions made with the stolen credentials.',
      ),
      SCOPE,
      REPORT,
    ],
  },
  cloud_account_compromise: {
    name: { ja: 'クラウドアカウントの乗っ取り', en: 'Cloud account compromise' },
    tasks: [
      CONFIRM,
      t(
        'アカウントを保護する',
        'Secure the account',
        'パスワードを変更し、全セッションを切断し、多要素認証を有効にする。',
        'Reset the password, end every session and turn on multi-factor authentication.',
      ),
      t(
        '不審な設定変更を元に戻す',
        'Undo suspicious changes',
        '転送ルール、共有設定、追加されたアプリや権限などを確認し元に戻す。',
        'Review forwarding rules, sharing settings, added apps and permissions, and revert them.',
      ),
      t(
        'アクセス元とデータの持ち出しを調べる',
        'Review sign-in sources and data taken',
        'CASB やサービスの監査ログで、通常と異なる国・端末からのアクセスやダウンロードを確認する。',
        'Use CASB and service audit logs to find sign-ins from unusual countries or devices and downloads.',
      ),
      SCOPE,
      REPORT,
    ],
  },
  generic: {
    name: { ja: '一般インシデント', en: 'General incident' },
    tasks: [CONFIRM, PRESERVE, SCOPE, REPORT],
  },
};

export function isPlaybookType(type: string): type is PlaybookType {
  return (PLAYBOOK_TYPES as readonly string[]).includes(type);
}
