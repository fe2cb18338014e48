import { useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { keepSafeReplacementRules, resolveSiteSettings, type Settings } from '@/lib/settings';
import type { TextEdit } from '@/lib/text/doubled/types';
import { createTextPipeline } from '@/lib/text/pipeline';
import { REPLACEMENT_RULE_NAME } from '@/lib/text/replace/apply-replacement-rules';
import { Section } from './fields';

/** Longest text the box works on live; pasting a whole book should not freeze the page. */
const MAX_TRY_IT_LENGTH = 20_000;

/** The reader's name for each rule; the id stays beside it, as `npm run fix -- --explain` prints it. */
const RULE_LABELS: Record<string, () => string> = {
  'doubled-cjk': () => i18n.t('options.tryIt.ruleNames.doubledCjk'),
  'doubled-latin': () => i18n.t('options.tryIt.ruleNames.doubledLatin'),
  'doubled-ligature': () => i18n.t('options.tryIt.ruleNames.doubledLigature'),
  'repeated-phrase': () => i18n.t('options.tryIt.ruleNames.repeatedPhrase'),
  [REPLACEMENT_RULE_NAME]: () => i18n.t('options.tryIt.ruleNames.replacement'),
};

function EditRow({ edit, stage }: { edit: TextEdit; stage: string }) {
  return (
    <tr data-testid="try-it-edit" data-rule={edit.rule}>
      <td>
        {RULE_LABELS[edit.rule]?.() ?? edit.rule} <code class="qd-hint">{edit.rule}</code>
        {edit.factor > 1 && <span class="qd-hint"> ×{edit.factor}</span>}
      </td>
      <td lang="zh" class="qd-diff qd-diff--old">
        {edit.original}
      </td>
      <td lang="zh" class="qd-diff qd-diff--new">
        {edit.replacement}
      </td>
      <td class="qd-hint">
        {stage} {edit.start}–{edit.end}
      </td>
    </tr>
  );
}

/**
 * Paste text, see what the pages would get: the same text pipeline pages run (the doubled-text fix
 * with the detection settings, then the replacement rules the engine takes on the given address).
 */
export function TryItSection({ settings }: { settings: Settings }) {
  const [text, setText] = useState('');
  const [address, setAddress] = useState('');
  const result = useMemo(() => {
    const input = text.slice(0, MAX_TRY_IT_LENGTH);
    const site = resolveSiteSettings(settings, address.trim() || 'https://example.invalid/');
    const rules = address.trim()
      ? site.replacementRules
      : settings.replacementRules.filter((r) => r.enabled && r.sites.length === 0);
    const composed = createTextPipeline({
      fix: site.fixOptions,
      replacementRules: keepSafeReplacementRules(rules),
    }).run(input);
    const editsOf = (stage: string) => composed.steps.find((step) => step.stage === stage)?.edits ?? [];
    return { text: composed.text, fixEdits: editsOf('fix'), replacementEdits: editsOf('replace') };
  }, [text, address, settings]);
  const count = result.fixEdits.length + result.replacementEdits.length;

  return (
    <Section id="try-it" title={i18n.t('options.tryIt.title')} intro={i18n.t('options.tryIt.intro')}>
      <div class="qd-field">
        <label for="try-it-input">{i18n.t('options.tryIt.input')}</label>
        <textarea
          id="try-it-input"
          lang="zh"
          rows={4}
          value={text}
          placeholder="勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士"
          maxLength={MAX_TRY_IT_LENGTH}
          data-testid="try-it-input"
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <div class="qd-field">
        <label for="try-it-address">{i18n.t('options.tryIt.address')}</label>
        <input
          id="try-it-address"
          type="url"
          spellcheck={false}
          value={address}
          placeholder="https://example.com/news/1.html"
          aria-describedby="try-it-address-hint"
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        <p id="try-it-address-hint" class="qd-hint">
          {i18n.t('options.tryIt.addressHint')}
        </p>
      </div>
      <h3 id="try-it-output-label">{i18n.t('options.tryIt.output')}</h3>
      <output class="qd-output" lang="zh" aria-labelledby="try-it-output-label" data-testid="try-it-output">
        {result.text}
      </output>
      <h3>{i18n.t('options.tryIt.edits', [String(count)])}</h3>
      {count === 0 ? (
        <p class="qd-hint" data-testid="try-it-no-edits">
          {i18n.t('options.tryIt.noEdits')}
        </p>
      ) : (
        <table class="qd-table qd-table--edits" data-testid="try-it-edits">
          <thead>
            <tr>
              <th scope="col">{i18n.t('options.tryIt.rule')}</th>
              <th scope="col">{i18n.t('options.tryIt.original')}</th>
              <th scope="col">{i18n.t('options.tryIt.replacement')}</th>
              <th scope="col">{i18n.t('options.tryIt.position')}</th>
            </tr>
          </thead>
          <tbody>
            {result.fixEdits.map((edit) => (
              <EditRow key={`f${edit.start}`} edit={edit} stage={i18n.t('options.tryIt.stageFix')} />
            ))}
            {result.replacementEdits.map((edit) => (
              <EditRow key={`r${edit.start}`} edit={edit} stage={i18n.t('options.tryIt.stageReplace')} />
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
