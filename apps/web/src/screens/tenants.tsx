import type { ReactNode } from 'react';
import type { TenantView } from '../components/tenant-picker.tsx';
import { DataTable, LoadState } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';

export function Tenants(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const loaded = useApi<TenantView[]>('/api/v1/tenants');
  return (
    <section>
      <h1>{t('nav.tenants')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.tenants')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'slug', label: 'col.slug', cell: (r) => r.slug },
              { key: 'name', label: 'col.name', cell: (r) => r.name, className: 'cell-text' },
              { key: 'retention', label: 'col.retentionDays', cell: (r) => r.retentionDays ?? t('common.default') },
              { key: 'created', label: 'col.created', cell: (r) => formatDateTime(r.createdAt, locale, timezone) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
