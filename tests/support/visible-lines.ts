/**
 * The lines of text a reader sees under an element, read from the DOM as the browser lays it out
 * (for DOM tests, which have no layout): block elements and `<br>` end a line, inline elements and
 * blocks Qingdu laid out inline to join broken lines run on, Qingdu's hidden line breaks are not
 * there, and neither are style sheets and ruby text. White space runs count as one space.
 */
import { isHiddenLineBreak, isJoinedInline } from '../../lib/dom/line-join';
import { INLINE_TAGS } from '../../lib/dom/markers';

export function readVisibleLines(root: Element): string[] {
  const lines: string[] = [''];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      lines[lines.length - 1] += (node as Text).data;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.localName === 'style' || element.localName === 'rt') return;
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
