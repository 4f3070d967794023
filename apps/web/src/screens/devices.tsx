import type { ReactNode } from 'react';
import { DataTable, LoadState, NeedTenant } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type { DeviceView } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

/** A device is silent when it has sent nothing for longer than it promised (its expected interval). */
export function isSilent(d: DeviceView, now: number): boolean {
  if (d.expectedIntervalSeconds == null) return false;
  return d.lastSeenAt == null || now - Date.parse(d.lastSeenAt) > d.expectedIntervalSeconds * 1000;
}

export function Devices(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const { tenant } = useSession();
  const loaded = useApi<DeviceView[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/devices` : null);
  if (!tenant) return <NeedTenant />;
  const now = Date.now();
  return (
    <section>
      <h1>{t('nav.devices')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.devices')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'name', label: 'col.name', cell: (r) => r.name, className: 'cell-text' },
              { key: 'kind', label: 'col.kind', cell: (r) => r.kind },
              { key: 'format', label: 'col.format', cell: (r) => r.format },
              { key: 'addr', label: 'col.addresses', cell: (r) => r.addresses.join(', '), className: 'cell-text' },
              { key: 'seen', label: 'col.lastSeen', cell: (r) => formatDateTime(r.lastSeenAt, locale, timezone) },
              {
                key: 'state',
                label: 'col.state',
                cell: (r) => (isSilent(r, now) ? <span className="badge sev-high">{t('device.silent')}</span> : <span className="badge ok">{t('device.ok')}</span>),
              },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
