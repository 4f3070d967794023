import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, type ApiError } from '../lib/api.ts';
import { savePreferences, useSession } from '../lib/session.tsx';
import { ChangePassword } from './password.tsx';

/** The signed-in user's own settings: time zone, password and two-step sign-in (TOTP). */
export function Account(): ReactNode {
  const { t } = useI18n();
  const { user, setUser } = useSession();
  const [timezone, setTimezone] = useState(user.timezone);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const saveZone = async (e: FormEvent) => {
    e.preventDefault();
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      setNotice(t('account.badZone'));
      return;
    }
    await savePreferences(user, { timezone }).catch((err: ApiError) => setError(err));
    setUser({ ...user, timezone });
    setNotice(t('account.saved'));
  };
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>
        {user.displayName} ({user.username}) · {user.role}
        {user.tenant ? ` · ${user.tenant}` : ''}
      </p>
      <form className="card inline-form" onSubmit={(e) => void saveZone(e)}>
        <label>
          {t('account.timezone')}
          <input value={timezone} onChange={(e) => setTimezone(e.target.value)} name="timezone" />
        </label>
        <button type="submit">{t('account.save')}</button>
      </form>
      <p aria-live="polite" className="muted">
        {notice}
      </p>
      <ProblemMessage error={error} />
      {user.id !== 0 && <ChangePassword />}
      {user.id !== 0 && !user.totpEnabled && <TotpEnrolment onEnabled={() => setUser({ ...user, totpEnabled: true })} />}
    </section>
  );
}

function TotpEnrolment(props: { onEnabled: () => void }): ReactNode {
  const { t } = useI18n();
  const [secret, setSecret] = useState<{ secret: string; otpauthUrl: string }>();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[]>();
  const [error, setError] = useState<ApiError>();
  const start = async () => {
    try {
      setSecret(await api.post('/api/v1/auth/me/totp'));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setRecovery((await api.post<{ recoveryCodes: string[] }>('/api/v1/auth/me/totp/confirm', { code })).recoveryCodes);
      props.onEnabled();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <div className="card signin-card">
      <h2>{t('account.totp')}</h2>
      {recovery ? (
        <>
          <p>{t('account.recovery')}</p>
          <pre>{recovery.join('\n')}</pre>
        </>
      ) : secret ? (
        <form onSubmit={(e) => void confirm(e)}>
          <p>{t('account.totpSecret')}</p>
          <code className="wrap-anywhere" data-testid="totp-secret">
            {secret.secret}
          </code>
          <label>
            {t('signin.totp')}
            <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} name="totp-confirm" />
          </label>
          <button type="submit">{t('account.totpConfirm')}</button>
        </form>
      ) : (
        <button type="button" onClick={() => void start()}>
          {t('account.totpStart')}
        </button>
      )}
      <ProblemMessage error={error} />
    </div>
  );
}
