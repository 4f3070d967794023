import { useState, type ReactNode } from 'react';
import { LoadState, NeedTenant, ProblemMessage, SeverityBadge } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, enc, type ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

interface Localised {
  title: string;
  fields: { attackSource: string; target: string; analysis: string; actions: string; references: string[] };
}

interface NotificationView {
  id: number;
  severity: string;
  title: string;
  status: string;
  sentAt: string | null;
  createdAt: string;
  subject: { kind: string; id: number };
  content: { ja: Localised; en: Localised };
}

type InquiryKind = 'acknowledge' | 'question' | 'signature_disable';

/** The tenant's notifications, each with the customer's answers: acknowledge, ask, or ask to disable the signature. */
export function PortalNotifications(): ReactNode {
  const { t } = useI18n();
  const { tenant } = useSession();
  const loaded = useApi<NotificationView[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/notifications` : null);
  if (!tenant) return <NeedTenant />;
  return (
    <section>
      <h1>{t('portal.notifications')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => {
          const sent = rows.filter((n) => n.status !== 'draft');
          return sent.length === 0 ? <p className="muted">{t('common.empty')}</p> : sent.map((n) => <NotificationCard key={n.id} n={n} tenant={tenant} />);
        }}
      </LoadState>
    </section>
  );
}

function NotificationCard(props: { n: NotificationView; tenant: string }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const [message, setMessage] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState<ApiError>();
  const n = props.n;
  const c = n.content[locale];
  const reply = async (kind: InquiryKind) => {
    setError(undefined);
    try {
      await api.post(`/api/v1/tenants/${enc(props.tenant)}/inquiries`, { kind, notificationId: n.id, message });
      setDone(t(`portal.sent.${kind}`));
      setMessage('');
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <article className="card notification" aria-labelledby={`n-${n.id}`} data-notification-id={n.id}>
      <h2 id={`n-${n.id}`} className="wrap-anywhere">
        <SeverityBadge severity={n.severity} /> {c.title}
      </h2>
      <p className="muted">{formatDateTime(n.sentAt ?? n.createdAt, locale, timezone)}</p>
      <dl className="facts">
        <dt>{t('portal.attackSource')}</dt>
        <dd className="wrap-anywhere">{c.fields.attackSource}</dd>
        <dt>{t('alert.target')}</dt>
        <dd className="wrap-anywhere">{c.fields.target}</dd>
        <dt>{t('portal.analysis')}</dt>
        <dd className="wrap-anywhere">{c.fields.analysis}</dd>
        <dt>{t('portal.actions')}</dt>
        <dd className="wrap-anywhere">{c.fields.actions}</dd>
      </dl>
      <label className="block">
        {t('portal.message')}
        <textarea rows={2} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={20_000} name="message" />
      </label>
      <div className="inline-form">
        <button type="button" className="primary" onClick={() => void reply('acknowledge')}>
          {t('portal.acknowledge')}
        </button>
        <button type="button" onClick={() => void reply('question')} disabled={!message.trim()}>
          {t('portal.ask')}
        </button>
        <button type="button" onClick={() => void reply('signature_disable')}>
          {t('portal.disableSignature')}
        </button>
      </div>
      {done && (
        <p role="status" className="ok-text">
          {done}
        </p>
      )}
      <ProblemMessage error={error} />
    </article>
  );
}
