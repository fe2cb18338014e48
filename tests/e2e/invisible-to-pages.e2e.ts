/**
 * Pages cannot see Qingdu (issue 13): the built extension puts nothing in a page but the changes
 * the reader asked for. A clean page gets nothing at all, whether only the sentinel looks at it or
 * the page pipeline runs there from the start (a site where doubled text was found before); a
 * garbled page gets its text fixed, the fixed passages' outline attribute and the outline's style
 * sheet, and the tooltip while the pointer rests on a fixed passage. A recorder in the page's own
 * world watches from the page's first script on, so nothing shown even for a moment escapes it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, OWN_NODE_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import { OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { type E2eEnvironment, startE2e } from './support';

/** Record every change to the page from its first script on, in the page's own world. */
async function watchFromTheStart(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { attributes: [] as string[], added: [] as Element[], texts: 0 };
    Object.defineProperty(window, '__seen', { value: seen });
    new MutationObserver((records) => {
      for (const record of records) {
        // The fixtures have no scripts, and the parser makes no attribute records: these are Qingdu's.
        if (record.type === 'attributes')
          seen.attributes.push(`${(record.target as Element).localName} ${record.attributeName}`);
        // The parser appends to a text node while it reads more of the page (whitespace, here);
        // Qingdu never merely appends (fixes remove characters, conversion replaces them).
        if (record.type === 'characterData' && !(record.target as Text).data.startsWith(record.oldValue ?? ''))
          seen.texts++;
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) seen.added.push(node as Element);
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      characterDataOldValue: true,
    });
  });
}

/**
 * What in the page could be Qingdu's, against the page's own markup (`ownHtml`, parsed afresh):
 * attribute changes; elements that are not in the markup (by their path from the root: tag names
 * and places among their siblings), now or for a while (added, then gone again); `data-qingdu*`
 * attributes; and globals of the page's world.
 */
function readTraces(page: Page, ownHtml: string) {
  return page.evaluate((ownHtml) => {
    const own = new DOMParser().parseFromString(ownHtml, 'text/html');
    const pathOf = (element: Element): string => {
      const parent = element.parentElement;
      if (!parent) return element.localName;
      return `${pathOf(parent)}>${element.localName}[${[...parent.children].indexOf(element)}]`;
    };
    const describe = (element: Element) =>
      `${element.localName}#${element.id} [${[...element.attributes].map((a) => a.name).join(' ')}]`;
    const ownPaths = new Set([...own.querySelectorAll('*')].map(pathOf));
    const livePaths = new Set([...document.querySelectorAll('*')].map(pathOf));
    const seen = (window as unknown as { __seen: { attributes: string[]; added: Element[]; texts: number } }).__seen;
    const qingduAttributes: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const { name } of element.attributes)
        if (name.startsWith('data-qingdu')) qingduAttributes.push(`${element.localName} ${name}`);
    }
    return {
      attributeChanges: seen.attributes.sort(),
      textChanges: seen.texts,
      extraElements: [...document.querySelectorAll('*')].filter((e) => !ownPaths.has(pathOf(e))).map(describe),
      missingElements: [...ownPaths].filter((path) => !livePaths.has(path)),
      elementsThatCameAndWent: seen.added.filter((e) => !e.isConnected).map(describe),
      qingduAttributes: qingduAttributes.sort(),
      html: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
      globals: [...Object.getOwnPropertyNames(window), ...Object.getOwnPropertyNames(document)].filter((name) =>
        /qingdu/i.test(name),
      ),
    };
  }, ownHtml);
}

describe('pages cannot see Qingdu', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  const ownMarkup = async (path: string) => (await fetch(env.server.url(path))).text();

  async function openWatched(path: string): Promise<Page> {
    const page = await env.browser.context.newPage();
    await watchFromTheStart(page);
    await page.goto(env.server.url(path));
    await env.waitForSettled(page);
    return page;
  }

  /** Nothing at all: the page is its own markup, and nothing came and went. */
  async function expectNothingOn(page: Page, path: string): Promise<void> {
    expect(await readTraces(page, await ownMarkup(path))).toEqual({
      attributeChanges: [],
      textChanges: 0,
      extraElements: [],
      missingElements: [],
      elementsThatCameAndWent: [],
      qingduAttributes: [],
      html: ['lang=zh-CN'],
      globals: [],
    });
  }

  test('a clean page, where only the sentinel looks, holds nothing of Qingdu', async () => {
    const page = await openWatched('/basic.html');
    expect((await env.readTab(page)).top).toMatchObject({ candidate: false, pipeline: false });
    await expectNothingOn(page, '/basic.html');
    await page.close();
  });

  test('a garbled page holds its fixes, the outline the reader asked for, and the tooltip only while it shows', async () => {
    const page = await openWatched('/proof.html');
    const ownHtml = await ownMarkup('/proof.html');
    const fixed = ['a', 'a', 'figcaption', 'h1', 'h3'].map((tag) => `${tag} ${FIXED_ATTRIBUTE}`);
    const outlineSheet = `style# [${OWN_NODE_ATTRIBUTE}]`;
    let traces = await readTraces(page, ownHtml);
    expect(traces).toEqual({
      attributeChanges: fixed,
      textChanges: expect.any(Number),
      extraElements: [outlineSheet],
      missingElements: [],
      elementsThatCameAndWent: [],
      qingduAttributes: [...fixed, `style ${OWN_NODE_ATTRIBUTE}`].sort(),
      html: ['lang=zh-CN'],
      globals: [],
    });
    expect(traces.textChanges).toBeGreaterThan(0);
    expect(await page.locator(`style[${OWN_NODE_ATTRIBUTE}]`).textContent()).toBe(OUTLINE_CSS);

    // The tooltip: there while the pointer rests on a fixed passage, gone once it leaves.
    await page.locator('#headline').hover();
    await expect.poll(() => page.locator(`#${TOOLTIP_HOST_ID}`).count()).toBe(1);
    await page.mouse.move(1, 1);
    await expect.poll(() => page.locator(`#${TOOLTIP_HOST_ID}`).count()).toBe(0);
    traces = await readTraces(page, ownHtml);
    expect(traces.extraElements).toEqual([outlineSheet]);
    expect(traces.elementsThatCameAndWent).toEqual([
      `div#${TOOLTIP_HOST_ID} [${OWN_NODE_ATTRIBUTE} id data-open style]`,
    ]);
    await page.close();
  });

  test('a clean page of a site where doubled text was found holds nothing either, though the pipeline runs there', async () => {
    // The garbled page above made this site one Qingdu remembers: its pages get the pipeline as they load.
    await expect
      .poll(() =>
        env.browser.serviceWorker.evaluate(async () =>
          (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []),
        ),
      )
      .toContain('*://127.0.0.1/*');
    const page = await openWatched('/basic.html');
    expect((await env.readTab(page)).top?.pipeline).toBe(true);
    await expectNothingOn(page, '/basic.html');
    await page.close();
  });
});
