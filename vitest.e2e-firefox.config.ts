import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The Firefox tier: one Firefox ESR per file, files one after another (two cores are shared).
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
