import { afterEach, describe, expect, test, vi } from 'vitest';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../../scripts/lib/chromium';

describe('findChromium', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('prefers CHROME_PATH when it exists', () => {
    vi.stubEnv('CHROME_PATH', process.execPath);
    expect(findChromium()).toBe(process.execPath);
  });

  test('a CHROME_PATH that does not exist fails with the install hint, never silently', () => {
    vi.stubEnv('CHROME_PATH', '/nonexistent/chromium');
    expect(() => findChromium()).toThrow(/CHROME_PATH is set to \/nonexistent\/chromium/);
    expect(() => findChromium()).toThrow(CHROMIUM_INSTALL_HINT);
  });

  test('with nothing on the PATH it says how to install Chromium', () => {
    vi.stubEnv('CHROME_PATH', '');
    vi.stubEnv('PATH', '/nonexistent');
    expect(() => findChromium()).toThrow(/apt-get install -y chromium/);
  });
});
