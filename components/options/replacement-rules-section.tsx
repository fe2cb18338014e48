import { useId, useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import {
  checkReplacementRule,
  createRuleId,
  type ReplacementRule,
  type ReplacementRuleError,
  SETTINGS_LIMITS,
  type Settings,
} from '@/lib/settings';
import { FieldError, Section } from './fields';
import { labelRuleError } from './labels';

type Change = (mutate: (draft: Settings) => void) => unknown;

interface Draft {
  find: string;
  replace: string;
  isRegex: boolean;
  ignoreCase: boolean;
  enabled: boolean;
  sites: string;
}

function toDraft(rule: ReplacementRule | undefined): Draft {
  return rule
    ? { ...rule, sites: rule.sites.join(' ') }
    : { find: '', replace: '', isRegex: false, ignoreCase: false, enabled: true, sites: '' };
}

function splitSites(text: string): string[] {
  return text.split(/[\s,，]+/).filter((site) => site !== '');
}

function RuleEditor(props: {
  rule: ReplacementRule | undefined;
  index: number;
  onSave: (rule: ReplacementRule) => void;
  onRemove?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.rule));
  const [errors, setErrors] = useState<ReplacementRuleError[]>([]);
  const id = useId();
  const isNew = props.rule === undefined;
  const saved = toDraft(props.rule);
  const dirty = JSON.stringify(saved) !== JSON.stringify(draft);
  // A stored rule the regex engine refuses (written for an older Qingdu) is kept but inactive: say
  // why beside the field, until the reader edits it.
  const storedErrors = useMemo(() => (props.rule ? checkReplacementRule(props.rule) : []), [props.rule]);
  const showsStored = errors.length === 0 && !dirty && storedErrors.length > 0;
  const shown = showsStored ? storedErrors : errors;
  const errorFor = (field: ReplacementRuleError['field']) => {
    const message = shown
      .filter((error) => error.field === field)
      .map(labelRuleError)
      .join(' ');
    if (message === '') return undefined;
    return showsStored ? i18n.t('options.ruleError.inactive', [message]) : message;
  };

  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setErrors([]);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const candidate = {
      find: draft.find,
      replace: draft.replace,
      isRegex: draft.isRegex,
      ignoreCase: draft.ignoreCase,
      sites: splitSites(draft.sites),
    };
    const found = checkReplacementRule(candidate);
    setErrors(found);
    if (found.length > 0) return;
    props.onSave({ id: props.rule?.id ?? createRuleId(), enabled: draft.enabled, ...candidate });
    if (isNew) setDraft(toDraft(undefined));
  };

  const findError = errorFor('find');
  const replaceError = errorFor('replace');
  const sitesError = errorFor('sites');
  const title = isNew
    ? i18n.t('options.replacements.newRule')
    : i18n.t('options.replacements.ruleN', [String(props.index + 1)]);

  return (
    <form
      class="qd-rule"
      onSubmit={submit}
      noValidate
      aria-label={title}
      data-testid={isNew ? 'replacement-new' : 'replacement-rule'}
    >
      <div class="qd-rule__head">
        <h3>{title}</h3>
        {!isNew && (
          <label class="qd-choice">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(event) => update({ enabled: event.currentTarget.checked })}
            />
            <span>{i18n.t('options.replacements.enabled')}</span>
          </label>
        )}
      </div>
      <div class="qd-grid">
        <div class="qd-field">
          <label for={`${id}-find`}>{i18n.t('options.replacements.find')}</label>
          <input
            id={`${id}-find`}
            type="text"
            spellcheck={false}
            value={draft.find}
            maxLength={SETTINGS_LIMITS.maxPatternLength}
            aria-invalid={findError ? true : undefined}
            aria-describedby={findError ? `${id}-find-error` : undefined}
            data-testid="rule-find"
            onInput={(event) => update({ find: event.currentTarget.value })}
          />
          <FieldError id={`${id}-find-error`} message={findError} />
        </div>
        <div class="qd-field">
          <label for={`${id}-replace`}>{i18n.t('options.replacements.replace')}</label>
          <input
            id={`${id}-replace`}
            type="text"
            spellcheck={false}
            value={draft.replace}
            maxLength={SETTINGS_LIMITS.maxReplacementLength}
            aria-invalid={replaceError ? true : undefined}
            aria-describedby={replaceError ? `${id}-replace-error` : undefined}
            data-testid="rule-replace"
            onInput={(event) => update({ replace: event.currentTarget.value })}
          />
          <FieldError id={`${id}-replace-error`} message={replaceError} />
        </div>
      </div>
      <div class="qd-rule__options">
        <label class="qd-choice">
          <input
            type="checkbox"
            checked={draft.isRegex}
            data-testid="rule-regex"
            onChange={(event) => update({ isRegex: event.currentTarget.checked })}
          />
          <span>{i18n.t('options.replacements.regex')}</span>
        </label>
        <label class="qd-choice">
          <input
            type="checkbox"
            checked={draft.ignoreCase}
            onChange={(event) => update({ ignoreCase: event.currentTarget.checked })}
          />
          <span>{i18n.t('options.replacements.ignoreCase')}</span>
        </label>
      </div>
      <div class="qd-field">
        <label for={`${id}-sites`}>{i18n.t('options.replacements.sites')}</label>
        <input
          id={`${id}-sites`}
          type="text"
          spellcheck={false}
          value={draft.sites}
          placeholder="example.com *.example.org"
          aria-invalid={sitesError ? true : undefined}
          aria-describedby={`${id}-sites-hint${sitesError ? ` ${id}-sites-error` : ''}`}
          data-testid="rule-sites"
          onInput={(event) => update({ sites: event.currentTarget.value })}
        />
        <p id={`${id}-sites-hint`} class="qd-hint">
          {i18n.t('options.replacements.sitesHint')}
        </p>
        <FieldError id={`${id}-sites-error`} message={sitesError} />
      </div>
      <div class="qd-rule__actions">
        <button type="submit" class="qd-button" data-testid="rule-save" disabled={!isNew && !dirty}>
          {isNew ? i18n.t('options.replacements.add') : i18n.t('options.replacements.save')}
        </button>
        {!isNew && dirty && <span class="qd-hint">{i18n.t('options.replacements.unsaved')}</span>}
        {props.onRemove && (
          <button type="button" class="qd-button qd-button--quiet" onClick={props.onRemove}>
            {i18n.t('options.replacements.remove')}
          </button>
        )}
      </div>
    </form>
  );
}

export function ReplacementRulesSection({ settings, change }: { settings: Settings; change: Change }) {
  const rules = settings.replacementRules;
  const full = rules.length >= SETTINGS_LIMITS.maxReplacementRules;
  return (
    <Section
      id="replacements"
      title={i18n.t('options.replacements.title')}
      intro={i18n.t('options.replacements.intro')}
    >
      {rules.length === 0 && <p class="qd-hint">{i18n.t('options.replacements.empty')}</p>}
      {rules.map((rule, index) => (
        <RuleEditor
          // A rule edited elsewhere (another tab, an import) starts a fresh editor.
          key={`${rule.id}:${JSON.stringify(rule)}`}
          rule={rule}
          index={index}
          onSave={(saved) =>
            change((draft) => {
              draft.replacementRules = draft.replacementRules.map((other) => (other.id === saved.id ? saved : other));
            })
          }
          onRemove={() =>
            change((draft) => {
              draft.replacementRules = draft.replacementRules.filter((other) => other.id !== rule.id);
            })
          }
        />
      ))}
      {full ? (
        <p class="qd-hint">{i18n.t('options.replacements.tooMany', [String(SETTINGS_LIMITS.maxReplacementRules)])}</p>
      ) : (
        <RuleEditor
          rule={undefined}
          index={rules.length}
          onSave={(saved) =>
            change((draft) => {
              draft.replacementRules = [...draft.replacementRules, saved];
            })
          }
        />
      )}
    </Section>
  );
}
