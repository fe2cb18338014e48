import { beforeEach, describe, expect, test } from 'vitest';
import { OPT_OUT_CLASS, OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import {
  blockOffsetOf,
  collectTextBlocks,
  findBlockContainer,
  isInsideSkipped,
  locateOffset,
} from '../../lib/dom/text-blocks';

/** Build the body from markup written in the test (never page text). */
function setBody(markup: string): void {
  document.body.innerHTML = markup;
}

const texts = (root: Node = document.body) => collectTextBlocks(root).map((block) => block.text);

describe('collectTextBlocks', () => {
  beforeEach(() => {
    document.designMode = 'off';
    document.body.textContent = '';
  });

  test('joins inline descendants of a block into one block', () => {
    setBody('<h1><b>勇勇于于</b><span>担担<i>当当</i></span>作作为为</h1>');
    const [block, ...rest] = collectTextBlocks(document.body);
    expect(rest).toEqual([]);
    expect(block?.text).toBe('勇勇于于担担当当作作为为');
    expect(block?.nodes.map((n) => n.data)).toEqual(['勇勇于于', '担担', '当当', '作作为为']);
    expect(block?.starts).toEqual([0, 4, 6, 8, 12]);
    expect(block?.container).toBe(document.querySelector('h1'));
  });

  test('block-level elements, br and img separate blocks', () => {
    setBody('<div>前文<p>段落一</p>后文<br>换行<img alt="">图后</div><ul><li>甲</li><li>乙</li></ul>');
    expect(texts()).toEqual(['前文', '段落一', '后文', '换行', '图后', '甲', '乙']);
  });

  test('skips code, form fields, editors, translate=no, the opt-out class and own nodes', () => {
    setBody(`
      <p>一<code>代代码码</code>二</p>
      <pre>预预格格式式</pre><textarea>文文本本框框</textarea><input value="输输入入">
      <select><option>选选项项</option></select><script>var a = '脚脚本本'</script><style>p{}</style>
      <noscript>无无脚脚本本</noscript><kbd>键键</kbd><samp>样样</samp>
      <svg><text>矢矢量量</text></svg><math><mi>数数</mi></math>
      <ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>
      <div contenteditable="true">编编辑辑<b>粗粗</b></div><div contenteditable="">空空值值</div>
      <div contenteditable="false">不可编辑</div>
      <div role="textbox">角角色色</div><p translate="no">不不翻翻译译</p>
      <p class="${OPT_OUT_CLASS}">退退出出</p><div ${OWN_NODE_ATTRIBUTE}>自自己己</div>`);
    expect(texts().map((t) => t.trim())).toEqual(['一', '二', '汉', '不可编辑']);
  });

  test('a walk that starts inside skipped content finds nothing', () => {
    setBody('<div contenteditable><p>编编辑辑</p></div><pre><span>代代码码</span></pre>');
    expect(texts(document.querySelector('p') as Element)).toEqual([]);
    expect(texts(document.querySelector('span') as Element)).toEqual([]);
    expect(isInsideSkipped(document.querySelector('span') as Element)).toBe(true);
  });

  test('designMode documents are left alone', () => {
    setBody('<p>勇勇于于</p>');
    document.designMode = 'on';
    expect(texts()).toEqual([]);
  });

  test('walks open shadow roots as blocks of their own and reports them', () => {
    setBody('<div id="host">光光明明</div><p>之后</p>');
    const host = document.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.append('影影子子', document.createElement('b'));
    (inner.lastChild as Element).textContent = '里里';
    shadow.append(inner);
    const seen: ShadowRoot[] = [];
    const blocks = collectTextBlocks(document.body, { onShadowRoot: (root) => seen.push(root) });
    expect(blocks.map((b) => b.text)).toEqual(['光光明明', '影影子子里里', '之后']);
    expect(blocks[1]?.container).toBe(inner);
    expect(seen).toEqual([shadow]);
    expect(collectTextBlocks(document.body, { shadowRoots: false }).map((b) => b.text)).toEqual(['光光明明', '之后']);
  });

  test('drops whitespace-only blocks and those the accept test rejects', () => {
    setBody('<p>  </p><p>干净</p><p>勇勇于于</p>');
    expect(collectTextBlocks(document.body, { accept: (t) => /(.)\1/.test(t) }).map((b) => b.text)).toEqual([
      '勇勇于于',
    ]);
  });

  test('reads text through readText', () => {
    setBody('<p>甲<b>乙</b></p>');
    const [block] = collectTextBlocks(document.body, { readText: (node) => `[${node.data}]` });
    expect(block?.text).toBe('[甲][乙]');
    expect(block?.starts).toEqual([0, 3, 6]);
  });

  test('keeps document order across nested blocks and inline elements', () => {
    setBody('<div>外<span>一<div>内</div>二</span>尾</div>');
    expect(texts()).toEqual(['外一', '内', '二尾']);
  });

  test('a walk from an inline element starts in its block container', () => {
    setBody('<p>甲<span id="s">乙<b>丙</b></span>丁</p>');
    const span = document.getElementById('s') as Element;
    expect(findBlockContainer(span)).toBe(document.querySelector('p'));
    expect(findBlockContainer(span.firstChild as Text)).toBe(document.querySelector('p'));
    expect(texts(findBlockContainer(span))).toEqual(['甲乙丙丁']);
  });
});

describe('locateOffset and blockOffsetOf', () => {
  test('map block offsets to nodes and back', () => {
    setBody('<p>甲乙<b></b><i>丙</i>丁戊</p>');
    document.querySelector('b')?.append(document.createTextNode(''));
    const [block] = collectTextBlocks(document.body);
    if (!block) throw new Error('no block');
    expect(block.text).toBe('甲乙丙丁戊');
    expect(locateOffset(block, 0)).toMatchObject({ index: 0, offset: 0 });
    expect(locateOffset(block, 2).node.data).toBe('丙');
    expect(locateOffset(block, 2, true)).toMatchObject({ index: 0, offset: 2 });
    expect(locateOffset(block, 4)).toMatchObject({ offset: 1 });
    expect(locateOffset(block, 4).node.data).toBe('丁戊');
    const last = block.nodes[block.nodes.length - 1] as Text;
    expect(blockOffsetOf(block, last, 1)).toBe(4);
    expect(blockOffsetOf(block, document.createTextNode('x'), 0)).toBe(-1);
  });
});
