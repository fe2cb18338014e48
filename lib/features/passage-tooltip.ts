/**
 * A small tooltip that shows a fixed passage's original text while the pointer rests on it. It
 * lives in Qingdu's own host element (skipped by every walker and observer), never takes focus,
 * never catches the pointer, and is hidden from screen readers (they read the repaired text).
 */
import { FIXED_ATTRIBUTE, markOwnNode, TOOLTIP_HOST_ID } from '@/lib/dom/markers';

export interface PassageTooltipOptions {
  signal: AbortSignal;
  /** Heading above the original text, in the reader's language. */
  label: string;
  /** The original text of a marked element, or undefined if it is not (or no longer) fixed. */
  originalOf: (element: Element) => string | undefined;
}

const TOOLTIP_CSS = `
:host { all: initial; position: fixed; z-index: 2147483647; pointer-events: none; display: none; }
:host([data-open]) { display: block; }
.tip {
  max-width: min(480px, 90vw); padding: 6px 8px; border-radius: 4px;
  background: #2b2b2b; color: #f5f5f5; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.3);
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; white-space: pre-wrap; word-break: break-all;
}
.label { display: block; font-size: 11px; opacity: 0.7; }
`;

/** The marked element an event happened in, looking through shadow boundaries. */
function markedElementOf(event: Event): Element | undefined {
  for (const target of event.composedPath()) {
    if ((target as Node).nodeType === 1 && (target as Element).hasAttribute(FIXED_ATTRIBUTE)) return target as Element;
  }
  return undefined;
}

/** Install the hover listener; returns a function that removes the tooltip (also done on abort). */
export function installPassageTooltip(doc: Document, options: PassageTooltipOptions): () => void {
  let host: HTMLElement | undefined;
  let textSlot: HTMLElement | undefined;
  let current: Element | undefined;

  const ensureHost = (): { host: HTMLElement; text: HTMLElement } => {
    if (host && textSlot) return { host, text: textSlot };
    host = markOwnNode(doc.createElement('div'));
    host.id = TOOLTIP_HOST_ID;
    host.setAttribute('aria-hidden', 'true');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = TOOLTIP_CSS;
    const tip = doc.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('part', 'tip');
    const label = doc.createElement('span');
    label.className = 'label';
    label.textContent = options.label;
    textSlot = doc.createElement('span');
    textSlot.className = 'text';
    tip.append(label, textSlot);
    shadow.append(style, tip);
    doc.documentElement.append(host);
    return { host, text: textSlot };
  };

  // The host is in the page only while it shows something: a page must not see Qingdu otherwise.
  const hide = () => {
    current = undefined;
    host?.remove();
    host = undefined;
    textSlot = undefined;
  };

  const show = (element: Element) => {
    const original = options.originalOf(element);
    if (original === undefined) return hide();
    current = element;
    const { host: box, text } = ensureHost();
    text.textContent = original;
    const rect = element.getBoundingClientRect();
    const viewHeight = doc.defaultView?.innerHeight ?? 0;
    const below = rect.bottom + 6;
    box.style.left = `${Math.max(4, Math.round(rect.left))}px`;
    // Below the passage if there is room, else above it.
    if (below + 80 < viewHeight || rect.top < 80) {
      box.style.top = `${Math.round(below)}px`;
      box.style.bottom = '';
    } else {
      box.style.top = '';
      box.style.bottom = `${Math.round(viewHeight - rect.top + 6)}px`;
    }
    box.setAttribute('data-open', '');
  };

  const listen = { capture: true, passive: true, signal: options.signal } as const;
  doc.addEventListener(
    'mouseover',
    (event) => {
      const element = markedElementOf(event);
      if (element && element !== current) show(element);
      else if (!element && current) hide();
    },
    listen,
  );
  doc.addEventListener('scroll', hide, listen);
  doc.addEventListener('keydown', hide, listen);

  const remove = () => hide();
  options.signal.addEventListener('abort', remove, { once: true });
  return remove;
}
