import { useEffect, useState, type ReactNode } from 'react';
import { BarChart } from '../components/charts.tsx';
import { DataTable, LoadState, NeedTenant } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc, withQuery } from '../lib/api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { sumByTenant } from '../lib/prometheus.ts';
import { useSession } from '../lib/session.tsx';
import { SEVERITIES, type AlertView, type DeviceView } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { isSilent } from './devices.tsx';

/** The shift's first look: open alerts by severity, silent devices, and ingest per tenant. */
export function Overview(): ReactNode {
  const { t } = useI18n();
  const { tenant } = useSession();
  if (!tenant) return <NeedTenant />;
  return (
    <section>
      <h1>{t('nav.overview')}</h1>
      <div className="panels">
        <SeverityPanel tenant={tenant} />
        <SilentDevices tenant={tenant} />
        <IngestHealth />
      </div>
    </section>
  );
}

function SeverityPanel(props: { tenant: string }): ReactNode {
  const { t } = useI18n();
  const loaded = useApi<AlertView[]>(withQuery(`/api/v1/tenants/${enc(props.tenant)}/alerts`, { status: 'open' }));
  return (
    <div className="card">
      <h2>{t('overview.bySeverity')}</h2>
      <LoadState loaded={loaded}>
        {(alerts) => (
          <>
            <BarChart title={t('overview.bySeverity')} bars={SEVERITIES.map((s) => ({ label: t(`severity.${s}`), value: alerts.filter((a) => a.severity === s).length }))} />
            <Link to="/console/alerts">{t('overview.toQueue')}</Link>
          </>
        )}
      </LoadState>
    </div>
  );
}

function SilentDevices(props: { tenant: string }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const loaded = useApi<DeviceView[]>(`/api/v1/tenants/${enc(props.tenant)}/devices`);
  const now = Date.now();
  return (
    <div className="card">
      <h2>{t('overview.silentDevices')}</h2>
      <LoadState loaded={loaded}>
        {(devices) => (
          <DataTable
            caption={t('overview.silentDevices')}
            rows={devices.filter((d) => isSilent(d, now))}
            rowKey={(d) => d.id}
            columns={[
              { key: 'name', label: 'col.name', cell: (d) => d.name, className: 'cell-text' },
              { key: 'seen', label: 'col.lastSeen', cell: (d) => formatDateTime(d.lastSeenAt, locale, timezone) },
            ]}
          />
        )}
      </LoadState>
    </div>
  );
}

function IngestHealth(): ReactNode {
  const { t, locale } = useI18n();
  const [rows, setRows] = useState<{ tenant: string; received: number; failed: number }[]>();
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/metrics', { signal: ctrl.signal })
      .then((r) => r.text())
      .then((text) => {
        const received = sumByTenant(text, 'mamori_events_received_total');
        const failed = sumByTenant(text, 'mamori_events_failed_total');
        setRows([...received].map(([tenant, n]) => ({ tenant, received: n, failed: failed.get(tenant) ?? 0 })));
      })
      .catch(() => setRows([]));
    return () => ctrl.abort();
  }, []);
  return (
    <div className="card">
      <h2>{t('overview.ingest')}</h2>
      {rows === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <DataTable
          caption={t('overview.ingest')}
          rows={rows}
          rowKey={(r) => r.tenant}
          columns={[
            { key: 'tenant', label: 'col.tenant', cell: (r) => r.tenant || '—' },
            { key: 'received', label: 'col.received', cell: (r) => formatNumber(r.received, locale), className: 'num' },
            { key: 'failed', label: 'col.failed', cell: (r) => formatNumber(r.failed, locale), className: 'num' },
          ]}
        />
      )}
    </div>
  );
}
