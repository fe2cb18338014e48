import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive one real Chromium per file; run files one after another so two
// browsers never fight over the machine's two cores.
export default defineConfig({
  // The same `@/` alias as WXT's, so tests can import limits and markers from lib/.
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
