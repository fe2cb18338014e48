import { i18n } from '#i18n';
import { DOUBLING_FACTORS, SENSITIVITIES, type Settings } from '@/lib/settings';
import type { DoublingFactor, Sensitivity } from '@/lib/text/doubled/types';
import { Section, Toggle } from './fields';

function describeSensitivity(sensitivity: Sensitivity): [string, string] {
  switch (sensitivity) {
    case 'conservative':
      return [i18n.t('options.detection.conservative'), i18n.t('options.detection.conservativeHint')];
    case 'balanced':
      return [i18n.t('options.detection.balanced'), i18n.t('options.detection.balancedHint')];
    case 'aggressive':
      return [i18n.t('options.detection.aggressive'), i18n.t('options.detection.aggressiveHint')];
  }
}

function describeFactor(factor: DoublingFactor): string {
  switch (factor) {
    case 2:
      return i18n.t('options.detection.factor2');
    case 3:
      return i18n.t('options.detection.factor3');
    case 4:
      return i18n.t('options.detection.factor4');
  }
}

export function DetectionSection(props: {
  settings: Settings;
  change: (mutate: (draft: Settings) => void) => unknown;
}) {
  const { detection } = props.settings;
  return (
    <Section id="detection" title={i18n.t('options.detection.title')} intro={i18n.t('options.detection.intro')}>
      <fieldset class="qd-fieldset" data-testid="sensitivity">
        <legend>{i18n.t('options.detection.sensitivity')}</legend>
        {SENSITIVITIES.map((sensitivity) => {
          const [label, hint] = describeSensitivity(sensitivity);
          return (
            <label key={sensitivity} class="qd-choice">
              <input
                type="radio"
                name="sensitivity"
                value={sensitivity}
                checked={detection.sensitivity === sensitivity}
                onChange={() =>
                  props.change((draft) => {
                    draft.detection.sensitivity = sensitivity;
                  })
                }
              />
              <span>
                <strong>{label}</strong>
                <span class="qd-hint">{hint}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <fieldset class="qd-fieldset" data-testid="factors">
        <legend>{i18n.t('options.detection.factors')}</legend>
        {DOUBLING_FACTORS.map((factor) => {
          const checked = detection.factors.includes(factor);
          // At least one factor: the last one cannot be switched off.
          const last = checked && detection.factors.length === 1;
          return (
            <label key={factor} class="qd-choice">
              <input
                type="checkbox"
                checked={checked}
                disabled={last}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  props.change((draft) => {
                    const set = new Set(draft.detection.factors);
                    if (on) set.add(factor);
                    else set.delete(factor);
                    draft.detection.factors = DOUBLING_FACTORS.filter((f) => set.has(f));
                  });
                }}
              />
              <span>{describeFactor(factor)}</span>
            </label>
          );
        })}
        <p class="qd-hint">{i18n.t('options.detection.factorsHint')}</p>
      </fieldset>
      <Toggle
        label={i18n.t('options.detection.latin')}
        checked={detection.latin}
        testId="detection-latin"
        onChange={(latin) =>
          props.change((draft) => {
            draft.detection.latin = latin;
          })
        }
      />
      <Toggle
        label={i18n.t('options.detection.outline')}
        checked={detection.outline}
        testId="detection-outline"
        onChange={(outline) =>
          props.change((draft) => {
            draft.detection.outline = outline;
          })
        }
      />
    </Section>
  );
}
