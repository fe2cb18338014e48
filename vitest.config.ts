import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    restoreMocks: true,
    projects: [
      // Pure code: no DOM at all, so a stray `document` in lib/text fails loudly.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      // The page layer, against happy-dom.
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          sequence: { groupOrder: 0 },
        },
      },
      // Quality regression tests over whole benchmark data sets: CPU-heavy, so they run after the
      // others rather than beside them (a few tests elsewhere measure time budgets).
      {
        extends: true,
        test: {
          name: 'accuracy',
          include: ['tests/accuracy/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
