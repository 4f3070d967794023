import type { ReactNode } from 'react';
import { DataTable, LoadState, NeedTenant } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc } from '../lib/api.ts';
import { clip, formatDateTime, formatNumber } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

interface SuppressionView {
  id: number;
  rule: string | null;
  conditions: Record<string, string[]>;
  reason: string;
  status: string;
  requestedBy: string | null;
  expiresAt: string | null;
  active: boolean;
  hits: number;
}

/** Suppressions (tuning) of the chosen tenant, including customers' requests awaiting a decision. */
export function Tuning(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const { tenant } = useSession();
  const loaded = useApi<SuppressionView[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/suppressions` : null);
  if (!tenant) return <NeedTenant />;
  return (
    <section>
      <h1>{t('nav.tuning')}</h1>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.tuning')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'rule', label: 'col.rule', cell: (r) => r.rule ?? '—', className: 'cell-text' },
              { key: 'cond', label: 'col.conditions', cell: (r) => clip(r.conditions, 200), className: 'cell-text' },
              { key: 'reason', label: 'col.reason', cell: (r) => r.reason, className: 'cell-text' },
              { key: 'status', label: 'col.status', cell: (r) => r.status },
              { key: 'hits', label: 'col.hits', cell: (r) => formatNumber(r.hits, locale) },
              { key: 'expires', label: 'col.expires', cell: (r) => formatDateTime(r.expiresAt, locale, timezone) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
