import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { READING_AID_COMMANDS, type ReadingAidName, type ReadingAidOptionsMap } from '@/lib/features/reading-aid';
import { type ReadingAidRequest, type ReadingAidsStatus, sendMessage } from '@/lib/messaging';
import {
  CONVERSION_VARIANT_IDS,
  type ConversionVariant,
  PINYIN_STYLES,
  type PinyinStyle,
} from '@/lib/text/reading-aid-options';

const PINYIN_STYLE_LABELS: Record<PinyinStyle, () => string> = {
  'tone-marks': () => i18n.t('pinyinStyleToneMarks'),
  'tone-numbers': () => i18n.t('pinyinStyleToneNumbers'),
  zhuyin: () => i18n.t('pinyinStyleZhuyin'),
};

export const CONVERSION_VARIANT_LABELS: Record<ConversionVariant, () => string> = {
  s2t: () => i18n.t('variantS2t'),
  s2tw: () => i18n.t('variantS2tw'),
  s2twp: () => i18n.t('variantS2twp'),
  s2hk: () => i18n.t('variantS2hk'),
  t2s: () => i18n.t('variantT2s'),
  tw2s: () => i18n.t('variantTw2s'),
  tw2sp: () => i18n.t('variantTw2sp'),
  hk2s: () => i18n.t('variantHk2s'),
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

function Shortcut({ keys }: { keys: string | undefined }) {
  if (keys === undefined) return null;
  if (!keys) return <p class="qd-aid__shortcut">{i18n.t('shortcutNotSet')}</p>;
  const [before, after] = i18n.t('shortcut', ['\u0000']).split('\u0000');
  return (
    <p class="qd-aid__shortcut">
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
  busy: boolean;
  error?: string;
  shortcut: string | undefined;
  onToggle(enabled: boolean): void;
  children: preact.ComponentChildren;
}

function AidSection({ name, label, enabled, busy, error, shortcut, onToggle, children }: AidSectionProps) {
  return (
    <section class="qd-aid" aria-labelledby={`qd-${name}-label`} aria-busy={busy}>
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
          disabled={busy}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
      </label>
      {children}
      <Shortcut keys={shortcut} />
      {busy && (
        <p class="qd-aid__note" role="status">
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

/**
 * Pinyin and conversion switches for one tab. Reads the state from the tab's content script (top
 * frame) and switches every frame of the tab.
 */
export function ReadingAidControls({ tabId }: { tabId: number }) {
  const [status, setStatus] = useState<ReadingAidsStatus | 'unavailable' | undefined>();
  const [busy, setBusy] = useState<Partial<Record<ReadingAidName, boolean>>>({});
  const shortcuts = useShortcuts();

  useEffect(() => {
    sendMessage('getReadingAids', undefined, { tabId, frameId: 0 }).then(
      (value) => setStatus(value ?? 'unavailable'),
      () => setStatus('unavailable'),
    );
  }, [tabId]);

  if (status === undefined) return null;
  if (status === 'unavailable') {
    return (
      <p class="qd-note" data-testid="page-unavailable">
        {i18n.t('pageUnavailable')}
      </p>
    );
  }

  async function send(request: ReadingAidRequest) {
    setBusy((b) => ({ ...b, [request.name]: true }));
    try {
      await sendMessage('setReadingAid', request, tabId);
      setStatus(await sendMessage('getReadingAids', undefined, { tabId, frameId: 0 }));
    } catch {
      setStatus('unavailable');
    } finally {
      setBusy((b) => ({ ...b, [request.name]: false }));
    }
  }

  function setOptions<N extends ReadingAidName>(name: N, options: ReadingAidOptionsMap[N]) {
    if (status === undefined || status === 'unavailable') return;
    const current = status[name];
    if (current.enabled) void send({ name, enabled: true, options } as ReadingAidRequest);
    else setStatus({ ...status, [name]: { ...current, options } });
  }

  const { pinyin, conversion } = status;
  return (
    <div class="qd-aids">
      <h2 class="qd-section-title">{i18n.t('readingAids')}</h2>
      <AidSection
        name="pinyin"
        label={i18n.t('pinyin')}
        enabled={pinyin.enabled}
        busy={busy.pinyin === true}
        error={pinyin.error}
        shortcut={shortcuts.pinyin}
        onToggle={(enabled) => void send({ name: 'pinyin', enabled, options: pinyin.options })}
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
        busy={busy.conversion === true}
        error={conversion.error}
        shortcut={shortcuts.conversion}
        onToggle={(enabled) => void send({ name: 'conversion', enabled, options: conversion.options })}
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
    </div>
  );
}
