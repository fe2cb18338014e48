import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  findLineJoinRuns,
  isHiddenLineBreak,
  isJoinedInline,
  LINE_JOIN_ATTRIBUTE,
  LINE_JOIN_STYLE_ID,
  LineJoiner,
} from '../../lib/dom/line-join';
import { OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { collectTextBlocks } from '../../lib/dom/text-blocks';
import { readVisibleLines } from '../support/visible-lines';

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

  test('emptyWhitespace: false leaves every text node as it is (a pipeline applies the white space edits)', () => {
    setBody(WRAPPED_BR);
    const p = document.getElementById('a') as HTMLElement;
    const before = [...p.childNodes].filter((n) => n.nodeType === 3).map((n) => (n as Text).data);
    const runs = findLineJoinRuns(collectTextBlocks(document.body));
    const joiner = new LineJoiner(document, { emptyWhitespace: false });
    joiner.join(runs);
    expect([...p.querySelectorAll('br')].every(isHiddenLineBreak)).toBe(true);
    expect([...p.childNodes].filter((n) => n.nodeType === 3).map((n) => (n as Text).data)).toEqual(before);
    // The white space the pipeline would delete, one range per break, each a newline.
    const ranges = runs.flatMap((run) => run.joints.flatMap((joint) => joint.whitespace));
    expect(ranges.map(([node, start, end]) => node.data.slice(start, end))).toEqual(['\n', '\n', '\n', '\n', '\n']);
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
    expect(readVisibleLines(col)).toEqual([
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
    expect(readVisibleLines(col)).toEqual([
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
    expect(joiner.isOwnWrite(node)).toBe(true);
    expect(joiner.readOriginal(node)).toBe('\n项目之一，位于济宁高新区的华东');
    node.data = '  页面自己的文字';
    expect(joiner.isOwnWrite(node)).toBe(false);
    expect(joiner.readOriginal(node)).toBe('  页面自己的文字');
    joiner.restoreAll();
    expect(node.data).toBe('  页面自己的文字');
  });

  test('the demo page’s broken article reads as its paragraphs; its two-line headline stays two lines', () => {
    const demo = readFileSync(resolve(import.meta.dirname, '../../demo/article.html'), 'utf8');
    const article = new DOMParser().parseFromString(demo, 'text/html').getElementById('a4');
    setBody(article?.outerHTML ?? '');
    const runs = findLineJoinRuns(collectTextBlocks(document.body));
    expect(runs.map((run) => run.lines.map((line) => line.text.trim()).join(''))).toEqual([
      '本报济宁11月26日讯(记者 王博文) 25日，济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记刘章箭出席会议并讲话。',
      '会议指出，各级各部门要充分认识“双招双引”工作的重大意义，树立“双招双引”首位意识，切实增强责任感紧迫感，工作更多向招商引资、招才引智倾斜，确保抓出成果，抓出实效。',
      '会议强调，要突出重点、创新举措，聚焦招商引资重点，紧盯目标、精准施策。在“找差距、补短板”中进一步增强紧迫感，狠下功夫，主动作为，明确目标。要立足重点产业，牢牢把握“十强”产业，紧盯500强项目，创新招引模式，扩大招引成效。',
      '会议要求，要抓好在手在谈项目，多方面排解堵点卡点，想方设法抓落实、抓建设。要抓好项目调度跟进，做到“储备一批、在谈一批、签约一批、开工一批”。要把“双招双引”工作作为经济工作的生命线，进一步强化担当意识，主动作为、创新作为，确保“双招双引”工作取得实效、走在前列。',
      '会议强调，要旗帜鲜明地同一切损害群众利益行为作斗争，在不忘初心上体现担当。每名党员干部要永远把人民对美好生活的向往作为奋斗目标，始终坚持以人民为中心的发展理念，任何时候都要怀揣一颗无私为民的赤诚之心，在维护人民利益上敢于挺身而出。要站稳群众立场，增进群众感情，切实解决好人民群众最关心最直接最现实的利益问题。',
      '高新区党工委、管委会领导班子成员，调研员、副调研员参加会议。',
    ]);
    const before = document.body.innerHTML;
    const joiner = new LineJoiner(document);
    joiner.join(runs);
    expect(document.querySelector('h1 br')?.parentElement?.localName).toBe('h1');
    joiner.restoreAll();
    expect(document.body.innerHTML).toBe(before);
  });
});
