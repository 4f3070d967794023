import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError } from '../lib/api.ts';
import { signIn, signInWithToken, type User } from '../lib/session.tsx';

/** Username, password and (when the account has it) a TOTP code; an API token as the automation path. */
export function SignIn(props: { onSignedIn: (u: User) => void }): ReactNode {
  const { t, locale } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await signIn(username, password, needTotp ? totp : undefined));
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'totp_required') {
        setNeedTotp(true);
        setError(needTotp ? t('signin.totpWrong') : undefined);
      } else setError(t('signin.failed'));
    } finally {
      setBusy(false);
    }
  };

  const submitToken = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      props.onSignedIn(await signInWithToken(token.trim(), locale));
    } catch {
      setError(t('signin.tokenFailed'));
    }
  };

  return (
    <main className="signin" id="main">
      <h1 className="signin-brand">Mamori</h1>
      <form className="card signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h2 id="signin-title">{t('signin.title')}</h2>
        <label>
          {t('signin.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('signin.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {needTotp && (
          <label>
            {t('signin.totp')}
            <input name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required autoFocus value={totp} onChange={(e) => setTotp(e.target.value)} />
          </label>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
      <details className="card signin-card">
        <summary>{t('signin.withToken')}</summary>
        <form onSubmit={(e) => void submitToken(e)}>
          <label>
            {t('signin.token')}
            <input name="token" type="password" autoComplete="off" required value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <button type="submit">{t('signin.submit')}</button>
        </form>
      </details>
    </main>
  );
}
