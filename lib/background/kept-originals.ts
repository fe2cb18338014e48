/**
 * The background's side of "Keep the original": a script in a page asks to keep (or, for Undo, to
 * stop keeping) a passage's text; the background checks the request, names the site from the
 * sender's own frame (never from the message: a page cannot keep text on another site), stores the
 * exception with the settings and answers with the settings that now apply in that frame. Changes
 * are made one at a time, each on freshly loaded settings, so two quick clicks never lose one.
 */
import type { KeptOriginalAnswer } from '@/lib/messaging';
import { addKeptOriginal, removeKeptOriginal } from '@/lib/settings/kept-originals';
import type { Settings } from '@/lib/settings/schema';
import { suggestSitePattern } from '@/lib/settings/site-rules';
import type { LoadedSettings, SaveResult } from '@/lib/settings/storage';
import { MAX_KEPT_TEXT_LENGTH } from '@/lib/text/kept-originals';
import { resolvePageSettings } from './page-settings';

/** A request's text may carry extra whitespace (it is normalised); anything far longer is refused unread. */
const MAX_REQUEST_TEXT_LENGTH = MAX_KEPT_TEXT_LENGTH * 4;

/** The message's data, checked: `{ text }` and nothing else. */
export function readKeptOriginalRequest(data: unknown): { text: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('Malformed request.');
  const keys = Object.keys(data);
  const { text } = data as { text?: unknown };
  if (keys.length !== 1 || typeof text !== 'string' || text.length > MAX_REQUEST_TEXT_LENGTH) {
    throw new Error('Malformed request.');
  }
  return { text };
}

export interface KeptOriginalsStore {
  load(): Promise<LoadedSettings>;
  save(settings: Settings): Promise<SaveResult>;
}

export function createKeptOriginalsKeeper(store: KeptOriginalsStore) {
  let queue: Promise<unknown> = Promise.resolve();

  async function change(address: string | undefined, data: unknown, keep: boolean): Promise<KeptOriginalAnswer> {
    const { text } = readKeptOriginalRequest(data);
    const site = address === undefined ? undefined : suggestSitePattern(address);
    if (address === undefined || site === undefined) return { ok: false, reason: 'no-site' };
    const loaded = await store.load();
    // Settings that could not be read are never replaced by defaults plus one passage.
    if (loaded.area === 'none') return { ok: false, reason: 'not-saved' };
    let next: Settings;
    if (keep) {
      const added = addKeptOriginal(loaded.settings, site, text);
      if (!added.ok) {
        const reason =
          added.reason === 'empty' ? 'nothing-to-keep' : added.reason === 'invalid-site' ? 'no-site' : added.reason;
        return { ok: false, reason };
      }
      next = added.settings;
    } else next = removeKeptOriginal(loaded.settings, site, text);
    const changed = next.keptOriginals.length !== loaded.settings.keptOriginals.length;
    if (changed) {
      const saved = await store.save(next);
      if (!saved.ok) return { ok: false, reason: 'not-saved' };
    }
    return { ok: true, settings: resolvePageSettings(next, address) };
  }

  /** Run one change after the ones before it. */
  const serialised = (address: string | undefined, data: unknown, keep: boolean): Promise<KeptOriginalAnswer> => {
    const run = queue.then(() => change(address, data, keep));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    /** Keep the request's text as the page wrote it on the site of `address` (the sender's frame). */
    keep: (address: string | undefined, data: unknown) => serialised(address, data, true),
    /** Stop keeping it there. */
    forget: (address: string | undefined, data: unknown) => serialised(address, data, false),
  };
}
