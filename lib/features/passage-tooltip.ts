/**
 * The tooltip over a fixed passage: its original text, the evidence that decided the fix, and two
 * actions, **Keep the original** (the passage stays as the page wrote it on this site; Undo puts
 * the fix back) and **Copy report** (a bug report on the clipboard).
 *
 * - Pointer: hovering a passage shows it; the pointer can travel into it and click (leaving the
 *   passage starts a short grace period that entering the tooltip cancels); it hides when the
 *   pointer has left both, on scroll, on Escape, and when the reader types elsewhere. Hovering
 *   never moves focus, so it never takes focus from what the reader is typing.
 * - Keyboard: `openWithFocus` (the "About this fix" menu entry and command) shows it on a passage
 *   and moves focus into it; Tab cycles through its buttons, Escape closes it and returns focus to
 *   where it was.
 * - Screen readers: a labelled dialog whose description is the original and the evidence; a live
 *   region announces "Kept as the page wrote it" and "Report copied".
 *
 * It lives in Qingdu's own host element (skipped by every walker and observer), which is in the
 * page only while the tooltip shows. Page text only ever goes in as `textContent`. Its buttons obey
 * only the browser's own (trusted) events: a page script cannot click them.
 */
import { FIXED_ATTRIBUTE, markOwnNode, TOOLTIP_HOST_ID } from '@/lib/dom/markers';

/** The tooltip's words, in the reader's language. */
export interface PassageTooltipText {
  /** The dialog's name. */
  title: string;
  /** Heading above the original text. */
  original: string;
  /** Heading before the evidence. */
  why: string;
  keep: string;
  undo: string;
  copy: string;
  /** Announced once the passage is kept. */
  kept: string;
  /** Announced once Undo has put the fix back. */
  fixedAgain: string;
  copied: string;
  copyFailed: string;
}

/** What the tooltip shows about a passage. */
export interface TooltipPassage {
  original: string;
  /** The evidence that decided, in the reader's words. */
  why: readonly string[];
  /** Keep the original applies (the doubled-text fix changed it, not only replacement rules). */
  canKeep: boolean;
}

export type ActionOutcome = { ok: true } | { ok: false; message: string };
/** What Keep the original did: how to undo it, or why it could not (in the reader's words). */
export type KeepOutcome = { ok: true; undo: () => Promise<ActionOutcome> } | { ok: false; message: string };

export interface PassageTooltipOptions {
  signal: AbortSignal;
  text: PassageTooltipText;
  /** What to show for a marked element, or undefined if it is not (or no longer) fixed. */
  describe(element: Element): TooltipPassage | undefined;
  keep(element: Element): Promise<KeepOutcome>;
  /** Put the passage's report on the clipboard; resolves to whether it was written. */
  copyReport(element: Element): Promise<boolean>;
  /** Which events the buttons obey: the browser's own, never a page script's synthetic clicks. */
  isTrusted?: (event: Event) => boolean;
  /** How long the tooltip waits once the pointer has left passage and tooltip (ms). */
  hideDelayMs?: number;
}

export interface PassageTooltip {
  /** Show the tooltip on a fixed passage and move focus into it; false if it is not a fixed passage. */
  openWithFocus(element: Element): boolean;
  /** Hide it (returning focus where it came from, if it had taken it). */
  close(): void;
}

/** Long enough to move the pointer across the gap between a passage and its tooltip. */
export const DEFAULT_TOOLTIP_HIDE_DELAY_MS = 300;

const TOOLTIP_CSS = `
:host { all: initial; position: fixed; z-index: 2147483647; display: none; pointer-events: none; }
:host([data-open]) { display: block; }
.tip {
  pointer-events: auto; box-sizing: border-box;
  max-width: min(480px, calc(100vw - 8px)); max-height: 60vh; overflow: auto; padding: 8px 10px; border-radius: 6px;
  background: #2b2b2b; color: #f5f5f5; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35);
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; text-align: start;
}
.tip:focus { outline: none; }
.label { display: block; font-size: 11px; color: #c8c8c8; }
.text { display: block; white-space: pre-wrap; word-break: break-all; }
.why { margin: 6px 0 0; font-size: 12px; color: #dedede; }
.why:empty { display: none; }
.why ul { margin: 0; padding-inline-start: 18px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button {
  font: inherit; font-size: 12px; color: #f5f5f5; background: #444; cursor: pointer;
  border: 1px solid #8a8a8a; border-radius: 4px; padding: 3px 8px;
}
button:hover { background: #555; }
button:focus-visible { outline: 2px solid #ffb74d; outline-offset: 1px; }
button[hidden] { display: none; }
button[aria-disabled="true"] { cursor: default; opacity: 0.7; }
.status { margin: 6px 0 0; font-size: 12px; color: #a5e3b5; }
.status[data-kind="error"] { color: #ffb4ab; }
.status:empty { display: none; }
`;

/** The marked element an event happened in, looking through shadow boundaries. */
function markedElementOf(event: Event): Element | undefined {
  for (const target of event.composedPath()) {
    if ((target as Node).nodeType === 1 && (target as Element).hasAttribute(FIXED_ATTRIBUTE)) return target as Element;
  }
  return undefined;
}

interface TooltipParts {
  host: HTMLElement;
  tip: HTMLElement;
  text: HTMLElement;
  why: HTMLElement;
  keep: HTMLButtonElement;
  copy: HTMLButtonElement;
  status: HTMLElement;
}

/** Install the tooltip's listeners; the tooltip goes on abort. */
export function installPassageTooltip(doc: Document, options: PassageTooltipOptions): PassageTooltip {
  const { text: words } = options;
  const isTrusted = options.isTrusted ?? ((event: Event) => event.isTrusted);
  const hideDelay = options.hideDelayMs ?? DEFAULT_TOOLTIP_HIDE_DELAY_MS;
  const view = doc.defaultView;
  let parts: TooltipParts | undefined;
  let current: Element | undefined;
  /** Opened from the keyboard: focus is inside, and goes back to `returnFocus` on close. */
  let focusMode = false;
  let returnFocus: HTMLElement | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Undo of the passage kept while this tooltip shows. */
  let undo: (() => Promise<ActionOutcome>) | undefined;
  let busy = false;

  const button = (className: string, label: string): HTMLButtonElement => {
    const element = doc.createElement('button');
    element.type = 'button';
    element.className = className;
    element.textContent = label;
    return element;
  };

  const build = (): TooltipParts => {
    const host = markOwnNode(doc.createElement('div'));
    host.id = TOOLTIP_HOST_ID;
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = TOOLTIP_CSS;
    const tip = doc.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('part', 'tip');
    tip.setAttribute('role', 'dialog');
    tip.setAttribute('aria-label', words.title);
    tip.setAttribute('aria-describedby', 'qingdu-original qingdu-why');
    tip.tabIndex = -1;
    const label = doc.createElement('span');
    label.className = 'label';
    label.textContent = words.original;
    const text = doc.createElement('span');
    text.className = 'text';
    text.id = 'qingdu-original';
    const why = doc.createElement('div');
    why.className = 'why';
    why.id = 'qingdu-why';
    const actions = doc.createElement('div');
    actions.className = 'actions';
    const keep = button('keep', words.keep);
    const copy = button('copy', words.copy);
    actions.append(keep, copy);
    const status = doc.createElement('p');
    status.className = 'status';
    status.setAttribute('role', 'status');
    tip.append(label, text, why, actions, status);
    shadow.append(style, tip);
    keep.addEventListener('click', (event) => void onKeep(event));
    copy.addEventListener('click', (event) => void onCopy(event));
    // The page never hears of clicks and presses inside the tooltip (its listeners on the document would).
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'contextmenu']) {
      tip.addEventListener(type, (event) => event.stopPropagation());
    }
    return { host, tip, text, why, keep, copy, status };
  };

  const cancelHide = () => {
    if (hideTimer !== undefined) clearTimeout(hideTimer);
    hideTimer = undefined;
  };

  // The host is in the page only while it shows something: a page must not see Qingdu otherwise.
  const hide = (restoreFocus: boolean) => {
    cancelHide();
    const hadFocus = focusMode;
    const back = returnFocus;
    current = undefined;
    focusMode = false;
    returnFocus = undefined;
    undo = undefined;
    busy = false;
    parts?.host.remove();
    parts = undefined;
    if (hadFocus && restoreFocus && back?.isConnected) back.focus({ preventScroll: true });
  };

  const scheduleHide = () => {
    if (hideTimer !== undefined || !current) return;
    hideTimer = setTimeout(() => {
      hideTimer = undefined;
      hide(false);
    }, hideDelay);
  };

  const setStatus = (message: string, kind: 'ok' | 'error') => {
    if (!parts) return;
    parts.status.dataset.kind = kind;
    parts.status.textContent = message;
  };

  const fill = (passage: TooltipPassage, fresh: boolean) => {
    if (!parts) return;
    parts.text.textContent = passage.original;
    parts.why.replaceChildren();
    if (passage.why.length > 0) {
      const heading = doc.createElement('span');
      heading.className = 'label';
      heading.textContent = words.why;
      const list = doc.createElement('ul');
      for (const reason of passage.why) {
        const item = doc.createElement('li');
        item.textContent = reason;
        list.append(item);
      }
      parts.why.append(heading, list);
    }
    parts.keep.hidden = !passage.canKeep && !undo;
    parts.keep.textContent = undo ? words.undo : words.keep;
    if (fresh) parts.status.textContent = '';
  };

  const place = (element: Element) => {
    if (!parts) return;
    const box = parts.host;
    const rect = element.getBoundingClientRect();
    const viewHeight = view?.innerHeight ?? 0;
    const viewWidth = view?.innerWidth ?? 0;
    const below = rect.bottom + 6;
    box.style.left = `${Math.round(Math.max(4, Math.min(rect.left, viewWidth - 200)))}px`;
    // Below the passage if there is room, else above it; a passage out of view gets it at the edge.
    if (below + 120 < viewHeight || rect.top < 120) {
      box.style.top = `${Math.round(Math.min(Math.max(4, below), Math.max(4, viewHeight - 120)))}px`;
      box.style.bottom = '';
    } else {
      box.style.top = '';
      box.style.bottom = `${Math.round(Math.max(4, viewHeight - rect.top + 6))}px`;
    }
  };

  const show = (element: Element, withFocus: boolean): boolean => {
    const passage = options.describe(element);
    if (!passage) {
      if (!focusMode) hide(false);
      return false;
    }
    cancelHide();
    const fresh = current !== element;
    if (fresh) undo = undefined;
    current = element;
    if (!parts) {
      parts = build();
      doc.documentElement.append(parts.host);
    }
    fill(passage, fresh);
    place(element);
    parts.host.setAttribute('data-open', '');
    if (withFocus) {
      if (!focusMode) {
        const active = doc.activeElement as HTMLElement | null;
        returnFocus = typeof active?.focus === 'function' ? active : undefined;
      }
      focusMode = true;
      const first = parts.keep.hidden ? parts.copy : parts.keep;
      first.focus({ preventScroll: true });
    }
    return true;
  };

  const onKeep = async (event: Event) => {
    if (!isTrusted(event) || !parts || !current || busy) return;
    const element = current;
    const { keep } = parts;
    // Not `disabled`: a disabled button drops the keyboard's focus.
    busy = true;
    keep.setAttribute('aria-disabled', 'true');
    const outcome: ActionOutcome | KeepOutcome = undo ? await undo() : await options.keep(element);
    busy = false;
    // The tooltip went away meanwhile (the reader moved on): nothing to say.
    keep.removeAttribute('aria-disabled');
    if (!parts || current !== element) return;
    if (!outcome.ok) {
      setStatus(outcome.message, 'error');
      return;
    }
    if (undo) {
      undo = undefined;
      keep.textContent = words.keep;
      setStatus(words.fixedAgain, 'ok');
    } else {
      undo = (outcome as Extract<KeepOutcome, { ok: true }>).undo;
      keep.textContent = words.undo;
      setStatus(words.kept, 'ok');
    }
  };

  const onCopy = async (event: Event) => {
    if (!isTrusted(event) || !current) return;
    const element = current;
    const copied = await options.copyReport(element);
    if (current !== element) return;
    setStatus(copied ? words.copied : words.copyFailed, copied ? 'ok' : 'error');
  };

  const isInside = (event: Event) => parts !== undefined && event.composedPath().includes(parts.host);

  const listen = { capture: true, passive: true, signal: options.signal } as const;
  doc.addEventListener(
    'mouseover',
    (event) => {
      if (isInside(event)) return cancelHide();
      const element = markedElementOf(event);
      if (focusMode) return;
      if (element && element === current) return cancelHide();
      // A passage just kept is no longer marked: the pointer over it still holds the tooltip.
      if (element) show(element, false);
      else if (current && !current.contains(event.target as Node)) scheduleHide();
    },
    listen,
  );
  doc.addEventListener(
    'mouseout',
    (event) => {
      // The pointer left the window.
      if ((event as MouseEvent).relatedTarget === null && current && !focusMode) scheduleHide();
    },
    listen,
  );
  doc.addEventListener(
    'scroll',
    (event) => {
      if (current && !isInside(event)) hide(true);
    },
    listen,
  );
  doc.addEventListener(
    'focusin',
    (event) => {
      // Focus went elsewhere (a click in the page, the browser's own keys): the reader moved on.
      if (current && !isInside(event)) hide(false);
    },
    listen,
  );
  // Not passive: inside the tooltip, Escape and Tab are the tooltip's.
  doc.addEventListener(
    'keydown',
    (event) => {
      if (!current || !parts) return;
      if (!isInside(event)) {
        // Typing (or Escape) in the page hides a tooltip the pointer opened.
        if (!focusMode) hide(false);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        hide(true);
      } else if (event.key === 'Tab') {
        const buttons = [parts.keep, parts.copy].filter((b) => !b.hidden);
        const at = buttons.indexOf(parts.host.shadowRoot?.activeElement as HTMLButtonElement);
        const next = buttons[(at + (event.shiftKey ? buttons.length - 1 : 1) + buttons.length) % buttons.length];
        event.preventDefault();
        event.stopPropagation();
        next?.focus({ preventScroll: true });
      }
    },
    { capture: true, signal: options.signal },
  );

  options.signal.addEventListener('abort', () => hide(false), { once: true });
  return {
    openWithFocus: (element) => show(element, true),
    close: () => hide(true),
  };
}
