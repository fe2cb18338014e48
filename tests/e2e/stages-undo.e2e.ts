/**
 * The proof of issue 11 in Chromium: a garbled page read with the fix, conversion and pinyin all
 * on, then switched off from the real popup in each of the six orders ("Show original" is the
 * fix's off). After every step the page shows what the stages still on make of the page's own
 * text, the fix count, the tooltip's original and the "Show original" switch are right, and with
 * everything off the page is byte for byte its own markup, parsed afresh from what the server
 * sent (tests/fixtures/proof.html has no scripts, so nothing but Qingdu could change it).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import { type E2eEnvironment, startE2e, type TabSnapshot } from './support';

type StepName = 'fix' | 'conversion' | 'pinyin';

/** What is on: the fix repairing (false: "Show original"), conversion to Traditional (s2t), pinyin. */
interface ReadingState {
  fix: boolean;
  conversion: boolean;
  pinyin: boolean;
}

/** The passages Qingdu fixes in the fixture (each a [data-passage] element). */
const PASSAGE_IDS = ['title-1', 'title-2', 'headline', 'subtitle', 'caption'];

const ORDERS: StepName[][] = [
  ['fix', 'conversion', 'pinyin'],
  ['fix', 'pinyin', 'conversion'],
  ['conversion', 'fix', 'pinyin'],
  ['conversion', 'pinyin', 'fix'],
  ['pinyin', 'fix', 'conversion'],
  ['pinyin', 'conversion', 'fix'],
];

/** Each block as the reader sees it (characters without the pinyin), with what it must be and its ruby count. */
function readBlocks(page: Page, ownHtml: string, state: ReadingState) {
  return page.evaluate(
    ({ ownHtml, state }) => {
      const own = new DOMParser().parseFromString(ownHtml, 'text/html');
      const isHan = (char: string) => /\p{Script=Han}/u.test(char);
      return [...document.querySelectorAll<HTMLElement>('[data-passage], [data-clean]')].map((element) => {
        const ownText = own.getElementById(element.id)?.textContent ?? '';
        const data = element.dataset;
        const expected =
          data.clean !== undefined
            ? state.conversion
              ? data.converted
              : ownText
            : state.fix
              ? state.conversion
                ? data.fixedConverted
                : data.fixed
              : state.conversion
                ? data.converted
                : ownText;
        const clone = element.cloneNode(true) as HTMLElement;
        for (const annotation of clone.querySelectorAll('rt, rp')) annotation.remove();
        return {
          id: element.id,
          text: clone.textContent,
          expected,
          ruby: element.querySelectorAll('ruby').length,
          expectedRuby: state.pinyin ? [...(expected ?? '')].filter(isHan).length : 0,
        };
      });
    },
    { ownHtml, state },
  );
}

/** The tooltip's text, or null when it is not showing. */
async function readTooltip(page: Page): Promise<string | null> {
  // One look, in the page: the tooltip may go between two separate looks (it waits a moment after
  // the pointer leaves), and a locator would then wait for it to come back.
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    if (!host?.hasAttribute('data-open')) return null;
    return host.shadowRoot?.querySelector('.text')?.textContent ?? null;
  }, TOOLTIP_HOST_ID);
}

describe('fix, conversion and pinyin switched off in every order (issue 11)', () => {
  let env: E2eEnvironment;
  /** The page's own markup, as the server sends it. */
  let ownHtml: string;
  beforeAll(async () => {
    env = await startE2e();
    ownHtml = await (await fetch(env.server.url('/proof.html'))).text();
  });
  afterAll(async () => {
    await env?.close();
  });

  /** Wait until the tab runs exactly the stages of `state` and is done. */
  function settle(page: Page, state: ReadingState): Promise<TabSnapshot> {
    return env.waitForSettled(page, {
      until: (tab) => {
        const work = tab.top?.work;
        if (!work || work.showingOriginal === state.fix) return false;
        const stages = new Set(work.stages);
        return stages.has('fix') && stages.has('convert') === state.conversion && stages.has('pinyin') === state.pinyin;
      },
    });
  }

  async function expectState(page: Page, popup: Page, state: ReadingState, step: string): Promise<void> {
    const tab = await settle(page, state);
    const fixCount = state.fix ? PASSAGE_IDS.length : 0;

    // The page's text, block by block, with pinyin over every Han character where it is on.
    for (const block of await readBlocks(page, ownHtml, state)) {
      expect({ step, id: block.id, text: block.text, ruby: block.ruby }).toEqual({
        step,
        id: block.id,
        text: block.expected,
        ruby: block.expectedRuby,
      });
    }
    if (!state.pinyin) expect(await page.locator('ruby').count(), step).toBe(0);
    // Attributes and the language follow conversion too.
    const attributes = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      alt: document.getElementById('photo')?.getAttribute('alt'),
    }));
    expect(attributes, step).toEqual(
      state.conversion
        ? { lang: 'zh-Hant', title: '濟寧高新區報 · 數字報：要聞', alt: '圖爲項目施工現場' }
        : { lang: 'zh-CN', title: '济宁高新区报 · 数字报：要闻', alt: '图为项目施工现场' },
    );

    // The fix count: the tab's, the badge's and the popup's; the passages marked; the switch.
    expect(tab.top?.work?.fixCount, step).toBe(fixCount);
    await expect.poll(() => env.badgeOf(page), { message: step }).toBe(state.fix ? String(fixCount) : '');
    await expect
      .poll(() => popup.getByTestId('fix-count').getAttribute('data-count'), { message: step })
      .toBe(String(fixCount));
    await expect.poll(() => popup.getByTestId('fix-show-original').isChecked(), { message: step }).toBe(!state.fix);
    const marked = await page.locator(`[${FIXED_ATTRIBUTE}]`).evaluateAll((elements) => elements.map((e) => e.id));
    expect(marked, step).toEqual(state.fix ? PASSAGE_IDS : []);

    // Hovering a fixed passage shows the page's own text, whatever the stages after the fix did.
    for (const id of ['headline', 'title-1']) {
      await page.locator(`#${id}`).hover();
      const ownText = await page.evaluate(
        ({ ownHtml, id }) => new DOMParser().parseFromString(ownHtml, 'text/html').getElementById(id)?.textContent,
        { ownHtml, id },
      );
      if (state.fix) await expect.poll(() => readTooltip(page), { message: `${step}: ${id}` }).toBe(ownText);
      else expect(await readTooltip(page), `${step}: ${id}`).toBeNull();
    }
    await page.mouse.move(1, 1);
    await expect.poll(() => readTooltip(page), { message: step }).toBeNull();
  }

  /** With every stage off the page is its own markup, byte for byte, head and body. */
  async function expectOwnPage(page: Page): Promise<void> {
    const compared = await page.evaluate((ownHtml) => {
      const own = new DOMParser().parseFromString(ownHtml, 'text/html');
      const attributesOf = (element: Element) => [...element.attributes].map((a) => `${a.name}=${a.value}`);
      return {
        body: [document.body.innerHTML === own.body.innerHTML, document.body.innerHTML.length],
        head: [document.head.innerHTML === own.head.innerHTML, document.head.innerHTML],
        html: attributesOf(document.documentElement).join(' ') === attributesOf(own.documentElement).join(' '),
        // Nothing besides <head> and <body> (the tooltip's host is there only while it shows).
        others: [...document.documentElement.children]
          .filter((child) => child !== document.head && child !== document.body)
          .map((child) => `${child.localName}#${child.id}`),
      };
    }, ownHtml);
    expect(compared.body[0]).toBe(true);
    expect(compared.head).toEqual([true, expect.any(String)]);
    expect(compared.html).toBe(true);
    expect(compared.others).toEqual([]);
  }

  test.each(ORDERS)('all on, then off: %s, %s, %s', async (...order) => {
    const page = await env.openFixture('/proof.html');
    const popup = await env.openPopupFor(page);
    const state: ReadingState = { fix: true, conversion: false, pinyin: false };
    await expectState(page, popup, state, 'fix on');

    // Everything on, from the popup.
    await popup.getByTestId('conversion-variant').selectOption('s2t');
    await popup.getByTestId('conversion-switch').click();
    state.conversion = true;
    await expectState(page, popup, state, 'fix and conversion on');
    await popup.getByTestId('pinyin-switch').click();
    state.pinyin = true;
    await expectState(page, popup, state, 'fix, conversion and pinyin on');

    // Off, one after another.
    const done: StepName[] = [];
    for (const step of order) {
      if (step === 'fix') await popup.getByTestId('fix-show-original').check();
      else await popup.getByTestId(`${step}-switch`).click();
      state[step] = false;
      done.push(step);
      await expectState(page, popup, state, `off: ${done.join(', ')}`);
    }
    await expectOwnPage(page);

    // And the fix again, alone.
    await popup.getByTestId('fix-again').click();
    state.fix = true;
    await expectState(page, popup, state, 'fix again');
    await popup.close();
    await page.close();
  });
});
