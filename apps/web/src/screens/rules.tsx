import { useState, type ReactNode } from 'react';
import { DataTable, LoadState, ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, ApiError } from '../lib/api.ts';
import { useApi } from '../lib/use-api.ts';

interface RuleView {
  id: string;
  title: string;
  kind: string;
  level: string | null;
  owner: string;
  enabled: boolean;
  unsupported: string | null;
}

interface Validation {
  rules: { id: string; title: string; kind: string; level: string | null }[];
  rejected: { source: string; id?: string; reason: string }[];
  tests: { id: string; title: string; passed: boolean; error?: string; cases: { expect: string; index: number; passed: boolean; detail?: string }[] }[];
}

/** The rule library and a Sigma editor whose text the server validates and tests against the rule's own examples. */
export function Rules(): ReactNode {
  const { t } = useI18n();
  const loaded = useApi<RuleView[]>('/api/v1/rules');
  return (
    <section>
      <h1>{t('nav.rules')}</h1>
      <SigmaEditor />
      <h2>{t('rules.library')}</h2>
      <LoadState loaded={loaded}>
        {(rows) => (
          <DataTable
            caption={t('rules.library')}
            rows={rows.slice(0, 500)}
            rowKey={(r) => r.id}
            columns={[
              { key: 'title', label: 'col.title', cell: (r) => r.title, className: 'cell-text' },
              { key: 'kind', label: 'col.kind', cell: (r) => r.kind },
              { key: 'level', label: 'col.level', cell: (r) => r.level ?? '—' },
              { key: 'owner', label: 'col.owner', cell: (r) => r.owner },
              { key: 'enabled', label: 'col.enabled', cell: (r) => (r.unsupported ? t('rules.unsupported') : r.enabled ? t('common.yes') : t('common.no')) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}

function SigmaEditor(): ReactNode {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Validation>();
  const [error, setError] = useState<ApiError>();
  const validate = async () => {
    setError(undefined);
    try {
      setResult(await api.post<Validation>('/api/v1/rules/validate', { files: [{ name: 'editor.yml', text }] }));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    }
  };
  return (
    <div className="card">
      <label className="block">
        {t('rules.editor')}
        <textarea className="code" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} name="sigma" />
      </label>
      <button type="button" className="primary" onClick={() => void validate()} disabled={!text.trim()}>
        {t('rules.validate')}
      </button>
      <ProblemMessage error={error} />
      {result && (
        <div aria-live="polite" data-testid="rule-validation">
          {result.rules.map((r) => (
            <p key={r.id} className="ok-text">
              {t('rules.valid', { title: r.title })}
            </p>
          ))}
          {result.rejected.map((r, i) => (
            <p key={i} className="error">
              {t('rules.rejected', { reason: r.reason })}
            </p>
          ))}
          {result.tests.map((x) => (
            <p key={x.id} className={x.passed ? 'ok-text' : 'error'}>
              {x.passed ? t('rules.testPassed', { n: x.cases.length }) : t('rules.testFailed', { detail: x.error ?? x.cases.find((c) => !c.passed)?.detail ?? '' })}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
