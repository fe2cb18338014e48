import { useId, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import {
  CONVERSION_CHOICES,
  type ConversionChoice,
  checkSitePattern,
  SETTINGS_LIMITS,
  type Settings,
  type SiteValues,
  upsertSiteRule,
} from '@/lib/settings';
import { FieldError, Section } from './fields';
import { labelConversion, labelPatternError, labelSitePatternCheck } from './labels';

interface Props {
  settings: Settings;
  change: (mutate: (draft: Settings) => void) => unknown;
  save: (next: Settings) => unknown;
}

/** One row's switches; used for the global default and for every site rule. */
function SiteValueCells(props: { name: string; values: SiteValues; onChange: (values: Partial<SiteValues>) => void }) {
  const { name, values } = props;
  return (
    <>
      <td>
        <input
          type="checkbox"
          aria-label={`${i18n.t('options.sites.fix')}: ${name}`}
          checked={values.fix}
          data-testid="site-fix"
          onChange={(event) => props.onChange({ fix: event.currentTarget.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${i18n.t('options.sites.pinyin')}: ${name}`}
          checked={values.pinyin}
          data-testid="site-pinyin"
          onChange={(event) => props.onChange({ pinyin: event.currentTarget.checked })}
        />
      </td>
      <td>
        <select
          aria-label={`${i18n.t('options.sites.conversion')}: ${name}`}
          value={values.conversion}
          data-testid="site-conversion"
          onChange={(event) => props.onChange({ conversion: event.currentTarget.value as ConversionChoice })}
        >
          {CONVERSION_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {labelConversion(choice)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${i18n.t('options.sites.joinLines')}: ${name}`}
          checked={values.joinLines}
          data-testid="site-join-lines"
          onChange={(event) => props.onChange({ joinLines: event.currentTarget.checked })}
        />
      </td>
    </>
  );
}

export function SitesSection({ settings, change, save }: Props) {
  const [pattern, setPattern] = useState('');
  const [error, setError] = useState<string>();
  const inputId = useId();
  const defaultsName = i18n.t('options.sites.defaults');

  const addRule = (event: Event) => {
    event.preventDefault();
    const trimmed = pattern.trim();
    const check = checkSitePattern(trimmed);
    if (!check.ok) return setError(labelSitePatternCheck(check));
    if (trimmed.length > SETTINGS_LIMITS.maxPatternLength) return setError(labelPatternError('too-long'));
    if (settings.siteRules.some((rule) => rule.pattern === trimmed)) return setError(labelPatternError('duplicate'));
    if (settings.siteRules.length >= SETTINGS_LIMITS.maxSiteRules) return setError(labelPatternError('too-many'));
    setError(undefined);
    setPattern('');
    // A new rule starts from what applies there now, then the reader flips what they want.
    save(upsertSiteRule(settings, trimmed, {}));
  };

  return (
    <Section id="sites" title={i18n.t('options.sites.title')} intro={i18n.t('options.sites.intro')}>
      <table class="qd-table" data-testid="site-rules">
        <thead>
          <tr>
            <th scope="col">{i18n.t('options.sites.pattern')}</th>
            <th scope="col">{i18n.t('options.sites.fix')}</th>
            <th scope="col">{i18n.t('options.sites.pinyin')}</th>
            <th scope="col">{i18n.t('options.sites.conversion')}</th>
            <th scope="col">{i18n.t('options.sites.joinLines')}</th>
            <th scope="col">
              <span class="qd-visually-hidden">{i18n.t('options.sites.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr class="qd-table__defaults" data-testid="site-defaults">
            <th scope="row">{defaultsName}</th>
            <SiteValueCells
              name={defaultsName}
              values={settings.siteDefaults}
              onChange={(values) =>
                change((draft) => {
                  draft.siteDefaults = { ...draft.siteDefaults, ...values };
                })
              }
            />
            <td />
          </tr>
          {settings.siteRules.map((rule, index) => {
            // A stored pattern the regex engine refuses (from an older Qingdu) is kept but inactive.
            const check = checkSitePattern(rule.pattern);
            return (
              <tr key={rule.pattern} data-testid="site-rule" data-pattern={rule.pattern}>
                <th scope="row">
                  <code>{rule.pattern}</code>
                  {!check.ok && (
                    <p class="qd-error" data-testid="site-rule-inactive">
                      {i18n.t('options.sites.inactive', [labelSitePatternCheck(check)])}
                    </p>
                  )}
                </th>
                <SiteValueCells
                  name={rule.pattern}
                  values={rule}
                  onChange={(values) =>
                    change((draft) => {
                      const target = draft.siteRules[index];
                      if (target?.pattern === rule.pattern) Object.assign(target, values);
                    })
                  }
                />
                <td>
                  <button
                    type="button"
                    class="qd-button qd-button--quiet"
                    aria-label={i18n.t('options.sites.removeRule', [rule.pattern])}
                    onClick={() =>
                      change((draft) => {
                        draft.siteRules = draft.siteRules.filter((other) => other.pattern !== rule.pattern);
                      })
                    }
                  >
                    {i18n.t('options.sites.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {settings.siteRules.length === 0 && <p class="qd-hint">{i18n.t('options.sites.empty')}</p>}
      <form class="qd-inline-form" onSubmit={addRule} noValidate>
        <div class="qd-field qd-field--grow">
          <label for={inputId}>{i18n.t('options.sites.newPattern')}</label>
          <input
            id={inputId}
            type="text"
            spellcheck={false}
            autocomplete="off"
            value={pattern}
            maxLength={SETTINGS_LIMITS.maxPatternLength}
            placeholder="example.com"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
            data-testid="site-pattern-input"
            onInput={(event) => {
              setPattern(event.currentTarget.value);
              setError(undefined);
            }}
          />
          <p id={`${inputId}-hint`} class="qd-hint">
            {i18n.t('options.sites.patternHelp')}
          </p>
          <FieldError id={`${inputId}-error`} message={error} />
        </div>
        <button type="submit" class="qd-button" data-testid="site-add">
          {i18n.t('options.sites.add')}
        </button>
      </form>
    </Section>
  );
}
