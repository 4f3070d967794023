import type { Lang } from './notification-types.ts';
import type { AlertSeverity } from '../detection/detection-types.ts';

/** Every string a customer reads in a notification, in both languages (checked key for key by i18n.test.ts). */
export const LABELS = {
  ja: {
    subjectPrefix: '【セキュリティ通知】',
    digestSubject: '【セキュリティ通知 日次まとめ】',
    digestIntro: '前回のまとめ以降の通知 {count} 件です。',
    attackSource: '攻撃元',
    target: '攻撃対象（ホスト/URI）',
    analysis: '分析結果と想定される被害',
    actions: '推奨される対応',
    references: '参考情報',
    severity: '重大度',
    tenant: 'テナント',
    portal: 'ポータルで確認・返信する',
    footer: 'このメッセージは Mamori から送信されました。ご不明な点はポータルの問い合わせからご連絡ください。',
    none: '（なし）',
  },
  en: {
    subjectPrefix: '[Security notification] ',
    digestSubject: '[Security notification daily digest] ',
    digestIntro: '{count} notifications since the last digest.',
    attackSource: 'Attack source',
    target: 'Target (host/URI)',
    analysis: 'Analysis result and expected damage',
    actions: 'Recommended actions',
    references: 'References',
    severity: 'Severity',
    tenant: 'Tenant',
    portal: 'Read and reply in the portal',
    footer: 'This message was sent by Mamori. For questions, please use the inquiry form in the portal.',
    none: '(none)',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export const SEVERITY_WORDS: Record<Lang, Record<AlertSeverity, string>> = {
  ja: { low: '低', medium: '中', high: '高', critical: '緊急' },
  en: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
};

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
