import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import type { ApiError } from '../lib/api.ts';
import type { Loaded } from '../lib/use-api.ts';

export function SeverityBadge(props: { severity: string }): ReactNode {
  const { t } = useI18n();
  const known = ['critical', 'high', 'medium', 'low'].includes(props.severity);
  return <span className={`badge sev-${known ? props.severity : 'other'}`}>{known ? t(`severity.${props.severity}` as MessageKey) : props.severity}</span>;
}

export function ProblemMessage(props: { error: ApiError | undefined }): ReactNode {
  const { t } = useI18n();
  if (!props.error) return null;
  return (
    <p role="alert" className="error">
      {props.error.status === 404 ? t('common.notFound') : props.error.status === 403 ? t('common.forbidden') : t('common.failed')}{' '}
      <span className="muted">{props.error.message}</span>
    </p>
  );
}

/** Loading, error or content: the three states every screen shows the same way. */
export function LoadState<T>(props: { loaded: Loaded<T>; children: (data: T) => ReactNode }): ReactNode {
  const { t } = useI18n();
  if (props.loaded.error) return <ProblemMessage error={props.loaded.error} />;
  if (props.loaded.data === undefined) return <p className="muted">{t('common.loading')}</p>;
  return props.children(props.loaded.data);
}

export interface Column<T> {
  key: string;
  label: MessageKey;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A plain table for short lists (tenants, devices, tokens); long lists use the virtualised ones. */
export function DataTable<T>(props: { rows: T[]; columns: Column<T>[]; rowKey: (r: T) => string | number; caption: string }): ReactNode {
  const { t } = useI18n();
  if (props.rows.length === 0) return <p className="muted">{t('common.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {t(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)}>
              {props.columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NeedTenant(): ReactNode {
  const { t } = useI18n();
  return <p className="muted">{t('common.chooseTenant')}</p>;
}
