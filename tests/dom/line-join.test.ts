import { beforeEach, describe, expect, test } from 'vitest';
import {
  findLineJoinRuns,
  isHiddenLineBreak,
  isJoinedInline,
  LINE_JOIN_ATTRIBUTE,
  LINE_JOIN_STYLE_ID,
  LineJoiner,
} from '../../lib/dom/line-join';
import { INLINE_TAGS, OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { collectTextBlocks } from '../../lib/dom/text-blocks';

/** Build the body from markup written in the test (never page text). */
function setBody(markup: string): void {
  document.body.innerHTML = markup;
}

/** Every node under the body, in order, so identity can be compared after undo. */
function allNodes(root: Node = document.body): Node[] {
  const nodes: Node[] = [];
  const walk = (node: Node) => {
    nodes.push(node);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  walk(root);
  return nodes;
}

const WRAPPED_BR =
  '<p id="a">作为今年高新区的双百工程<br>\n项目之一，位于济宁高新区的华东<br>\n新型墙体材料项目，目前施工顺利<br>\n推进中，预计明年4月份可建成投<br>\n产。杨家河科技创业园紧盯项目建<br>\n设，加快推进项目落地。</p>';

const WRAPPED_BLOCKS = `<div id="col">
<p>会议强调，要旗帜鲜明地</p>
<p>同作风顽疾作斗争，在自我革</p>
<p>新上体现担当。党员干部必须</p>
<p>保持良好的精神状态。</p>
<p>高新区党工委、管委会领</p>
<p>导班子成员，调研员、副调研</p>
<p>员参加会议。</p>
</div>`;

function joinBody(): LineJoiner {
  const joiner = new LineJoiner(document);
  joiner.join(findLineJoinRuns(collectTextBlocks(document.body)));
  return joiner;
}

/** The text a reader sees: hidden breaks and inline blocks read through, own `<br>` and other blocks end a line. */
function readVisible(root: Element): string[] {
  const lines: string[] = [''];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      lines[lines.length - 1] += (node as Text).data;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.localName === 'style') return;
    if (isHiddenLineBreak(element)) return;
    if (element.localName === 'br') {
      lines.push('');
      return;
    }
    const breaks = !INLINE_TAGS.has(element.localName) && !isJoinedInline(element);
    if (breaks) lines.push('');
    for (let child = element.firstChild; child; child = child.nextSibling) walk(child);
    if (breaks) lines.push('');
  };
  walk(root);
  return lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}

describe('line join', () => {
  beforeEach(() => {
    document.body.textContent = '';
    document.head.textContent = '';
  });

  test('joins <br> lines: hides the breaks, empties the source white space after them', () => {
    setBody(WRAPPED_BR);
    const p = document.getElementById('a') as HTMLElement;
    const joiner = joinBody();
    expect(joiner.joinedCount).toBe(1);
    const breaks = [...p.querySelectorAll('br')];
    expect(breaks.length).toBe(5);
    expect(breaks.every(isHiddenLineBreak)).toBe(true);
    expect(breaks.every((br) => br.parentElement?.getAttribute(LINE_JOIN_ATTRIBUTE) === 'break')).toBe(true);
    expect(breaks.every((br) => br.parentElement?.hasAttribute(OWN_NODE_ATTRIBUTE))).toBe(true);
    expect(p.textContent).toBe(
      '作为今年高新区的双百工程项目之一，位于济宁高新区的华东新型墙体材料项目，目前施工顺利推进中，预计明年4月份可建成投产。杨家河科技创业园紧盯项目建设，加快推进项目落地。',
    );
    const style = document.getElementById(LINE_JOIN_STYLE_ID);
    expect(style?.hasAttribute(OWN_NODE_ATTRIBUTE)).toBe(true);
    expect(style?.textContent).toContain('display:none');
  });

  test('undo puts the page back node for node, attribute for attribute', () => {
    setBody(`${WRAPPED_BR}${WRAPPED_BLOCKS}`);
    const before = document.documentElement.outerHTML;
    const nodes = allNodes(document.documentElement);
    const joiner = joinBody();
    expect(document.documentElement.outerHTML).not.toBe(before);
    joiner.restoreAll();
    expect(document.documentElement.outerHTML).toBe(before);
    const after = allNodes(document.documentElement);
    expect(after.length).toBe(nodes.length);
    for (const [i, node] of after.entries()) expect(node).toBe(nodes[i]);
    expect(joiner.joinedCount).toBe(0);
  });

  test('joins lines in sibling blocks, and keeps two paragraphs apart with an own <br>', () => {
    setBody(WRAPPED_BLOCKS);
    const col = document.getElementById('col') as HTMLElement;
    const joiner = joinBody();
    expect(joiner.joinedCount).toBe(2);
    expect([...col.children].filter((p) => p.localName === 'p').every(isJoinedInline)).toBe(true);
    const own = col.querySelectorAll(`br[${OWN_NODE_ATTRIBUTE}]`);
    expect(own.length).toBe(1);
    expect(readVisible(col)).toEqual([
      '会议强调，要旗帜鲜明地同作风顽疾作斗争，在自我革新上体现担当。党员干部必须保持良好的精神状态。',
      '高新区党工委、管委会领导班子成员，调研员、副调研员参加会议。',
    ]);
  });

  test('an inline block never runs into a neighbour that is not its paragraph', () => {
    setBody(
      '<div id="col"><h2>标题</h2><p>高新区党工委、管委会领</p><p>导班子成员，调研员、副调研</p><p>员参加会议。</p><span>图片说明</span></div>',
    );
    const col = document.getElementById('col') as HTMLElement;
    joinBody();
    expect(readVisible(col)).toEqual([
      '标题',
      '高新区党工委、管委会领导班子成员，调研员、副调研员参加会议。',
      '图片说明',
    ]);
  });

  test('never joins headlines, list items, table cells, poems or what Qingdu or the reader skips', () => {
    const markup = [
      '<h1>济宁高新区党工委召开“不忘初心<br>牢记使命”主题教育交流研讨会</h1>',
      '<ul><li>会议指出，敢于担当作为</li><li>是新时期好干部的标准之一，</li><li>是所有党员领导干部职责所</li><li>系、从政准则和成事之道。</li></ul>',
      '<table><tr><td>会议指出，敢于担当作为</td></tr><tr><td>是新时期好干部的标准之一，</td></tr><tr><td>是所有党员领导干部职责所</td></tr></table>',
      '<p>床前明月光，<br>疑是地上霜。<br>举头望明月，<br>低头思故乡。</p>',
      '<p class="qingdu-skip">作为今年高新区的双百工程<br>项目之一，位于济宁高新区的华东<br>新型墙体材料项目，目前施工顺利<br>推进中，预计明年4月份可建成投<br>产。</p>',
      '<div contenteditable="true">作为今年高新区的双百工程<br>项目之一，位于济宁高新区的华东<br>新型墙体材料项目，目前施工顺利<br>推进中，预计明年4月份可建成投<br>产。</div>',
    ].join('');
    setBody(markup);
    const before = document.body.innerHTML;
    const joiner = joinBody();
    expect(joiner.joinedCount).toBe(0);
    expect(document.body.innerHTML).toBe(before);
    expect(document.getElementById(LINE_JOIN_STYLE_ID)).toBeNull();
  });

  test('a blank line (two <br>) or an image between lines is a paragraph break', () => {
    setBody(
      '<p>作为今年高新区的双百工程<br>项目之一，位于济宁高新区的华东<br><br>新型墙体材料项目，目前施工顺利<br><img alt="">推进中，预计明年4月份可建成投<br>产。</p>',
    );
    const runs = findLineJoinRuns(collectTextBlocks(document.body));
    for (const run of runs) {
      expect(run.joints.every((joint) => joint.breaks.length === 1 && joint.kind === 'br')).toBe(true);
      expect(run.lines.length).toBeLessThanOrEqual(2);
    }
  });

  test('lines split over inline elements are read as one line', () => {
    setBody(
      '<p>作为今年<b>高新区</b>的双百工程<br><span>项目之一，位于济宁高新区的华东</span><br>新型墙体材料项目，<a href="#">目前施工</a>顺利<br>推进中，预计明年4月份可建成投<br>产。</p>',
    );
    const joiner = joinBody();
    expect(joiner.joinedCount).toBe(1);
    expect([...document.querySelectorAll('br')].filter(isHiddenLineBreak).length).toBe(4);
  });

  test('new content joins later without disturbing what is joined; undo takes both back', () => {
    setBody(WRAPPED_BR);
    const before = document.body.innerHTML;
    const joiner = joinBody();
    const added = document.createElement('div');
    added.id = 'more';
    added.innerHTML = WRAPPED_BLOCKS;
    document.body.appendChild(added);
    const withAdded = added.innerHTML;
    joiner.join(findLineJoinRuns(collectTextBlocks(added)));
    expect(joiner.joinedCount).toBe(3);
    expect(document.querySelectorAll(`style#${LINE_JOIN_STYLE_ID}`).length).toBe(1);
    joiner.restoreAll();
    expect(added.innerHTML).toBe(withAdded);
    added.remove();
    expect(document.body.innerHTML).toBe(before);
  });

  test('white space the page rewrote after a join is left as the page made it', () => {
    setBody(WRAPPED_BR);
    const joiner = joinBody();
    const p = document.getElementById('a') as HTMLElement;
    const node = p.childNodes[2] as Text; // "项目之一…", its leading newline emptied
    expect(node.data.startsWith('项目')).toBe(true);
    node.data = '  页面自己的文字';
    joiner.restoreAll();
    expect(node.data).toBe('  页面自己的文字');
  });
});
