import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

export interface TenantView {
  id: number;
  slug: string;
  name: string;
  createdAt: string;
  retentionDays: number | null;
}

/** Provider staff choose the tenant they work on; customers are fixed to their own. */
export function TenantPicker(): ReactNode {
  const { t } = useI18n();
  const { user, tenant, setTenant } = useSession();
  const { data } = useApi<TenantView[]>('/api/v1/tenants');
  useEffect(() => {
    if (data && data.length > 0 && !data.some((x) => x.slug === tenant)) setTenant(data[0]!.slug);
  }, [data, tenant, setTenant]);
  if (user.tenant) return <span className="tenant-fixed">{user.tenant}</span>;
  return (
    <label className="tenant-picker">
      <span className="visually-hidden">{t('shell.tenant')}</span>
      <select value={tenant ?? ''} onChange={(e) => setTenant(e.target.value)} aria-label={t('shell.tenant')}>
        {(data ?? []).map((x) => (
          <option key={x.slug} value={x.slug}>
            {x.name} ({x.slug})
          </option>
        ))}
      </select>
    </label>
  );
}
