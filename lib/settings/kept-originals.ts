/**
 * Kept originals in the settings: passages the reader keeps as the page wrote them, per site
 * ("Keep the original" in the tooltip over a fixed passage; listed and removable on the options
 * page). The background adds and removes them for the sender's own site; pages get the texts that
 * apply at their address with the rest of their settings. Pure.
 */
import { normaliseKeptText } from '../text/kept-originals';
import { type KeptOriginal, SETTINGS_LIMITS, type Settings } from './schema';
import { checkSitePattern, matchSitePattern, parseUrl } from './site-patterns';

/** The kept texts whose site matches `url`. */
export function selectKeptOriginals(kept: readonly KeptOriginal[], url: string | URL): string[] {
  if (kept.length === 0) return [];
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return [];
  const texts: string[] = [];
  for (const entry of kept) {
    const check = checkSitePattern(entry.site);
    if (check.ok && matchSitePattern(check.parsed, parsedUrl) && !texts.includes(entry.text)) texts.push(entry.text);
  }
  return texts;
}

/** Why a passage cannot be kept. */
export type KeepRefusal = 'empty' | 'too-long' | 'too-many' | 'invalid-site';

export type KeepResult = { ok: true; settings: Settings } | { ok: false; reason: KeepRefusal };

/**
 * Keep `text` as the page wrote it on `site`. Returns new settings (the input is not changed);
 * keeping a passage already kept there changes nothing.
 */
export function addKeptOriginal(settings: Settings, site: string, text: string): KeepResult {
  const normalised = normaliseKeptText(text);
  if (normalised === '') return { ok: false, reason: 'empty' };
  if (normalised.length > SETTINGS_LIMITS.maxKeptTextLength) return { ok: false, reason: 'too-long' };
  const pattern = site.trim();
  if (pattern.length > SETTINGS_LIMITS.maxPatternLength || !checkSitePattern(pattern).ok) {
    return { ok: false, reason: 'invalid-site' };
  }
  if (settings.keptOriginals.some((entry) => entry.site === pattern && entry.text === normalised)) {
    return { ok: true, settings };
  }
  if (settings.keptOriginals.length >= SETTINGS_LIMITS.maxKeptOriginals) return { ok: false, reason: 'too-many' };
  return {
    ok: true,
    settings: { ...settings, keptOriginals: [...settings.keptOriginals, { site: pattern, text: normalised }] },
  };
}

/** Stop keeping `text` on `site` (the fix applies there again). Returns new settings. */
export function removeKeptOriginal(settings: Settings, site: string, text: string): Settings {
  const normalised = normaliseKeptText(text);
  const pattern = site.trim();
  return {
    ...settings,
    keptOriginals: settings.keptOriginals.filter((entry) => !(entry.site === pattern && entry.text === normalised)),
  };
}
