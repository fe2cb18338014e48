import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, SCREENSHOTS_DIR, startE2e, topFrame } from './support';

/** The popup in a Chinese browser: its language, keyboard use, focus and dark mode. */
describe('the popup in Simplified Chinese', () => {
  let env: E2eEnvironment;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    env = await startE2e({ locale: 'zh-CN' });
    page = await env.openFixture('/conversion.html');
    popup = await env.openPopupFor(page);
    await popup.getByTestId('conversion-switch').waitFor();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('follows the browser language and labels every control', async () => {
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await popup.getByRole('switch', { name: '简繁转换' }).count()).toBe(1);
    expect(await popup.getByRole('switch', { name: '拼音' }).count()).toBe(1);
    expect(await popup.getByRole('combobox', { name: '转换为' }).count()).toBe(1);
    expect(await popup.getByRole('combobox', { name: '拼音样式' }).count()).toBe(1);
    expect(await popup.getByRole('checkbox', { name: '在此网站始终开启' }).count()).toBe(2);
    expect(await popup.getByTestId('conversion-shortcut').textContent()).toBe('快捷键：Alt+C');
  });

  test('works from the keyboard, with visible focus', async () => {
    const conversionSwitch = popup.getByTestId('conversion-switch');
    await conversionSwitch.focus();
    const outline = await conversionSwitch.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await popup.keyboard.press('Space');
    await env.waitForSettled(page, { until: topFrame.runs('convert') });
    expect(await page.evaluate(() => document.getElementById('headline')?.textContent)).toBe('網絡時代的軟件新聞');
    await expect.poll(() => conversionSwitch.isChecked()).toBe(true);
  });

  test('is readable in dark mode', async () => {
    await popup.emulateMedia({ colorScheme: 'dark' });
    const colors = await popup.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { fg: body.color, bg: body.backgroundColor };
    });
    expect(colors.bg).toBe('rgb(28, 28, 31)');
    expect(colors.fg).toBe('rgb(236, 236, 240)');
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.locator('main').screenshot({ path: resolve(SCREENSHOTS_DIR, 'popup-zh-dark.png') });
  });
});
