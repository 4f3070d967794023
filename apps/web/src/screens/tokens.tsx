import type { ReactNode } from 'react';
import { DataTable, LoadState } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';

interface TokenView {
  id: number;
  name: string;
  scope: string;
  prefix: string;
  tenantId: number | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export function Tokens(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const loaded = useApi<TokenView[]>('/api/v1/tokens');
  return (
    <section>
      <h1>{t('nav.tokens')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.tokens')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'id', label: 'col.id', cell: (r) => r.id },
              { key: 'scope', label: 'col.scope', cell: (r) => r.scope },
              { key: 'name', label: 'col.name', cell: (r) => r.name, className: 'cell-text' },
              { key: 'prefix', label: 'col.prefix', cell: (r) => r.prefix },
              { key: 'tenant', label: 'col.tenant', cell: (r) => r.tenantId ?? t('common.allTenants') },
              { key: 'created', label: 'col.created', cell: (r) => formatDateTime(r.createdAt, locale, timezone) },
              { key: 'used', label: 'col.lastUsed', cell: (r) => formatDateTime(r.lastUsedAt, locale, timezone) },
              { key: 'expires', label: 'col.expires', cell: (r) => formatDateTime(r.expiresAt, locale, timezone) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
