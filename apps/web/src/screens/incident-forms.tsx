import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'user', 'host'];

export function NoteForm(props: { onAdd: (text: string) => Promise<void> }): ReactNode {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void props.onAdd(text.trim()).then(() => setText(''));
      }}
    >
      <label className="grow">
        {t('incident.note')}
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} name="note" />
      </label>
      <button type="submit">{t('incident.addNote')}</button>
    </form>
  );
}

export function ObservableForm(props: { onAdd: (type: string, value: string) => Promise<void> }): ReactNode {
  const { t } = useI18n();
  const [type, setType] = useState('ip');
  const [value, setValue] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) void props.onAdd(type, value.trim()).then(() => setValue(''));
      }}
    >
      <label>
        {t('incident.observableType')}
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {OBSERVABLE_TYPES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('incident.observableValue')}
        <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={2000} name="observable" />
      </label>
      <button type="submit">{t('incident.addObservable')}</button>
    </form>
  );
}
