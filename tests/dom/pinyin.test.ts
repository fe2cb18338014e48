import { afterEach, describe, expect, test } from 'vitest';
import { OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { RUBY_CLASS, RUBY_WRAPPER_CLASS } from '../../lib/dom/ruby';
import {
  buildPinyinStylesheet,
  createPinyinStage,
  PINYIN_COMMON_ATTRIBUTE,
  PINYIN_FORM_ATTRIBUTES,
  PINYIN_TONE_ATTRIBUTE,
  PinyinAnnotator,
} from '../../lib/features/pinyin';
import type { PinyinAidOptions } from '../../lib/features/stage-options';

const OPTIONS: PinyinAidOptions = { style: 'tone-marks', toneColors: 'off' };

/** Every text node under `root`, in order, outside our own annotations. */
function listTextNodes(root: Node): Text[] {
  const nodes: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) nodes.push(node as Text);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  walk(root);
  return nodes;
}

/** Base character → numbered reading of every ruby under `root`, in order. */
function readRubies(root: ParentNode): string[] {
  return [...root.querySelectorAll(`ruby.${RUBY_CLASS}`)].map(
    (ruby) =>
      `${ruby.firstChild?.textContent}:${ruby.querySelector('rt')?.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-numbers'])}`,
  );
}

function setBody(html: string): void {
  document.head.replaceChildren();
  document.body.innerHTML = html;
}

afterEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('PinyinAnnotator', () => {
  test('reads a word split across inline elements in context', () => {
    setBody('<p><b>银</b>行在<i>重</i>庆，他<span>长</span>大了。</p>');
    new PinyinAnnotator(OPTIONS).annotateRoot(document.body);
    expect(readRubies(document.body)).toEqual([
      '银:yin2',
      '行:hang2',
      '在:zai4',
      '重:chong2',
      '庆:qing4',
      '他:ta1',
      '长:zhang3',
      '大:da4',
      '了:le5',
    ]);
    // The characters the reader sees (and copies, and finds) are unchanged: the pinyin is not text.
    expect(document.body.textContent).toBe('银行在重庆，他长大了。');
  });

  test('stores every written form and the tone, and marks common characters', () => {
    setBody('<p>绿的</p>');
    new PinyinAnnotator(OPTIONS).annotateRoot(document.body);
    const [lv, de] = [...document.querySelectorAll('ruby')];
    const rt = lv?.querySelector('rt');
    expect(rt?.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-marks'])).toBe('lǜ');
    expect(rt?.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-numbers'])).toBe('lü4');
    expect(rt?.getAttribute(PINYIN_FORM_ATTRIBUTES.zhuyin)).toBe('ㄌㄩˋ');
    expect(lv?.getAttribute(PINYIN_TONE_ATTRIBUTE)).toBe('4');
    expect(de?.getAttribute(PINYIN_TONE_ATTRIBUTE)).toBe('5');
    expect(de?.getAttribute(PINYIN_COMMON_ATTRIBUTE)).toBe('500');
    expect(rt?.childNodes.length).toBe(0);
    expect(rt?.getAttribute('aria-hidden')).toBe('true');
  });

  test('keeps page text that looks like markup as text', () => {
    setBody('<p id="p"></p>');
    const p = document.getElementById('p') as HTMLElement;
    p.textContent = '<img src=x onerror="alert(1)">汉字<script>x</script>';
    new PinyinAnnotator(OPTIONS).annotateRoot(document.body);
    expect(document.querySelectorAll('img, script').length).toBe(0);
    expect(p.textContent).toBe('<img src=x onerror="alert(1)">汉字<script>x</script>');
    expect(readRubies(p)).toEqual(['汉:han4', '字:zi4']);
  });

  test('leaves code, form fields, editable regions and opt-outs alone', () => {
    setBody(
      '<p>中文</p><pre>代码</pre><code>代码</code><textarea>文本</textarea>' +
        '<div contenteditable="true">编辑</div><div class="qingdu-skip">跳过</div><p lang="ja">漢字の読み</p>',
    );
    new PinyinAnnotator(OPTIONS).annotateRoot(document.body);
    expect(readRubies(document.body)).toEqual(['中:zhong1', '文:wen2']);
  });

  test('restores the very same text nodes, byte for byte', () => {
    const html =
      '<h1>标题 <b>银</b>行</h1><p>English, 数字 123 and 𪡏 汉字。<a href="#">链接</a></p><ul><li>一</li><li>  </li></ul>';
    setBody(html);
    const before = listTextNodes(document.body);
    const annotator = new PinyinAnnotator(OPTIONS);
    annotator.annotateRoot(document.body);
    expect(document.querySelectorAll(`.${RUBY_WRAPPER_CLASS}`).length).toBeGreaterThan(0);
    annotator.restoreAll();
    expect(document.body.innerHTML).toBe(html);
    const after = listTextNodes(document.body);
    expect(after.length).toBe(before.length);
    expect(after.every((node, i) => node === before[i])).toBe(true);
  });

  test('stays out of the document head', () => {
    setBody('<p>正文</p>');
    document.title = '标题';
    new PinyinAnnotator(OPTIONS).annotateRoot(document);
    expect(document.title).toBe('标题');
    expect(readRubies(document)).toEqual(['正:zheng4', '文:wen2']);
  });

  test('applies reader overrides', () => {
    setBody('<p>银行</p>');
    new PinyinAnnotator({ ...OPTIONS, readingOverrides: { 银行: 'yín xíng' } }).annotateRoot(document.body);
    expect(readRubies(document.body)).toEqual(['银:yin2', '行:xing2']);
  });
});

describe('buildPinyinStylesheet', () => {
  test('picks the form, colours, size and hidden levels', () => {
    expect(buildPinyinStylesheet(OPTIONS)).toContain(`content:attr(${PINYIN_FORM_ATTRIBUTES['tone-marks']})`);
    expect(buildPinyinStylesheet({ ...OPTIONS, style: 'zhuyin' })).toContain(
      `content:attr(${PINYIN_FORM_ATTRIBUTES.zhuyin})`,
    );
    expect(buildPinyinStylesheet(OPTIONS)).not.toContain('color:');
    expect(buildPinyinStylesheet({ ...OPTIONS, toneColors: 'standard' })).toContain(
      `[${PINYIN_TONE_ATTRIBUTE}="3"]>rt{color:`,
    );
    expect(buildPinyinStylesheet({ ...OPTIONS, rubySize: 70 })).toContain('font-size:70%');
    expect(buildPinyinStylesheet({ ...OPTIONS, rubySize: 5000 })).toContain('font-size:100%');
    const css = buildPinyinStylesheet({ ...OPTIONS, threshold: 1000 });
    expect(css).toContain(`[${PINYIN_COMMON_ATTRIBUTE}="500"]>rt`);
    expect(css).toContain(`[${PINYIN_COMMON_ATTRIBUTE}="1000"]>rt`);
    expect(css).not.toContain(`[${PINYIN_COMMON_ATTRIBUTE}="2000"]>rt`);
    expect(buildPinyinStylesheet({ ...OPTIONS, threshold: 0 })).not.toContain('display:none');
    expect(buildPinyinStylesheet(OPTIONS)).toContain('user-select:none');
  });
});

describe('the pinyin stage in the page pipeline', () => {
  let pipeline: PagePipeline | undefined;
  const settle = () => new Promise((resume) => setTimeout(resume, 0));
  /** happy-dom has no layout: the stage annotates every block at once here. */
  const stage = (options: PinyinAidOptions) => ({ ...createPinyinStage(options), nearViewportOnly: false });
  async function run(options: PinyinAidOptions | undefined): Promise<PagePipeline> {
    if (!pipeline) {
      pipeline = new PagePipeline(document);
      pipeline.start();
    }
    pipeline.setAnnotationStage(options ? stage(options) : undefined);
    await settle();
    await pipeline.whenIdle();
    return pipeline;
  }
  async function idle(): Promise<void> {
    await settle();
    await pipeline?.whenIdle();
  }
  afterEach(() => {
    pipeline?.stop();
    pipeline = undefined;
  });
  const ownSheets = () => document.head.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`);

  test('annotates, switches display options with one stylesheet, and restores the page exactly', async () => {
    const html = '<p>我在<b>银</b>行工作。</p><p>第二段：重庆很长。</p>';
    setBody(html);
    const before = listTextNodes(document.body);
    await run(OPTIONS);
    expect(readRubies(document.body)).toContain('行:hang2');
    expect(ownSheets()).toHaveLength(1);
    const firstRuby = document.querySelector('ruby');

    await run({ ...OPTIONS, style: 'zhuyin', toneColors: 'standard' });
    expect(ownSheets()).toHaveLength(1);
    expect(ownSheets()[0]?.textContent).toContain(PINYIN_FORM_ATTRIBUTES.zhuyin);
    // Not re-annotated: the same ruby element is still there.
    expect(document.querySelector('ruby')).toBe(firstRuby);

    await run(undefined);
    expect(document.body.innerHTML).toBe(html);
    expect(document.head.innerHTML).toBe('');
    expect(listTextNodes(document.body).every((node, i) => node === before[i])).toBe(true);
  });

  test('re-reads the page when the reader changes an override', async () => {
    setBody('<p>银行</p>');
    await run(OPTIONS);
    expect(readRubies(document.body)).toEqual(['银:yin2', '行:hang2']);
    await run({ ...OPTIONS, readingOverrides: { 银行: 'yin2 xing2' } });
    expect(readRubies(document.body)).toEqual(['银:yin2', '行:xing2']);
    await run(undefined);
    expect(document.body.innerHTML).toBe('<p>银行</p>');
  });

  test('follows new content, in context with the block it joins', async () => {
    setBody('<p id="p">我去<b>银</b></p>');
    await run(OPTIONS);
    const p = document.getElementById('p') as HTMLElement;
    const added = document.createElement('div');
    added.textContent = '新来的段落：行走';
    document.body.appendChild(added);
    p.appendChild(document.createTextNode('行'));
    await idle();
    expect(readRubies(added)).toEqual(expect.arrayContaining(['行:xing2', '走:zou3']));
    expect(readRubies(p)).toContain('行:hang2');
    await run(undefined);
    expect(document.body.innerHTML).toBe('<p id="p">我去<b>银</b>行</p><div>新来的段落：行走</div>');
  });

  test('follows a page script that updates text it had written before', async () => {
    setBody('<p id="p">旧的</p>');
    const original = (document.getElementById('p') as HTMLElement).firstChild as Text;
    await run(OPTIONS);
    expect(original.isConnected).toBe(false);
    // A framework keeps its reference to the text node and updates it in place.
    original.data = '新的';
    await idle();
    expect(readRubies(document.body)).toEqual(['新:xin1', '的:de5']);
    await run(undefined);
    expect(document.body.innerHTML).toBe('<p id="p">新的</p>');
    expect((document.getElementById('p') as HTMLElement).firstChild).toBe(original);
  });
});
