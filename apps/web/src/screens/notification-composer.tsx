import { useState, type ReactNode } from 'react';
import { ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, enc, type ApiError } from '../lib/api.ts';

interface NotificationView {
  id: number;
  lang: 'ja' | 'en';
  title: string;
  status: string;
  deliveries: { id: number; contact: string; channel: string; status: string }[];
}

interface Preview {
  email?: { subject: string; text: string; html: string };
}

/**
 * Drafts the customer notification for an incident from its facts, shows exactly what the customer will
 * receive (the server renders it; the HTML preview sits in a sandboxed frame), then sends it.
 */
export function NotificationComposer(props: { tenant: string; incidentId: number }): ReactNode {
  const { t } = useI18n();
  const base = `/api/v1/tenants/${enc(props.tenant)}/notifications`;
  const [draft, setDraft] = useState<NotificationView>();
  const [lang, setLang] = useState<'ja' | 'en'>('ja');
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<ApiError>();
  const guard = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const showPreview = async (n: NotificationView, l: 'ja' | 'en') => setPreview(await api.get<Preview>(`${base}/${n.id}/preview?channel=email&lang=${l}`));
  const create = () =>
    guard(async () => {
      const n = await api.post<NotificationView>(`${base}/draft`, { incidentId: props.incidentId, lang });
      setDraft(n);
      setTitle(n.title);
      await showPreview(n, lang);
    });
  const save = () =>
    guard(async () => {
      const n = await api.put<NotificationView>(`${base}/${draft!.id}`, { title, lang });
      setDraft(n);
      await showPreview(n, lang);
    });
  const send = () => guard(async () => setDraft(await api.post<NotificationView>(`${base}/${draft!.id}/send`)));

  return (
    <section className="card composer" aria-labelledby="composer-title">
      <h2 id="composer-title">{t('notify.title')}</h2>
      <div className="inline-form">
        <label>
          {t('notify.lang')}
          <select value={lang} onChange={(e) => setLang(e.target.value as 'ja' | 'en')}>
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
        {!draft && (
          <button type="button" className="primary" onClick={() => void create()}>
            {t('notify.draft')}
          </button>
        )}
      </div>
      {draft && (
        <>
          <label className="block">
            {t('notify.subject')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} name="notification-title" />
          </label>
          <div className="inline-form">
            <button type="button" onClick={() => void save()} disabled={draft.status !== 'draft'}>
              {t('notify.update')}
            </button>
            <button type="button" className="primary" onClick={() => void send()} disabled={draft.status !== 'draft'}>
              {t('notify.send')}
            </button>
            <span className="muted" data-testid="notification-status">
              {t('notify.status', { status: draft.status })}
            </span>
          </div>
          {draft.deliveries.length > 0 && (
            <ul className="plain">
              {draft.deliveries.map((d) => (
                <li key={d.id}>
                  {d.contact} · {d.channel} · {d.status}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {preview?.email && (
        <div className="preview">
          <h3>{t('notify.preview')}</h3>
          <p className="wrap-anywhere">
            <strong>{preview.email.subject}</strong>
          </p>
          {/* No scripts, no same-origin: even a rendering mistake in the email cannot reach the console. */}
          <iframe title={t('notify.preview')} sandbox="" srcDoc={preview.email.html} className="preview-frame" />
          <details>
            <summary>{t('notify.plainText')}</summary>
            <pre className="wrap-anywhere">{preview.email.text}</pre>
          </details>
        </div>
      )}
      <ProblemMessage error={error} />
    </section>
  );
}
