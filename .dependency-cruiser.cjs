/**
 * The layers, kept by a test rather than by convention (`npm run lint` runs this):
 *   lib/text      pure text logic: no DOM, no browser APIs, no settings, no UI
 *   lib/dom       the page layer: no features, settings, UI or entrypoints
 *   lib/*         never imports an entrypoint; components never either
 *   no import cycles anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make the layers meaningless and modules load half-initialised.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'text-is-pure',
      severity: 'error',
      comment: 'lib/text knows nothing of the DOM, browser APIs, settings, features or UI.',
      from: { path: '^lib/text/' },
      to: {
        path: [
          '^lib/(dom|features|settings|background)/',
          '^lib/(messaging|isolated-world|sentinel-messaging|target-tab|browser-compat)\\.ts$',
          '^components/',
          '^entrypoints/',
          'node_modules/(wxt|webextension-polyfill|@wxt-dev|@webext-core|preact|valibot)/',
        ],
      },
    },
    {
      name: 'dom-knows-no-features',
      severity: 'error',
      comment: 'lib/dom is the page layer: it knows nothing of features, settings, UI or entrypoints.',
      from: { path: '^lib/dom/' },
      to: {
        path: [
          '^lib/(features|settings|background)/',
          '^lib/messaging\\.ts$',
          '^components/',
          '^entrypoints/',
          'node_modules/(wxt|webextension-polyfill|@wxt-dev|@webext-core|preact|valibot)/',
        ],
      },
    },
    {
      name: 'libraries-never-import-entrypoints',
      severity: 'error',
      from: { path: '^(lib|components)/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'features-and-background-know-no-ui',
      severity: 'error',
      comment: 'What runs in pages and in the background never imports the extension pages’ UI.',
      from: { path: '^lib/' },
      to: { path: ['^components/', 'node_modules/preact/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^\\.output', '^\\.wxt/types'] },
    tsPreCompilationDeps: true,
    // WXT's generated tsconfig declares the `@/` alias relative to .wxt/; this one resolves it from the root.
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
