import { useState, type ReactNode } from 'react';
import { LoadState, NeedTenant, ProblemMessage } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api, enc, type ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

interface Inquiry {
  id: number;
  kind: string;
  status: string;
  title: string;
  rule: string | null;
  createdBy: string;
  createdAt: string;
  messages: { id: number; author: string; party: string; body: string; at: string }[];
}

/** The inquiry desk: customers' acknowledgements, questions and tuning requests, answered and decided here. */
export function Inquiries(): ReactNode {
  const { t } = useI18n();
  const { tenant } = useSession();
  const loaded = useApi<Inquiry[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/inquiries` : null);
  if (!tenant) return <NeedTenant />;
  return (
    <section>
      <h1>{t('nav.inquiries')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (rows.length === 0 ? <p className="muted">{t('common.empty')}</p> : rows.map((q) => <InquiryCard key={q.id} q={q} tenant={tenant} onChange={loaded.reload} />))}
      </LoadState>
    </section>
  );
}

function InquiryCard(props: { q: Inquiry; tenant: string; onChange: () => void }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const { user } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError>();
  const path = `/api/v1/tenants/${enc(props.tenant)}/inquiries/${props.q.id}`;
  // The list leaves the conversation out; each card reads its own.
  const detail = useApi<Inquiry>(path);
  const q = detail.data ?? props.q;
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      setText('');
      detail.reload();
      props.onChange();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const staff = user.party === 'provider';
  const open = q.status === 'open' || q.status === 'answered';
  return (
    <article className="card inquiry" data-inquiry-id={q.id}>
      <h2 className="wrap-anywhere">
        <span className="badge status">{t(`inquiry.kind.${q.kind}` as MessageKey)}</span> {q.title}
      </h2>
      <p className="muted">
        {t(`inquiry.status.${q.status}` as MessageKey)} · {q.createdBy} · {formatDateTime(q.createdAt, locale, timezone)}
        {q.rule ? ` · ${q.rule}` : ''}
      </p>
      <ul className="timeline">
        {q.messages.map((m) => (
          <li key={m.id}>
            <span className="muted">{formatDateTime(m.at, locale, timezone)}</span> <strong>{m.author}</strong> <span className="wrap-anywhere">{m.body}</span>
          </li>
        ))}
      </ul>
      {open && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void act(() => api.post(`${path}/messages`, { body: text.trim() }));
          }}
        >
          <label className="grow">
            {t('inquiry.reply')}
            <input value={text} onChange={(e) => setText(e.target.value)} maxLength={20_000} name="reply" />
          </label>
          <button type="submit">{t('inquiry.send')}</button>
          {staff && q.kind === 'signature_disable' && (
            <>
              <button type="button" className="primary" onClick={() => void act(() => api.post(`${path}/approve`, { action: 'disable_rule', ...(text.trim() ? { reason: text.trim() } : {}) }))}>
                {t('inquiry.approve')}
              </button>
              <button type="button" onClick={() => void act(() => api.post(`${path}/reject`, { reason: text.trim() || t('inquiry.rejected') }))}>
                {t('inquiry.reject')}
              </button>
            </>
          )}
          {staff && (
            <button type="button" onClick={() => void act(() => api.patch(path, { status: 'closed' }))}>
              {t('inquiry.close')}
            </button>
          )}
        </form>
      )}
      <ProblemMessage error={error} />
    </article>
  );
}
