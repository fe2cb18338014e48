import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Extension pages may only run the extension's own bundled code.
const EXTENSION_PAGE_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The sentinel (entrypoints/sentinel.ts) is the one script every page gets. It is built as an
 * unlisted script, so it carries neither WXT's content-script context nor the polyfill (most of a
 * content script's size), and declared here.
 */
const SENTINEL_CONTENT_SCRIPT = {
  matches: ['http://*/*', 'https://*/*'],
  js: ['sentinel.js'],
  run_at: 'document_start' as const,
  all_frames: true,
  match_about_blank: true,
};

export default defineConfig({
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [...(manifest.content_scripts ?? []), SENTINEL_CONTENT_SCRIPT];
    },
  },
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: '清读 Qingdu',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // contextMenus: "Fix selection" and "Copy repaired text". clipboardWrite: that copy happens in the
    // page's frame after the menu click, with no user gesture left, and on http pages, where the async
    // clipboard API does not exist and `execCommand('copy')` needs the permission.
    permissions: ['storage', 'contextMenus', 'clipboardWrite', 'scripting'],
    // `scripting` + the content script's own hosts: inject a reading aid's code (its dictionaries)
    // into a page only when the reader turns it on. The hosts add no install warning (the content
    // script already runs there); see README "Permissions".
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'toggle-pinyin': {
        suggested_key: { default: 'Alt+P' },
        description: '__MSG_commandTogglePinyin__',
      },
      'toggle-conversion': {
        suggested_key: { default: 'Alt+C' },
        description: '__MSG_commandToggleConversion__',
      },
      // No key of its own: readers who join lines often can set one in the browser's shortcuts page.
      'toggle-lines': {
        description: '__MSG_commandToggleLines__',
      },
      // The keyboard's way to a fixed passage's tooltip (its original, why, Keep the original, Copy report).
      'about-fix': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandAboutFix__',
      },
    },
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
