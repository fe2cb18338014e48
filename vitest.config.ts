import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    restoreMocks: true,
    projects: [
      // Pure code: no DOM at all, so a stray `document` in lib/text fails loudly.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      // The page layer, against happy-dom.
      { extends: true, test: { name: 'dom', include: ['tests/dom/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
