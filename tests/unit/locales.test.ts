import { resolve } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, test } from 'vitest';

const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');
const LOCALES = ['en', 'zh_CN', 'zh_TW'];

async function readMessages(locale: string) {
  const messages = await parseMessagesFile(resolve(LOCALES_DIR, `${locale}.yml`));
  return new Map(messages.map((message) => [message.key.join('.'), message]));
}

describe('UI text', () => {
  test('every message exists in English, Simplified and Traditional Chinese, with the same substitutions', async () => {
    const [en, ...others] = await Promise.all(LOCALES.map(readMessages));
    const keys = [...(en as Map<string, unknown>).keys()].sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const messages of others) {
      expect([...messages.keys()].sort()).toEqual(keys);
      for (const [key, message] of messages) {
        expect({ key, substitutions: message.substitutions }).toEqual({
          key,
          substitutions: en?.get(key)?.substitutions,
        });
      }
    }
  });

  test('no message is empty', async () => {
    for (const locale of LOCALES) {
      for (const [key, message] of await readMessages(locale)) {
        const text = message.type === 'plural' ? Object.values(message.plurals).join('') : message.message;
        expect({ locale, key, empty: text.trim() === '' }).toEqual({ locale, key, empty: false });
      }
    }
  });
});
