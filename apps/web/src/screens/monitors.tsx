import type { ReactNode } from 'react';
import { DataTable, LoadState, NeedTenant } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

interface MonitorView {
  id: number;
  name: string;
  type: string;
  target: string;
  intervalSeconds: number;
  state: string;
}

export function Monitors(): ReactNode {
  const { t } = useI18n();
  const { tenant } = useSession();
  const loaded = useApi<MonitorView[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/monitors` : null);
  if (!tenant) return <NeedTenant />;
  return (
    <section>
      <h1>{t('nav.monitors')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.monitors')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'name', label: 'col.name', cell: (r) => r.name, className: 'cell-text' },
              { key: 'type', label: 'col.kind', cell: (r) => r.type },
              { key: 'target', label: 'col.target', cell: (r) => r.target, className: 'cell-text' },
              { key: 'interval', label: 'col.interval', cell: (r) => `${r.intervalSeconds}s` },
              { key: 'state', label: 'col.state', cell: (r) => <span className={`badge mon-${r.state}`}>{r.state}</span> },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
