import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, type ApiError } from '../lib/api.ts';
import { useSession, type User } from '../lib/session.tsx';

export function ChangePassword(props: { onChanged?: (u: User) => void }): ReactNode {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const u = await api.post<User>('/api/v1/auth/me/password', { currentPassword: current, newPassword: next });
      setDone(true);
      props.onChanged?.(u);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form className="card signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="pw-title">
      <h2 id="pw-title">{t('account.password')}</h2>
      <label>
        {t('account.currentPassword')}
        <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} name="currentPassword" />
      </label>
      <label>
        {t('account.newPassword')}
        <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} name="newPassword" />
      </label>
      <button type="submit">{t('account.changePassword')}</button>
      {done && <p className="ok-text">{t('account.saved')}</p>}
      <ProblemMessage error={error} />
    </form>
  );
}

/** A temporary password must be replaced before anything else works (the server refuses other calls). */
export function MustChangePassword(): ReactNode {
  const { t } = useI18n();
  const { setUser } = useSession();
  return (
    <main className="signin" id="main">
      <h1 className="signin-brand">Mamori</h1>
      <p role="status">{t('account.mustChange')}</p>
      <ChangePassword onChanged={setUser} />
    </main>
  );
}
