/**
 * Sites where doubled text was found: the page pipeline is registered for them at
 * `document_start` (`scripting.registerContentScripts`), so a reader's garbled newspaper is fixed
 * as it is parsed instead of flashing garble first, while every other site gets only the sentinel.
 * The list lives in `storage.local` (never synced), holds at most `MAX_GARBLED_SITES` hosts (the
 * most recently seen), and can be cleared on the options page.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { PIPELINE_SCRIPT } from './injection';

export const MAX_GARBLED_SITES = 200;
/** Seen again within this time, a site is not written again (storage writes are not free). */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;
export const GARBLED_SITES_SCRIPT_ID = 'qingdu-garbled-sites';

export interface GarbledSite {
  host: string;
  /** When doubled text was last fixed there (ms since the epoch). */
  seen: number;
}

export const garbledSitesItem = storage.defineItem<GarbledSite[]>('local:garbledSites', { fallback: [] });

function hostOf(address: string): string | undefined {
  try {
    const url = new URL(address);
    return /^https?:$/.test(url.protocol) ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** A valid stored list (a damaged value counts as empty), most recently seen first. */
export async function readGarbledSites(): Promise<GarbledSite[]> {
  const value = await garbledSitesItem.getValue();
  if (!Array.isArray(value)) return [];
  return value.filter(
    (site): site is GarbledSite =>
      typeof site === 'object' && site !== null && typeof site.host === 'string' && typeof site.seen === 'number',
  );
}

/** The match pattern for a host, all schemes and ports (match patterns ignore ports). */
export function matchPatternFor(host: string): string {
  return `*://${host}/*`;
}

/** Make the registered script match exactly the remembered hosts where `isFixOn(host)`. */
export async function syncGarbledSitesScript(isFixOn: (host: string) => boolean): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const hosts = (await readGarbledSites()).map((site) => site.host).filter(isFixOn);
  const registered = await scripting.getRegisteredContentScripts({ ids: [GARBLED_SITES_SCRIPT_ID] });
  if (hosts.length === 0) {
    if (registered.length > 0) await scripting.unregisterContentScripts({ ids: [GARBLED_SITES_SCRIPT_ID] });
    return;
  }
  const script = {
    id: GARBLED_SITES_SCRIPT_ID,
    matches: hosts.map(matchPatternFor),
    js: [PIPELINE_SCRIPT.slice(1)],
    runAt: 'document_start' as const,
    allFrames: true,
  };
  if (registered.length > 0) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
}

/** Remember that doubled text was fixed on `address`; true when the list changed. */
export async function rememberGarbledSite(address: string | undefined, now = Date.now()): Promise<boolean> {
  const host = address ? hostOf(address) : undefined;
  if (!host) return false;
  const sites = await readGarbledSites();
  const known = sites.find((site) => site.host === host);
  if (known && now - known.seen < REFRESH_AFTER_MS) return false;
  const next = [{ host, seen: now }, ...sites.filter((site) => site.host !== host)].slice(0, MAX_GARBLED_SITES);
  await garbledSitesItem.setValue(next);
  return !known;
}

/** Forget one site (the options page): its pages get only the sentinel again until doubled text is fixed there. */
export async function forgetGarbledSite(host: string): Promise<void> {
  await garbledSitesItem.setValue((await readGarbledSites()).filter((site) => site.host !== host));
}

/** Forget every site (the options page). */
export async function forgetGarbledSites(): Promise<void> {
  await garbledSitesItem.setValue([]);
}
