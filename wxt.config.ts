import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Extension pages may only run the extension's own bundled code.
const EXTENSION_PAGE_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: '清读 Qingdu',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // contextMenus: "Fix selection" and "Copy repaired text"; clipboardWrite: the copy happens in the
    // content script after the menu click, where there is no user gesture to allow it otherwise.
    permissions: ['storage', 'contextMenus', 'clipboardWrite'],
    content_security_policy: {
      extension_pages: EXTENSION_PAGE_CSP,
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'qingdu@qingdu.invalid',
              // 140 is the first Firefox (an ESR) that knows data_collection_permissions;
              // Firefox for Android learned it in 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
