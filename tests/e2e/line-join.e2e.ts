/**
 * The line join in real Chromium: the joined lines lay out as one paragraph, copy (the selection's
 * text) and find in page see the joined words, two paragraphs stay two, headlines and poems stay
 * as they are, and undo gives back the exact page. Runs the DOM layer as a page script in a plain
 * Chromium (no extension needed), on a fixture served from 127.0.0.1.
 */
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';
import { FIXTURES_DIR, SCREENSHOTS_DIR } from './support';

const OUT_DIR = resolve(import.meta.dirname, '../../test-output/line-join');

let browser: Browser;
let server: StaticServer;
let page: Page;

/** Select the contents of `selector` and read the selection's text, as copy would. */
function selectionText(selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel) as Element;
    const selection = getSelection() as Selection;
    selection.removeAllRanges();
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.addRange(range);
    return selection.toString();
  }, selector);
}

/** `window.find` from the top of the page: is `word` found, and inside which element? */
function findInPage(word: string): Promise<{ found: boolean; inside: string | null }> {
  return page.evaluate((text) => {
    getSelection()?.removeAllRanges();
    const found = (window as unknown as { find(text: string): boolean }).find(text);
    const node = getSelection()?.anchorNode ?? null;
    const element = node?.parentElement?.closest('[id]');
    return { found, inside: element?.id ?? null };
  }, word);
}

/** Distinct line tops of the text inside `selector`. */
function lineCount(selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel) as Element;
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  }, selector);
}

describe('line join in Chromium', () => {
  beforeAll(async () => {
    await build({
      entryPoints: [join(import.meta.dirname, 'line-join-page.ts')],
      bundle: true,
      format: 'iife',
      target: 'chrome120',
      outfile: join(OUT_DIR, 'line-join-page.js'),
      logLevel: 'warning',
    });
    server = await startStaticServer(FIXTURES_DIR);
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    await page.goto(server.url('/wrapped-lines.html'));
    await page.addScriptTag({ path: join(OUT_DIR, 'line-join-page.js') });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('joins, is seen whole by copy and find, and undoes exactly', async () => {
    const before = await page.evaluate(() => {
      // Remember every node, to check undo gives back the same nodes, not copies.
      const all: Node[] = [];
      const walker = document.createTreeWalker(document.documentElement);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) all.push(node);
      (window as unknown as { qingduNodes: Node[] }).qingduNodes = all;
      return document.documentElement.outerHTML;
    });
    const linesBefore = await lineCount('#br-para');
    expect(linesBefore).toBe(7);
    expect(await findInPage('建设')).toEqual({ found: false, inside: null });
    expect(await findInPage('招才引智')).toEqual({ found: false, inside: null });
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'wrapped-lines-before.png'), fullPage: true });

    const joined = await page.evaluate(() =>
      (window as unknown as { qingduLineJoin: { join(): number } }).qingduLineJoin.join(),
    );
    expect(joined).toBe(3);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'wrapped-lines-after.png'), fullPage: true });

    // One paragraph, laid out by the browser in its own width: fewer lines than the column had.
    expect(await lineCount('#br-para')).toBeLessThan(linesBefore);
    expect(await selectionText('#br-para')).toBe(
      '作为今年高新区的双百工程项目之一，位于济宁高新区的华东新型墙体材料项目，目前施工顺利推进中，预计明年4月份可建成投产。杨家河科技创业园紧盯项目建设，加快推进项目落地。图为项目施工现场。',
    );
    // Sibling blocks: two paragraphs, each one, apart in copy too.
    expect((await selectionText('#blocks')).trim().split('\n')).toEqual([
      '会议指出，各级各部门要充分认识“双招双引”工作的重大意义，树立“双招双引”首位意识，切实增强责任感紧迫感，工作更多向招商引资、招才引智倾斜，确保抓出成果，抓出实效。',
      '会议强调，要突出重点、创新举措，聚焦招商引资重点，紧盯目标、精准施策。在“找差距、补短板”中进一步增强紧迫感，狠下功夫，主动作为，明确目标。',
    ]);
    // Words the column cut are found again.
    expect(await findInPage('建设')).toEqual({ found: true, inside: 'br-para' });
    expect(await findInPage('招才引智')).toEqual({ found: true, inside: 'blocks' });
    // The headline deck and the poem are untouched.
    expect(await lineCount('#deck')).toBe(2);
    expect(await lineCount('#poem')).toBe(4);

    await page.evaluate(() => (window as unknown as { qingduLineJoin: { restore(): void } }).qingduLineJoin.restore());
    const after = await page.evaluate(() => {
      const all: Node[] = [];
      const walker = document.createTreeWalker(document.documentElement);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) all.push(node);
      const remembered = (window as unknown as { qingduNodes: Node[] }).qingduNodes;
      // The page script itself was added before the snapshot, so the lists must match one for one.
      const same = all.length === remembered.length && all.every((node, i) => node === remembered[i]);
      return { html: document.documentElement.outerHTML, same };
    });
    expect(after.html).toBe(before);
    expect(after.same).toBe(true);
    expect(await lineCount('#br-para')).toBe(linesBefore);
  });
});
