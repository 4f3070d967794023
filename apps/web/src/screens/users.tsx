import { useState, type FormEvent, type ReactNode } from 'react';
import { DataTable, LoadState, ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, type ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  tenant: string | null;
  totpEnabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

const ROLES = ['admin', 'manager', 'engineer', 'analyst', 'operator', 'customer-admin', 'customer-viewer', 'ciso'];

/** Users and their roles; new users get a temporary password they must replace at first sign-in. */
export function Users(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const loaded = useApi<UserRow[]>('/api/v1/users');
  const [form, setForm] = useState({ username: '', role: 'analyst', tenant: '' });
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await api.post<{ temporaryPassword?: string }>('/api/v1/users', { username: form.username, role: form.role, ...(form.tenant ? { tenant: form.tenant } : {}) });
      setCreated(r.temporaryPassword);
      loaded.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section>
      <h1>{t('nav.users')}</h1>
      <form className="card inline-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('signin.username')}
          <input required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} maxLength={128} name="new-username" />
        </label>
        <label>
          {t('users.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.tenantForCustomers')}
          <input value={form.tenant} onChange={(e) => setForm({ ...form, tenant: e.target.value })} maxLength={63} />
        </label>
        <button type="submit">{t('users.create')}</button>
      </form>
      {created && (
        <p role="status">
          {t('users.temporary')} <code>{created}</code>
        </p>
      )}
      <ProblemMessage error={error} />
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('nav.users')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { key: 'username', label: 'signin.username', cell: (r) => r.username, className: 'cell-text' },
              { key: 'name', label: 'col.name', cell: (r) => r.displayName, className: 'cell-text' },
              { key: 'role', label: 'users.role', cell: (r) => r.role },
              { key: 'tenant', label: 'col.tenant', cell: (r) => r.tenant ?? t('common.allTenants') },
              { key: 'totp', label: 'users.totp', cell: (r) => (r.totpEnabled ? t('common.yes') : t('common.no')) },
              { key: 'login', label: 'users.lastLogin', cell: (r) => formatDateTime(r.lastLoginAt, locale, timezone) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
