/**
 * What the page controller's tooltip needs from outside the page, for DOM tests: words that name
 * their message key (so a test can see which message was chosen, and with which numbers), and a
 * background that keeps passages in real settings (lib/settings, resolved for the page's address
 * as the real background does) without storage or messaging.
 */
import { resolvePageSettings } from '../../lib/background/page-settings';
import type { KeptOriginalReply, PassageTooltipServices } from '../../lib/features/page-controller';
import { createPassageWords } from '../../lib/features/passage-words';
import { addKeptOriginal, removeKeptOriginal } from '../../lib/settings/kept-originals';
import { createDefaultSettings, type Settings } from '../../lib/settings/schema';

/** `key` or `key(1,2)`: the message a test expects, with its substitutions. */
export function echoMessage(key: string, substitutions?: string[]): string {
  return substitutions?.length ? `${key}(${substitutions.join(',')})` : key;
}

export interface TestBackground {
  services: PassageTooltipServices;
  /** The settings the background holds now. */
  settings(): Settings;
  /** Every text it was asked to keep or forget, in order. */
  requests: { keep: boolean; text: string }[];
  /** Make the next requests fail, as when storage cannot be written. */
  failWith: KeptOriginalReply | undefined;
}

export function createTestBackground(address = 'https://news.example/a.html', version = '9.9.9'): TestBackground {
  let settings = createDefaultSettings();
  const site = new URL(address).hostname;
  const background: TestBackground = {
    requests: [],
    failWith: undefined,
    settings: () => settings,
    services: {
      ...createPassageWords(echoMessage),
      version,
      async keepOriginal(text) {
        background.requests.push({ keep: true, text });
        if (background.failWith) return background.failWith;
        const result = addKeptOriginal(settings, site, text);
        if (!result.ok) return { ok: false, reason: result.reason === 'too-long' ? 'too-long' : 'too-many' };
        settings = result.settings;
        return { ok: true, settings: resolvePageSettings(settings, address) };
      },
      async forgetKeptOriginal(text) {
        background.requests.push({ keep: false, text });
        if (background.failWith) return background.failWith;
        settings = removeKeptOriginal(settings, site, text);
        return { ok: true, settings: resolvePageSettings(settings, address) };
      },
    },
  };
  return background;
}
