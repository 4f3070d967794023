import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { AlertQueue } from '../screens/alert-queue.tsx';

/** The customer's start page: their own tenant's alerts (notifications and incidents join as their APIs land). */
export function PortalHome(): ReactNode {
  const { t } = useI18n();
  return (
    <section>
      <p className="lead">{t('portal.welcome')}</p>
      <AlertQueue />
    </section>
  );
}
