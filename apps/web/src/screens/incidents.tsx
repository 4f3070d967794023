import type { ReactNode } from 'react';
import { LoadState, NeedTenant, SeverityBadge } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { enc } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { INCIDENT_STATUSES, type IncidentSummary } from '../lib/incident-types.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

/** The incident board: one column per lifecycle stage, so the shift sees where each case stands. */
export function Incidents(): ReactNode {
  const { t, locale, timezone } = useI18n();
  const { tenant, user } = useSession();
  const loaded = useApi<IncidentSummary[]>(tenant ? `/api/v1/tenants/${enc(tenant)}/incidents?limit=1000` : null);
  if (!tenant) return <NeedTenant />;
  const base = user.party === 'customer' ? '/portal/incidents' : '/console/incidents';
  return (
    <section>
      <h1>{t('nav.incidents')}</h1>
      <LoadState loaded={loaded}>
        {(incidents) => (
          <div className="board">
            {INCIDENT_STATUSES.map((status) => {
              const column = incidents.filter((i) => i.status === status);
              return (
                <section key={status} className="board-col" aria-labelledby={`col-${status}`}>
                  <h2 id={`col-${status}`}>
                    {t(`incident.status.${status}` as MessageKey)} <span className="muted">{column.length}</span>
                  </h2>
                  <ul>
                    {column.map((i) => (
                      <li key={i.id} className="board-card">
                        <SeverityBadge severity={i.severity} />{' '}
                        <Link to={`${base}/${enc(tenant)}/${i.id}`} className="cell-text">
                          #{i.id} {i.title}
                        </Link>
                        <div className="muted small">
                          {formatDateTime(i.detectedAt, locale, timezone)} · {i.assignee ?? t('queue.unassigned')}
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </LoadState>
    </section>
  );
}
