import type { ReactNode } from 'react';
import { useI18n, type Locale } from '../i18n/i18n.tsx';
import { savePreferences, useSession } from '../lib/session.tsx';

/** Switches at once and remembers the choice on the user's account. */
export function LanguageSwitch(): ReactNode {
  const { t, locale } = useI18n();
  const { user, setUser } = useSession();
  const choose = (next: Locale) => {
    setUser({ ...user, locale: next });
    void savePreferences(user, { locale: next });
  };
  return (
    <div className="lang" role="group" aria-label={t('shell.language')}>
      <button type="button" aria-pressed={locale === 'ja'} onClick={() => choose('ja')} lang="ja">
        日本語
      </button>
      <button type="button" aria-pressed={locale === 'en'} onClick={() => choose('en')} lang="en">
        English
      </button>
    </div>
  );
}
