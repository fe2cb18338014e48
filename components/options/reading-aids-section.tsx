import { i18n } from '#i18n';
import { PINYIN_THRESHOLDS, type Settings } from '@/lib/settings';
import {
  CONVERSION_VARIANT_IDS,
  PINYIN_STYLES,
  type PinyinStyle,
  TONE_COLOR_SCHEMES,
  type ToneColorScheme,
} from '@/lib/text/reading-aid-options';
import { Section, Select } from './fields';
import { labelConversion } from './labels';
import { OverridesEditor } from './overrides-editor';

type Change = (mutate: (draft: Settings) => void) => unknown;

function describeStyle(style: PinyinStyle): string {
  switch (style) {
    case 'tone-marks':
      return i18n.t('options.pinyin.toneMarks');
    case 'tone-numbers':
      return i18n.t('options.pinyin.toneNumbers');
    case 'zhuyin':
      return i18n.t('options.pinyin.zhuyin');
  }
}

function describeToneColors(scheme: ToneColorScheme): string {
  return scheme === 'off' ? i18n.t('options.pinyin.toneColorsOff') : i18n.t('options.pinyin.toneColorsStandard');
}

function describeThreshold(threshold: number): string {
  return threshold === 0
    ? i18n.t('options.pinyin.thresholdAll')
    : i18n.t('options.pinyin.thresholdCommon', [String(threshold)]);
}

export function PinyinSection({ settings, change }: { settings: Settings; change: Change }) {
  const { pinyin } = settings;
  return (
    <Section id="pinyin" title={i18n.t('options.pinyin.title')} intro={i18n.t('options.pinyin.intro')}>
      <div class="qd-grid">
        <Select
          label={i18n.t('options.pinyin.style')}
          value={pinyin.style}
          options={PINYIN_STYLES}
          describe={describeStyle}
          testId="pinyin-style"
          onChange={(style) =>
            change((draft) => {
              draft.pinyin.style = style;
            })
          }
        />
        <Select
          label={i18n.t('options.pinyin.toneColors')}
          value={pinyin.toneColors}
          options={TONE_COLOR_SCHEMES}
          describe={describeToneColors}
          onChange={(toneColors) =>
            change((draft) => {
              draft.pinyin.toneColors = toneColors;
            })
          }
        />
        <Select
          label={i18n.t('options.pinyin.threshold')}
          value={pinyin.threshold}
          options={PINYIN_THRESHOLDS}
          describe={describeThreshold}
          onChange={(threshold) =>
            change((draft) => {
              draft.pinyin.threshold = threshold;
            })
          }
        />
        <div class="qd-field">
          <label for="ruby-size">{i18n.t('options.pinyin.rubySize')}</label>
          <div class="qd-range">
            <input
              id="ruby-size"
              type="range"
              min={40}
              max={100}
              step={5}
              value={pinyin.rubySize}
              aria-valuetext={`${pinyin.rubySize}%`}
              onChange={(event) => {
                const rubySize = Number(event.currentTarget.value);
                change((draft) => {
                  draft.pinyin.rubySize = rubySize;
                });
              }}
            />
            <output for="ruby-size">{pinyin.rubySize}%</output>
          </div>
        </div>
      </div>
      <p class="qd-ruby-preview" aria-hidden="true" style={{ '--qd-ruby-size': `${pinyin.rubySize}%` }}>
        <ruby>
          清<rt>qīng</rt>
        </ruby>
        <ruby>
          读<rt>dú</rt>
        </ruby>
      </p>
      <OverridesEditor
        title={i18n.t('options.pinyin.overrides')}
        hint={i18n.t('options.pinyin.overridesHint')}
        keyLabel={i18n.t('options.pinyin.word')}
        valueLabel={i18n.t('options.pinyin.reading')}
        entries={pinyin.readingOverrides}
        testId="reading-overrides"
        onChange={(readingOverrides) =>
          change((draft) => {
            draft.pinyin.readingOverrides = readingOverrides;
          })
        }
      />
    </Section>
  );
}

export function ConversionSection({ settings, change }: { settings: Settings; change: Change }) {
  const { conversion } = settings;
  return (
    <Section id="conversion" title={i18n.t('options.conversion.title')} intro={i18n.t('options.conversion.intro')}>
      <Select
        label={i18n.t('options.conversion.variant')}
        value={conversion.variant}
        options={CONVERSION_VARIANT_IDS}
        describe={labelConversion}
        testId="conversion-variant"
        onChange={(variant) =>
          change((draft) => {
            draft.conversion.variant = variant;
          })
        }
      />
      <OverridesEditor
        title={i18n.t('options.conversion.overrides')}
        hint={i18n.t('options.conversion.overridesHint')}
        keyLabel={i18n.t('options.conversion.from')}
        valueLabel={i18n.t('options.conversion.to')}
        entries={conversion.phraseOverrides}
        testId="phrase-overrides"
        onChange={(phraseOverrides) =>
          change((draft) => {
            draft.conversion.phraseOverrides = phraseOverrides;
          })
        }
      />
    </Section>
  );
}
