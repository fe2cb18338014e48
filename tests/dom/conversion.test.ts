/** Conversion, the text stage, through the page pipeline. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { CONVERTED_ATTRIBUTES, loadConversionStage } from '../../lib/features/conversion';
import type { ConversionAidOptions } from '../../lib/features/stage-options';

// Test pages are built from fixed markup written here, never from page text.
const PAGE = `
<h1 id="headline">网络时代的软件新闻</h1>
<p id="split">他的<b>头</b>发很长，<span>面</span>条很好吃。</p>
<p id="usb">请插上<em>U</em>盘，再打开<a href="#m">鼠标</a>设置。</p>
<p id="hostile">&lt;img src=x onerror=alert(1)&gt;头发</p>
<img id="photo" alt="头发和软件" title="鼠标设置">
<input id="search" placeholder="搜索软件" aria-label="搜索网络" value="用户输入">
<textarea id="editor">正在编辑的软件</textarea>
<div id="editable" contenteditable="true">可编辑的头发</div>
<pre id="code">const 软件 = 1;</pre>
<p id="japanese" lang="ja">広島の発表</p>
<section id="zh" lang="zh-CN"><p>简体中文</p></section>`;

function text(id: string): string | null | undefined {
  return document.getElementById(id)?.textContent;
}

function snapshot() {
  const attributes = [...document.querySelectorAll('*')].flatMap((el) =>
    [...CONVERTED_ATTRIBUTES, 'lang'].map((name) => `${el.id}@${name}=${el.getAttribute(name)}`),
  );
  return { html: document.documentElement.outerHTML, title: document.title, attributes };
}

const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('conversion on a page', () => {
  let pipeline: PagePipeline;

  async function convert(options: ConversionAidOptions | undefined): Promise<void> {
    pipeline.setTextStage('convert', options ? await loadConversionStage(options) : undefined);
    await settle();
    await pipeline.whenIdle();
  }

  beforeEach(() => {
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.title = '软件新闻：U盘和鼠标';
    document.body.innerHTML = PAGE;
    pipeline = new PagePipeline(document);
    pipeline.start();
  });
  afterEach(() => pipeline.stop());

  test('converts blocks as a whole, attributes, the title and lang; leaves fields, code and Japanese', async () => {
    const before = snapshot();
    await convert({ variant: 's2twp' });
    expect(text('headline')).toBe('網路時代的軟體新聞');
    // Node by node, 发 alone would become 發 and 面 stay 面.
    expect(document.getElementById('split')?.innerHTML).toBe('他的<b>頭</b>髮很長，<span>麵</span>條很好吃。');
    // U|盘 → 隨身碟 changes length: it goes whole to one node, nothing duplicated or lost.
    expect(text('usb')).toBe('請插上隨身碟，再開啟滑鼠設定。');
    expect(document.getElementById('usb')?.innerHTML).toBe('請插上<em>隨身碟</em>，再開啟<a href="#m">滑鼠</a>設定。');
    expect(text('hostile')).toBe('<img src=x onerror=alert(1)>頭髮');
    expect(document.querySelectorAll('#hostile *')).toHaveLength(0);
    expect(document.title).toBe('軟體新聞：隨身碟和滑鼠');
    const photo = document.getElementById('photo') as HTMLImageElement;
    expect([photo.alt, photo.title]).toEqual(['頭髮和軟體', '滑鼠設定']);
    const search = document.getElementById('search') as HTMLInputElement;
    expect([search.placeholder, search.getAttribute('aria-label'), search.value]).toEqual([
      '搜尋軟體',
      '搜尋網路',
      '用户输入',
    ]);
    expect((document.getElementById('editor') as HTMLTextAreaElement).value).toBe('正在编辑的软件');
    expect(text('editable')).toBe('可编辑的头发');
    expect(text('code')).toBe('const 软件 = 1;');
    expect(text('japanese')).toBe('広島の発表');
    expect(document.documentElement.lang).toBe('zh-Hant-TW');
    expect(document.getElementById('zh')?.getAttribute('lang')).toBe('zh-Hant-TW');
    expect(document.getElementById('japanese')?.getAttribute('lang')).toBe('ja');

    await convert(undefined);
    expect(snapshot()).toEqual(before);
  });

  test('switching variants always converts from the original; converting back is exact', async () => {
    const before = snapshot();
    await convert({ variant: 's2t' });
    expect(text('headline')).toBe('網絡時代的軟件新聞');
    await convert({ variant: 's2twp' });
    expect(text('headline')).toBe('網路時代的軟體新聞');
    // t2s on Simplified text changes nothing: every node is back to the page's own text (only
    // the Chinese scope's lang now says Simplified).
    await convert({ variant: 't2s' });
    expect(document.body.innerHTML).toBe(PAGE.replace('lang="zh-CN"', 'lang="zh-Hans"'));
    pipeline.stop();
    expect(snapshot()).toEqual(before);
  });

  test('phrase overrides apply on top of the dictionary', async () => {
    await convert({ variant: 's2twp', phraseOverrides: { U盘: 'USB 隨身碟' } });
    expect(text('usb')).toBe('請插上USB 隨身碟，再開啟滑鼠設定。');
  });

  test('follows new content, and a node the page rewrites is judged afresh, never restored over', async () => {
    await convert({ variant: 's2twp' });
    const added = document.createElement('p');
    added.append('后来加上的', Object.assign(document.createElement('b'), { textContent: '软' }), '件');
    document.body.append(added);
    await settle();
    await pipeline.whenIdle();
    expect(added.textContent).toBe('後來加上的軟體');

    const headline = document.getElementById('headline')?.firstChild as Text;
    headline.data = '页面自己改写的标题';
    await settle();
    await pipeline.whenIdle();
    expect(headline.data).toBe('頁面自己改寫的標題');
    pipeline.stop();
    expect(headline.data).toBe('页面自己改写的标题');
    expect(added.textContent).toBe('后来加上的软件');
  });

  test('stopped, it stops following the page', async () => {
    await convert({ variant: 's2t' });
    pipeline.stop();
    const added = document.createElement('p');
    added.textContent = '头发';
    document.body.append(added);
    await settle();
    expect(added.textContent).toBe('头发');
  });

  test('attributes inside open shadow roots are converted and restored too', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const image = document.createElement('img');
    image.setAttribute('alt', '头发');
    shadow.append(image);
    await convert({ variant: 's2t' });
    expect(image.getAttribute('alt')).toBe('頭髮');
    await convert(undefined);
    expect(image.getAttribute('alt')).toBe('头发');
  });
});
