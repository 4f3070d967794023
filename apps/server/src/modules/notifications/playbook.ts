import type { Lang } from './notification-types.ts';

interface Advice {
  damage: Record<Lang, string>;
  actions: Record<Lang, string[]>;
}

/**
 * Expected damage and recommended actions per ATT&CK tactic, the analyst's starting point for the draft
 * (the guideline's example: cut the target off, check its data for tampering, patch the library).
 */
export const TACTIC_ADVICE: Record<string, Advice> = {
  initial_access: {
    damage: {
      ja: '公開サーバの脆弱性を悪用した不正侵入により、サーバの乗っ取り、データの改ざんや窃取、不正プログラムの設置に至るおそれがあります。',
      en: 'An intrusion through a vulnerability of an exposed server may lead to takeover of the server, tampering with or theft of data, and planted malicious programs.',
    },
    actions: {
      ja: [
        '攻撃対象のサーバとの通信を遮断するか、サーバをネットワークから切り離してください。',
        '攻撃対象のアプリケーションが使うデータベースに不審なスクリプトやタグが挿入されていないか確認してください。',
        '利用しているライブラリやフレームワークが最新版か確認し、更新してください。',
      ],
      en: [
        'Block traffic to and from the targeted server, or disconnect it from the network.',
        "Check the targeted application's database for inserted scripts or tags.",
        'Check that the libraries and frameworks in use are up to date, and update them.',
      ],
    },
  },
  execution: {
    damage: {
      ja: '意図しないプログラムの実行により、端末やサーバが攻撃者に操作されるおそれがあります。',
      en: 'Unintended program execution may let the attacker control the host.',
    },
    actions: {
      ja: ['該当ホストで意図しないプロセスや常駐プログラムが動いていないか確認してください。', '必要に応じて該当ホストをネットワークから隔離してください。'],
      en: ['Check the host for unintended processes or resident programs.', 'Isolate the host from the network if needed.'],
    },
  },
  credential_access: {
    damage: {
      ja: '認証情報が窃取・推測され、正規アカウントが不正利用されるおそれがあります。',
      en: 'Credentials may be stolen or guessed, and legitimate accounts misused.',
    },
    actions: {
      ja: ['該当アカウントのパスワードを変更し、多要素認証を有効にしてください。', '該当アカウントの最近のログイン履歴を確認してください。'],
      en: ['Change the affected accounts’ passwords and enable multi-factor authentication.', 'Review recent sign-ins of the affected accounts.'],
    },
  },
  command_and_control: {
    damage: {
      ja: 'マルウェアに感染したホストが外部の指令サーバと通信しているおそれがあります。情報漏えいや他ホストへの感染拡大につながります。',
      en: 'An infected host may be talking to an external command server, leading to data leakage or spread to other hosts.',
    },
    actions: {
      ja: ['通信先への通信を遮断してください。', '該当ホストを隔離し、マルウェア対策ソフトでフルスキャンしてください。'],
      en: ['Block traffic to the destination.', 'Isolate the host and run a full anti-malware scan.'],
    },
  },
  exfiltration: {
    damage: { ja: '機密情報が外部に持ち出されるおそれがあります。', en: 'Confidential data may be carried out of the organisation.' },
    actions: {
      ja: ['通信先への通信を遮断してください。', '送信されたデータの内容と量を確認してください。'],
      en: ['Block traffic to the destination.', 'Determine what data was sent and how much.'],
    },
  },
  impact: {
    damage: {
      ja: 'サービス停止、データの暗号化や破壊、計算資源の不正利用（仮想通貨採掘など）のおそれがあります。',
      en: 'Service outage, encrypted or destroyed data, or misuse of computing resources (such as cryptocurrency mining) may follow.',
    },
    actions: {
      ja: ['影響を受けたシステムの稼働状況とリソース使用率を確認してください。', 'バックアップからの復旧手順を確認してください。'],
      en: ['Check the affected systems’ availability and resource usage.', 'Review the procedure to restore from backups.'],
    },
  },
};

export const DEFAULT_ADVICE: Advice = {
  damage: {
    ja: '攻撃が成功していた場合、対象システムの情報漏えい、改ざん、サービス停止につながるおそれがあります。',
    en: 'If the attack succeeded, it may lead to data leakage, tampering or outage of the target system.',
  },
  actions: {
    ja: ['攻撃対象のホストのログを確認し、攻撃が成功していないか確認してください。', '必要に応じて攻撃元からの通信を遮断してください（攻撃元が変わる可能性があるため一時的な対応です）。'],
    en: [
      'Review the target host’s logs to confirm whether the attack succeeded.',
      'Block traffic from the attack source if needed (a temporary measure: attackers change addresses).',
    ],
  },
};

/** `attack.initial_access` / `attack.initial-access` → the advice for it. */
export function adviceForTags(tags: readonly string[]): Advice {
  for (const tag of tags) {
    const m = /^attack\.([a-z_-]+)$/i.exec(tag);
    const advice = m ? TACTIC_ADVICE[m[1]!.toLowerCase().replace(/-/g, '_')] : undefined;
    if (advice) return advice;
  }
  return DEFAULT_ADVICE;
}

/** Reference URLs a tag points at: ATT&CK techniques and CVE entries. */
export function referenceForTag(tag: string): string | undefined {
  const technique = /^attack\.(t\d{4})(?:\.(\d{3}))?$/i.exec(tag);
  if (technique) {
    const t = technique[1]!.toUpperCase();
    return technique[2] ? `https://attack.mitre.org/techniques/${t}/${technique[2]}/` : `https://attack.mitre.org/techniques/${t}/`;
  }
  const cve = /^cve[.-](\d{4}-\d{4,7})$/i.exec(tag);
  if (cve) return `https://nvd.nist.gov/vuln/detail/CVE-${cve[1]!}`;
  return undefined;
}
