/**
 * The reader's veto (issue 14) in the built extension: the tooltip over a fixed passage, reached
 * with the pointer and from the keyboard; Keep the original changes the page at once, lasts on
 * the site, shows on the options page and goes when removed there; Undo; Copy report puts a
 * bug report on the clipboard; and a page can neither click the tooltip nor keep text on another
 * site.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import { FIX_REPORT_FORMAT, type FixReport } from '../../lib/features/passage-report';
import type { Settings } from '../../lib/settings/schema';
import { type E2eEnvironment, startE2e } from './support';

const require = createRequire(import.meta.url);

/** #headline of tests/fixtures/proof.html: its own text, and what the reader sees fixed. */
const HEADLINE = '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列';
const HEADLINE_FIXED = '确保“双招双引”工作走在全市前列';
const TITLE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const TITLE_FIXED = '勇于担当作为，当好党和人民的忠诚卫士';
const SUBTITLE_FIXED = '——济宁高新区党工委召开主题教育交流研讨会';

const tip = (selector: string) => `#${TOOLTIP_HOST_ID} ${selector}`;

describe('the reader’s veto', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.resetStorage();
  });

  async function openProof(): Promise<Page> {
    const page = await env.openFixture('/proof.html');
    await env.waitForSettled(page);
    await expect.poll(() => page.locator('#headline').textContent()).toBe(HEADLINE_FIXED);
    return page;
  }

  const readKept = () =>
    env.browser.serviceWorker.evaluate(async () => {
      const { settings } = await chrome.storage.sync.get('settings');
      return (settings as Settings | undefined)?.keptOriginals ?? [];
    });

  /**
   * What the background does when the reader picks "About this fix" (menu) or presses its shortcut
   * (command); resolves to the frame's raw answer, `{ res: true }` when a tooltip opened.
   */
  async function askForDetails(page: Page, request: 'menu' | 'command'): Promise<unknown> {
    const tabId = await env.tabIdOf(page);
    return env.browser.serviceWorker.evaluate(
      ({ tabId, request }) =>
        chrome.tabs.sendMessage(
          tabId,
          { id: 5, type: 'showPassageDetails', data: request, timestamp: Date.now() },
          { frameId: 0 },
        ),
      { tabId, request },
    );
  }

  /** Which of the tooltip's buttons has focus ('' for none), and whether focus is in the page instead. */
  const focusInTooltip = (page: Page) =>
    page.evaluate((id) => {
      const host = document.getElementById(id);
      if (!host || document.activeElement !== host) return `page: ${document.activeElement?.id ?? ''}`;
      return host.shadowRoot?.activeElement?.className ?? '';
    }, TOOLTIP_HOST_ID);

  test('pointer: travel into the tooltip, Keep the original, Undo, keep again; it lasts on the site; the options page lists it and removing it there fixes the passage again', async () => {
    const page = await openProof();
    await page.locator('#headline').hover();
    await expect.poll(() => page.locator(tip('.text')).textContent()).toBe(HEADLINE);
    // The evidence that decided, in the reader's words.
    expect((await page.locator(tip('.why li')).allTextContents()).length).toBeGreaterThan(0);
    expect(await page.locator(tip('[role="dialog"]')).getAttribute('aria-label')).toBe('About this fix');
    expect(await runAxe(page, `#${TOOLTIP_HOST_ID}`)).toEqual([]);

    // Move towards the button slowly, over the gap between passage and tooltip: it stays.
    const from = await page.locator('#headline').boundingBox();
    const to = await page.locator(tip('.keep')).boundingBox();
    if (!from || !to) throw new Error('no boxes');
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.locator('#headline').textContent()).toBe(HEADLINE);
    expect(await page.locator('#headline').getAttribute(FIXED_ATTRIBUTE)).toBeNull();
    await expect
      .poll(() => page.locator(tip('[role="status"]')).textContent())
      .toBe('Kept as the page wrote it, on this site from now on.');
    expect(await readKept()).toEqual([{ site: '127.0.0.1', text: HEADLINE }]);
    // Only that passage: the others stay fixed, and the badge counts one fewer.
    expect(await page.locator('#subtitle').textContent()).toBe(SUBTITLE_FIXED);
    await expect.poll(() => env.badgeOf(page)).toBe('4');

    // Undo, the same button.
    await expect.poll(() => page.locator(tip('.keep')).textContent()).toBe('Undo');
    await page.locator(tip('.keep')).click();
    await expect.poll(() => page.locator('#headline').textContent()).toBe(HEADLINE_FIXED);
    await expect.poll(() => page.locator(tip('[role="status"]')).textContent()).toBe('Fixed again.');
    expect(await readKept()).toEqual([]);

    // Keep it again, then leave: the tooltip goes, the passage stays as the page wrote it, also on a new visit.
    await page.locator(tip('.keep')).click();
    await expect.poll(() => page.locator('#headline').textContent()).toBe(HEADLINE);
    await page.mouse.move(1, 1);
    await expect.poll(() => page.locator(`#${TOOLTIP_HOST_ID}`).count()).toBe(0);
    await page.reload();
    await env.waitForSettled(page);
    await expect.poll(() => page.locator('#subtitle').textContent()).toBe(SUBTITLE_FIXED);
    expect(await page.locator('#headline').textContent()).toBe(HEADLINE);

    // The options page lists it (and stays accessible with it listed); removing it fixes the open page.
    const options = await env.openExtensionPage('options.html');
    await options.locator('[data-loaded="true"]').waitFor();
    const row = options.getByTestId('kept-original');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-site')).toBe('127.0.0.1');
    expect(await row.locator('th').textContent()).toBe(HEADLINE);
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      expect(await runAxe(options), colorScheme).toEqual([]);
    }
    await row.getByTestId('kept-remove').click();
    await expect.poll(() => page.locator('#headline').textContent()).toBe(HEADLINE_FIXED);
    expect(await readKept()).toEqual([]);
    await expect.poll(() => options.getByTestId('kept-empty').count()).toBe(1);
    await options.close();
    await page.close();
  });

  test('Copy report: the original, the fix, each edit’s rule and evidence, the page, the version and the detection settings', async () => {
    await env.browser.context.grantPermissions(['clipboard-read'], { origin: env.server.origin });
    const page = await openProof();
    await page.locator('#headline').hover();
    await page.locator(tip('.copy')).click();
    await expect
      .poll(() => page.locator(tip('[role="status"]')).textContent())
      .toBe('Report copied: paste it into a bug report.');
    const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as FixReport;
    const version = await env.browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().version);
    expect(report).toMatchObject({
      format: FIX_REPORT_FORMAT,
      qingdu: version,
      page: page.url(),
      settings: { sensitivity: 'conservative', factors: [2, 3, 4], latin: true },
      original: HEADLINE,
      fixed: HEADLINE_FIXED,
    });
    expect(report.edits.length).toBeGreaterThan(0);
    for (const edit of report.edits) {
      expect(edit).toMatchObject({ stage: 'fix', rule: 'doubled-cjk', factor: 2 });
      expect(HEADLINE.slice(edit.start, edit.end)).toBe(edit.original);
      expect(edit.because?.facts.length).toBeGreaterThan(0);
    }
    // Copying changed nothing on the page.
    expect(await page.locator('#headline').textContent()).toBe(HEADLINE_FIXED);
    await page.close();
  });

  test('keyboard: a link in a fixed passage, its context menu’s "About this fix": focus moves in, Tab, Enter keeps, Escape gives focus back', async () => {
    const page = await openProof();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('title-1');
    // The context-menu key at the focused link (the menu itself is the browser's, out of the page).
    await page.keyboard.press('Shift+F10');
    expect(await askForDetails(page, 'menu')).toEqual({ res: true });
    await expect.poll(() => page.locator(tip('.text')).textContent()).toBe(TITLE);
    expect(await focusInTooltip(page)).toBe('keep');
    await page.keyboard.press('Tab');
    expect(await focusInTooltip(page)).toBe('copy');
    await page.keyboard.press('Tab');
    expect(await focusInTooltip(page)).toBe('keep');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#title-1').textContent()).toBe(TITLE);
    await expect
      .poll(() => page.locator(tip('[role="status"]')).textContent())
      .toBe('Kept as the page wrote it, on this site from now on.');
    expect(await readKept()).toEqual([{ site: '127.0.0.1', text: TITLE }]);
    // Enter again: Undo.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#title-1').textContent()).toBe(TITLE_FIXED);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`#${TOOLTIP_HOST_ID}`).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('title-1');
    await page.close();
  });

  test('keyboard: the "About this fix" command acts on the passage at the selection, or the first one in view', async () => {
    const commands = await env.browser.serviceWorker.evaluate(() => chrome.commands.getAll());
    expect(commands.map((command) => command.name)).toContain('about-fix');
    const page = await openProof();
    await page.evaluate(() => {
      const caption = document.getElementById('caption')?.firstChild as Text;
      const range = document.createRange();
      range.setStart(caption, 1);
      range.setEnd(caption, 3);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
    });
    expect(await askForDetails(page, 'command')).toEqual({ res: true });
    await expect
      .poll(() => page.locator(tip('.text')).textContent())
      .toBe('图图为为项项目目施施工工现现场场。。本报记者 张慧');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`#${TOOLTIP_HOST_ID}`).count()).toBe(0);
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    expect(await askForDetails(page, 'command')).toEqual({ res: true });
    await expect.poll(() => page.locator(tip('.text')).textContent()).toBe(TITLE);
    await page.close();
  });

  test('a page cannot click the tooltip, and a script in a page can keep text only on its own site', async () => {
    const page = await openProof();
    await page.locator('#headline').hover();
    await page.locator(tip('.keep')).waitFor();
    // The page's own script reaches into the open shadow root and clicks: nothing happens.
    await page.evaluate((id) => {
      for (const button of document.getElementById(id)?.shadowRoot?.querySelectorAll('button') ?? []) button.click();
    }, TOOLTIP_HOST_ID);
    expect(await page.locator(tip('[role="status"]')).textContent()).toBe('');
    expect(await page.locator('#headline').textContent()).toBe(HEADLINE_FIXED);
    expect(await readKept()).toEqual([]);

    // A script in the page's isolated world (what a compromised content script could do).
    const tabId = await env.tabIdOf(page);
    const sendFromPageScript = (data: unknown) =>
      env.browser.serviceWorker.evaluate(
        async ({ tabId, data }) => {
          const [result] = await chrome.scripting.executeScript({
            target: { tabId, frameIds: [0] },
            world: 'ISOLATED',
            args: [data],
            func: async (messageData: unknown) =>
              chrome.runtime.sendMessage({ id: 98, type: 'keepOriginal', data: messageData, timestamp: Date.now() }),
          });
          return result?.result;
        },
        { tabId, data },
      );
    expect(await sendFromPageScript({ text: '新新闻闻', site: 'elsewhere.example' })).toMatchObject({
      err: expect.objectContaining({ message: 'Malformed request.' }),
    });
    expect(await sendFromPageScript({ text: '新新闻闻' })).toMatchObject({ res: { ok: true } });
    expect(await readKept()).toEqual([{ site: '127.0.0.1', text: '新新闻闻' }]);
    await page.close();
  });
});

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's WCAG 2 A/AA rules (as tests/e2e/options-accessibility.e2e.ts runs them), on a whole
 * extension page or on one element of a served page (`selector`: the tooltip, not the fixture).
 */
async function runAxe(page: Page, selector?: string): Promise<AxeViolation[]> {
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (selector) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(({ id, help, nodes }) => ({
      id,
      help,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
  }, selector);
}
