/**
 * The extension's real messages in a DOM test: `browser.i18n.getMessage` answers from a locale
 * file, so a key the UI uses but a locale lacks shows up as empty text.
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export async function useLocale(locale: string): Promise<void> {
  const messages = generateChromeMessages(
    await parseMessagesFile(resolve(import.meta.dirname, `../../locales/${locale}.yml`)),
  );
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    (key: string, substitutions?: string | (string | number)[]) => {
      const subs = ([] as (string | number)[]).concat(substitutions ?? []).map(String);
      return (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    },
  );
}
