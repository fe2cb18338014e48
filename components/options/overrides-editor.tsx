import { useId, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { SETTINGS_LIMITS } from '@/lib/settings';
import { FieldError } from './fields';

/** A small word → value table with an add form (reading corrections, phrase overrides). */
export function OverridesEditor(props: {
  title: string;
  hint: string;
  keyLabel: string;
  valueLabel: string;
  entries: Readonly<Record<string, string>>;
  testId: string;
  onChange: (entries: Record<string, string>) => void;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();
  const entries = Object.entries(props.entries);

  const add = (event: Event) => {
    event.preventDefault();
    const k = key.trim();
    const val = value.trim();
    if (k === '' || val === '') return setError(i18n.t('options.overrides.empty'));
    if (k.length > SETTINGS_LIMITS.maxOverrideKeyLength || val.length > SETTINGS_LIMITS.maxOverrideValueLength) {
      return setError(i18n.t('options.overrides.tooLong'));
    }
    if (!(k in props.entries) && entries.length >= SETTINGS_LIMITS.maxOverrides) {
      return setError(i18n.t('options.overrides.tooMany', [String(SETTINGS_LIMITS.maxOverrides)]));
    }
    setError(undefined);
    setKey('');
    setValue('');
    props.onChange({ ...props.entries, [k]: val });
  };

  return (
    <div class="qd-subsection" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <p class="qd-hint">{props.hint}</p>
      {entries.length > 0 && (
        <ul class="qd-pairs">
          {entries.map(([k, val]) => (
            <li key={k}>
              <span lang="zh">{k}</span> → <span lang="zh">{val}</span>
              <button
                type="button"
                class="qd-button qd-button--quiet"
                aria-label={i18n.t('options.overrides.remove', [k])}
                onClick={() => {
                  const next = { ...props.entries };
                  delete next[k];
                  props.onChange(next);
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="qd-inline-form" onSubmit={add} noValidate>
        <div class="qd-field">
          <label for={`${id}-key`}>{props.keyLabel}</label>
          <input
            id={`${id}-key`}
            type="text"
            value={key}
            maxLength={SETTINGS_LIMITS.maxOverrideKeyLength}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
        </div>
        <div class="qd-field">
          <label for={`${id}-value`}>{props.valueLabel}</label>
          <input
            id={`${id}-value`}
            type="text"
            value={value}
            maxLength={SETTINGS_LIMITS.maxOverrideValueLength}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="qd-button">
          {i18n.t('options.overrides.add')}
        </button>
      </form>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
