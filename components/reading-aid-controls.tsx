import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { READING_AID_COMMANDS, type ReadingAidName, type ReadingAidOptionsMap } from '@/lib/features/stage-options';
import { type ReadingAidRequest, type ReadingAidsStatus, sendMessage } from '@/lib/messaging';
import type { Settings, SiteValues } from '@/lib/settings/schema';
import { resolveSiteSettings, suggestSitePattern, upsertSiteRule } from '@/lib/settings/site-rules';
import {
  CONVERSION_VARIANT_IDS,
  type ConversionVariant,
  PINYIN_STYLES,
  type PinyinStyle,
} from '@/lib/text/reading-aid-options';
import type { TabPanelProps } from './tab-panel';
import { useSettings } from './use-settings';

// The same names as on the options page: one concept, one name.
const PINYIN_STYLE_LABELS: Record<PinyinStyle, () => string> = {
  'tone-marks': () => i18n.t('options.pinyin.toneMarks'),
  'tone-numbers': () => i18n.t('options.pinyin.toneNumbers'),
  zhuyin: () => i18n.t('options.pinyin.zhuyin'),
};

const CONVERSION_VARIANT_LABELS: Record<ConversionVariant, () => string> = {
  s2t: () => i18n.t('options.conversionChoice.s2t'),
  s2tw: () => i18n.t('options.conversionChoice.s2tw'),
  s2twp: () => i18n.t('options.conversionChoice.s2twp'),
  s2hk: () => i18n.t('options.conversionChoice.s2hk'),
  t2s: () => i18n.t('options.conversionChoice.t2s'),
  tw2s: () => i18n.t('options.conversionChoice.tw2s'),
  tw2sp: () => i18n.t('options.conversionChoice.tw2sp'),
  hk2s: () => i18n.t('options.conversionChoice.hk2s'),
};

/** The keyboard shortcut the browser has for each aid (the reader may have changed or removed it). */
function useShortcuts(): Partial<Record<ReadingAidName, string>> {
  const [shortcuts, setShortcuts] = useState<Partial<Record<ReadingAidName, string>>>({});
  useEffect(() => {
    void browser.commands.getAll().then((commands) => {
      const found: Partial<Record<ReadingAidName, string>> = {};
      for (const name of Object.keys(READING_AID_COMMANDS) as ReadingAidName[]) {
        found[name] = commands.find((c) => c.name === READING_AID_COMMANDS[name])?.shortcut ?? '';
      }
      setShortcuts(found);
    });
  }, []);
  return shortcuts;
}

function Shortcut({ name, keys }: { name: ReadingAidName; keys: string | undefined }) {
  if (keys === undefined) return null;
  if (!keys)
    return (
      <p class="qd-aid__shortcut" data-testid={`${name}-shortcut`}>
        {i18n.t('shortcutNotSet')}
      </p>
    );
  const [before, after] = i18n.t('shortcut', ['\u0000']).split('\u0000');
  return (
    <p class="qd-aid__shortcut" data-testid={`${name}-shortcut`}>
      {before}
      <kbd>{keys}</kbd>
      {after}
    </p>
  );
}

interface AidSectionProps {
  name: ReadingAidName;
  label: string;
  enabled: boolean;
  /** The switch was used and the tab has not answered yet. */
  sending: boolean;
  loading: boolean;
  error?: string;
  shortcut: string | undefined;
  /** "Always on this site": undefined where no site rule can be written (no settings, no host). */
  always: boolean | undefined;
  onToggle(enabled: boolean): void;
  onAlwaysChange(always: boolean): void;
  children: preact.ComponentChildren;
}

function AidSection(props: AidSectionProps) {
  const { name, label, enabled, sending, loading, error, shortcut, always, onToggle, onAlwaysChange, children } = props;
  return (
    <section class="qd-aid" aria-labelledby={`qd-${name}-label`} aria-busy={loading}>
      <label class="qd-switch">
        <span id={`qd-${name}-label`} class="qd-switch__label">
          {label}
        </span>
        <input
          type="checkbox"
          role="switch"
          class="qd-switch__input"
          data-testid={`${name}-switch`}
          checked={enabled}
          aria-checked={enabled}
          data-state={sending ? 'sending' : 'answered'}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
      </label>
      {children}
      {always !== undefined && (
        <label class="qd-check">
          <input
            type="checkbox"
            data-testid={`${name}-always`}
            checked={always}
            onChange={(event) => onAlwaysChange(event.currentTarget.checked)}
          />
          <span>{i18n.t('alwaysOnThisSite')}</span>
        </label>
      )}
      <Shortcut name={name} keys={shortcut} />
      {loading && (
        <p class="qd-aid__note" role="status" data-testid={`${name}-loading`}>
          {i18n.t('aidLoading')}
        </p>
      )}
      {error && (
        <p class="qd-aid__error" role="alert" data-testid={`${name}-error`}>
          {i18n.t('aidError', [error])}
        </p>
      )}
    </section>
  );
}

/** The tab's aids, with the options the reader chose in this popup in place of those reported. */
function withChosenOptions(aids: ReadingAidsStatus, chosen: Partial<ReadingAidOptionsMap>): ReadingAidsStatus {
  const merged = { ...aids } as Record<ReadingAidName, ReadingAidsStatus[ReadingAidName]>;
  for (const name of Object.keys(chosen) as ReadingAidName[]) {
    merged[name] = { ...aids[name], options: chosen[name] } as ReadingAidsStatus[ReadingAidName];
  }
  return merged as ReadingAidsStatus;
}

/**
 * The reading aids' switches for one tab (pinyin, conversion, and "Join broken lines" where the page
 * has paragraphs a print column broke). Shows the tab's state as the background knows it
 * (the top frame's aids), switches every frame of the tab through the background, and shows the
 * new state at once: the pages answer at once and report their progress as they work.
 */
export function ReadingAidControls({ tabId, status, onStatus }: TabPanelProps) {
  const [saveError, setSaveError] = useState<string | undefined>();
  const [sendError, setSendError] = useState(false);
  const [sending, setSending] = useState<Partial<Record<ReadingAidName, number>>>({});
  const shortcuts = useShortcuts();
  const { loaded, change } = useSettings();
  const settings = loaded?.area === 'none' ? undefined : loaded?.settings;
  // Options the reader chose here win over the tab's reports until the tab runs with them: a
  // report sent before the choice reached the tab must not undo it (or switch on the old variant).
  const [chosen, setChosen] = useState<Partial<ReadingAidOptionsMap>>({});
  const aids = withChosenOptions(status.readingAids, chosen);

  async function send(request: ReadingAidRequest) {
    // Show the choice at once; the background's answer (and the pages' reports) follow.
    onStatus({
      ...status,
      readingAids: { ...aids, [request.name]: { ...aids[request.name], enabled: request.enabled } },
    });
    // Counted, not flagged: a second click while the first is on its way keeps the switch "sending".
    const track = (delta: number) =>
      setSending((now) => ({ ...now, [request.name]: (now[request.name] ?? 0) + delta }));
    track(1);
    try {
      onStatus(await sendMessage('setTabReadingAid', { tabId, ...request }));
      setSendError(false);
    } catch {
      setSendError(true);
    } finally {
      track(-1);
    }
  }

  const pageUrl = status.url;
  const sitePattern = pageUrl ? suggestSitePattern(pageUrl) : undefined;
  const site = settings && pageUrl && sitePattern ? resolveSiteSettings(settings, pageUrl) : undefined;

  async function store(mutate: (draft: Settings) => Settings) {
    const result = await change((draft) => {
      Object.assign(draft, mutate(draft));
    });
    setSaveError(result.ok ? undefined : result.reason === 'invalid' ? result.path : result.detail);
  }

  /** Remember a choice made here (style, variant) as the setting, so the switch uses it next time too. */
  function setOptions<N extends ReadingAidName>(name: N, options: ReadingAidOptionsMap[N]) {
    setChosen((now) => ({ ...now, [name]: options }));
    const current = aids[name];
    if (current.enabled) void send({ name, enabled: true, options } as ReadingAidRequest);
    else onStatus({ ...status, readingAids: { ...aids, [name]: { ...current, options } } });
    if (!settings) return;
    if (name === 'pinyin') {
      const { style } = options as ReadingAidOptionsMap['pinyin'];
      void store((draft) => ({ ...draft, pinyin: { ...draft.pinyin, style } }));
    } else {
      const { variant } = options as ReadingAidOptionsMap['conversion'];
      void store((draft) => {
        const next: Settings = { ...draft, conversion: { ...draft.conversion, variant } };
        // A site rule that converts here converts with the variant chosen here.
        return site && sitePattern && site.conversion !== 'off'
          ? upsertSiteRule(next, sitePattern, { conversion: variant })
          : next;
      });
    }
  }

  /**
   * "Always on this site" writes this site's rule and switches the aid in this tab to match (the
   * tab's pipelines would do the same when the rule reaches them; this keeps the popup in step).
   */
  async function setAlways(request: ReadingAidRequest, values: Partial<SiteValues>) {
    if (!settings || !sitePattern) return;
    await store((draft) => upsertSiteRule(draft, sitePattern, values));
    await send(request);
  }

  const { pinyin, conversion, lines } = aids;
  // Shown where the page has paragraphs a print column broke (or while joining, to switch it off).
  const lineRuns = status.lineRuns ?? 0;
  const showLines = lines.enabled || lineRuns > 0;
  return (
    <div class="qd-aids">
      <h2 class="qd-section-title">{i18n.t('readingAids')}</h2>
      <AidSection
        name="pinyin"
        label={i18n.t('pinyin')}
        enabled={pinyin.enabled}
        sending={(sending.pinyin ?? 0) > 0}
        loading={pinyin.loading === true}
        error={pinyin.error}
        shortcut={shortcuts.pinyin}
        always={site?.pinyin}
        onToggle={(enabled) => void send({ name: 'pinyin', enabled, options: pinyin.options })}
        onAlwaysChange={(always) =>
          void setAlways({ name: 'pinyin', enabled: always, options: pinyin.options }, { pinyin: always })
        }
      >
        <label class="qd-field">
          <span>{i18n.t('pinyinStyle')}</span>
          <select
            data-testid="pinyin-style"
            value={pinyin.options.style}
            onChange={(event) =>
              setOptions('pinyin', { ...pinyin.options, style: event.currentTarget.value as PinyinStyle })
            }
          >
            {PINYIN_STYLES.map((style) => (
              <option key={style} value={style}>
                {PINYIN_STYLE_LABELS[style]()}
              </option>
            ))}
          </select>
        </label>
      </AidSection>
      <AidSection
        name="conversion"
        label={i18n.t('conversion')}
        enabled={conversion.enabled}
        sending={(sending.conversion ?? 0) > 0}
        loading={conversion.loading === true}
        error={conversion.error}
        shortcut={shortcuts.conversion}
        always={site === undefined ? undefined : site.conversion !== 'off'}
        onToggle={(enabled) => void send({ name: 'conversion', enabled, options: conversion.options })}
        onAlwaysChange={(always) =>
          void setAlways(
            { name: 'conversion', enabled: always, options: conversion.options },
            { conversion: always ? conversion.options.variant : 'off' },
          )
        }
      >
        <label class="qd-field">
          <span>{i18n.t('conversionVariant')}</span>
          <select
            data-testid="conversion-variant"
            value={conversion.options.variant}
            onChange={(event) =>
              setOptions('conversion', {
                ...conversion.options,
                variant: event.currentTarget.value as ConversionVariant,
              })
            }
          >
            {CONVERSION_VARIANT_IDS.map((variant) => (
              <option key={variant} value={variant}>
                {CONVERSION_VARIANT_LABELS[variant]()}
              </option>
            ))}
          </select>
        </label>
      </AidSection>
      {showLines && (
        <AidSection
          name="lines"
          label={i18n.t('joinLines')}
          enabled={lines.enabled}
          sending={(sending.lines ?? 0) > 0}
          loading={lines.loading === true}
          error={lines.error}
          shortcut={shortcuts.lines}
          always={site?.joinLines}
          onToggle={(enabled) => void send({ name: 'lines', enabled, options: lines.options })}
          onAlwaysChange={(always) =>
            void setAlways({ name: 'lines', enabled: always, options: lines.options }, { joinLines: always })
          }
        >
          <p class="qd-aid__note" data-testid="line-runs" data-count={lineRuns}>
            {i18n.t('lineRunsFound', lineRuns)}
          </p>
        </AidSection>
      )}
      {status.working && status.progress.total > 0 && (
        <p class="qd-aid__note" role="status" data-testid="work-progress">
          {i18n.t('workProgress', [status.progress.done.toLocaleString(), status.progress.total.toLocaleString()])}
        </p>
      )}
      {sendError && (
        <p class="qd-aid__error" role="alert" data-testid="page-unavailable">
          {i18n.t('pageUnavailable')}
        </p>
      )}
      {saveError && (
        <p class="qd-aid__error" role="alert">
          {i18n.t('saveFailed', [saveError])}
        </p>
      )}
    </div>
  );
}
