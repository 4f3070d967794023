import { useState, type ReactNode } from 'react';
import { DataTable, LoadState } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { withQuery } from '../lib/api.ts';
import { clip, formatDateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  tenant: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: string;
  after: unknown;
}

/** Who changed or read what, newest first, from the hash-chained audit log. */
export function AuditLog(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const loaded = useApi<{ entries: AuditEntry[] }>(withQuery('/api/v1/audit', { actor: actor || undefined, action: action || undefined, limit: 200 }));
  return (
    <section>
      <h1>{t('nav.audit')}</h1>
      <div className="toolbar" role="search">
        <label>
          {t('audit.actor')}
          <input value={actor} onChange={(e) => setActor(e.target.value)} maxLength={200} />
        </label>
        <label>
          {t('audit.action')}
          <input value={action} onChange={(e) => setAction(e.target.value)} maxLength={100} />
        </label>
      </div>
      <LoadState loaded={loaded}>
        {(page) => (
          <DataTable
            caption={t('nav.audit')}
            rows={page.entries}
            rowKey={(r) => r.seq}
            columns={[
              { key: 'at', label: 'col.created', cell: (r) => formatDateTime(r.at, locale, timezone) },
              { key: 'actor', label: 'audit.actor', cell: (r) => r.actor, className: 'cell-text' },
              { key: 'tenant', label: 'col.tenant', cell: (r) => r.tenant ?? '—' },
              { key: 'action', label: 'audit.action', cell: (r) => r.action, className: 'cell-text' },
              { key: 'target', label: 'col.target', cell: (r) => r.target ?? '—', className: 'cell-text' },
              { key: 'outcome', label: 'col.status', cell: (r) => r.outcome },
              { key: 'after', label: 'audit.change', cell: (r) => clip(r.after, 200), className: 'cell-text' },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
