/** Where the end-to-end tiers (Chromium and Firefox) find their pages and save their screenshots. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
export const DEMO_DIR = resolve(import.meta.dirname, '../../demo');
/**
 * Where end-to-end tests save their screenshots: an ignored folder on every run, so `npm test`
 * leaves the tree clean; `UPDATE_SCREENSHOTS=1 npm run test:e2e` (or `test:e2e:firefox`)
 * refreshes the README's copies.
 */
export const SCREENSHOTS_DIR = process.env.UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : resolve(import.meta.dirname, '../../test-output/screenshots');
mkdirSync(SCREENSHOTS_DIR, { recursive: true });
