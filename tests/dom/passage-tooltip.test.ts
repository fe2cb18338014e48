/**
 * The tooltip over a fixed passage (lib/features/passage-tooltip.ts): what it shows, how the
 * pointer and the keyboard reach its two actions, what it announces, and that only the browser's
 * own events (never a page script's) work its buttons.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FIXED_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import {
  type ActionOutcome,
  DEFAULT_TOOLTIP_HIDE_DELAY_MS,
  installPassageTooltip,
  type KeepOutcome,
  type PassageTooltip,
  type PassageTooltipOptions,
  type PassageTooltipText,
} from '../../lib/features/passage-tooltip';

const DOUBLED = '勇勇于于担担当当作作为为';
const TEXT: PassageTooltipText = {
  title: 'About this fix',
  original: 'Original',
  why: 'Why it was fixed',
  keep: 'Keep the original',
  undo: 'Undo',
  copy: 'Copy report',
  kept: 'Kept as the page wrote it',
  fixedAgain: 'Fixed again',
  copied: 'Report copied',
  copyFailed: 'Could not copy',
};

const host = () => document.getElementById(TOOLTIP_HOST_ID);
const shadow = () => host()?.shadowRoot ?? null;
const part = <T extends Element = HTMLElement>(selector: string) => shadow()?.querySelector<T>(selector) ?? null;
const over = (target: Element) => target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
const press = (target: Element, key: string, shiftKey = false) =>
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true, cancelable: true }),
  );
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the passage tooltip', () => {
  let passage: HTMLElement;
  let other: HTMLElement;
  let field: HTMLTextAreaElement;
  let pageButton: HTMLButtonElement;
  let abort: AbortController;
  let tooltip: PassageTooltip;
  let keep: ReturnType<typeof vi.fn<(element: Element) => Promise<KeepOutcome>>>;
  let undo: ReturnType<typeof vi.fn<() => Promise<ActionOutcome>>>;
  let copyReport: ReturnType<typeof vi.fn<(element: Element) => Promise<boolean>>>;

  function install(overrides: Partial<PassageTooltipOptions> = {}): void {
    tooltip = installPassageTooltip(document, {
      signal: abort.signal,
      text: TEXT,
      describe: (element) =>
        element === passage
          ? {
              original: DOUBLED,
              why: ['12 doubled characters in a row', 'the doubled text is the whole line'],
              canKeep: true,
            }
          : undefined,
      keep,
      copyReport,
      // happy-dom's events are all synthetic; the default (`event.isTrusted`) is tested on its own below.
      isTrusted: () => true,
      ...overrides,
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    passage = document.createElement('h1');
    passage.setAttribute(FIXED_ATTRIBUTE, '');
    passage.textContent = '勇于担当作为';
    other = document.createElement('p');
    other.textContent = '干净的段落。';
    field = document.createElement('textarea');
    pageButton = document.createElement('button');
    pageButton.textContent = 'page';
    document.body.append(passage, other, field, pageButton);
    abort = new AbortController();
    undo = vi.fn(async () => ({ ok: true as const }));
    keep = vi.fn(async () => ({ ok: true as const, undo }));
    copyReport = vi.fn(async () => true);
    install();
  });
  afterEach(() => {
    abort.abort();
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  test('hovering shows the original, why it was fixed and the two actions, in a labelled dialog', () => {
    expect(host()).toBeNull();
    over(passage);
    expect(part('.text')?.textContent).toBe(DOUBLED);
    expect([...(shadow()?.querySelectorAll('.why li') ?? [])].map((li) => li.textContent)).toEqual([
      '12 doubled characters in a row',
      'the doubled text is the whole line',
    ]);
    const dialog = part('[role="dialog"]');
    expect(dialog?.getAttribute('aria-label')).toBe('About this fix');
    expect(dialog?.getAttribute('aria-describedby')).toBe('qingdu-original qingdu-why');
    expect(part('.keep')?.textContent).toBe('Keep the original');
    expect(part('.copy')?.textContent).toBe('Copy report');
    expect(part('[role="status"]')?.textContent).toBe('');
    expect(host()?.hasAttribute('aria-hidden')).toBe(false);
  });

  test('page text goes in as text: markup in an original stays characters', () => {
    abort.abort();
    abort = new AbortController();
    install({ describe: () => ({ original: '<img src=x onerror=alert(1)>勇勇', why: ['<b>x</b>'], canKeep: true }) });
    over(passage);
    expect(part('.text')?.textContent).toBe('<img src=x onerror=alert(1)>勇勇');
    expect(shadow()?.querySelector('img, b')).toBeNull();
  });

  test('the pointer can travel into the tooltip; it hides once the pointer has left both', () => {
    over(passage);
    over(other); // on the way
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS - 1);
    over(part('.keep') as HTMLElement); // arrived
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS * 2);
    expect(host()).not.toBeNull();
    over(other);
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS);
    expect(host()).toBeNull();
  });

  test('leaving the window, scrolling the page and typing hide it; scrolling inside it does not', () => {
    over(passage);
    document.dispatchEvent(new MouseEvent('mouseout', { relatedTarget: null }));
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS);
    expect(host()).toBeNull();

    over(passage);
    part('.tip')?.dispatchEvent(new Event('scroll', { composed: true }));
    expect(host()).not.toBeNull();
    document.dispatchEvent(new Event('scroll'));
    expect(host()).toBeNull();

    field.focus();
    over(passage);
    press(field, 'a');
    expect(host()).toBeNull();
  });

  test('hovering never takes focus from what the reader is typing in', () => {
    field.focus();
    over(passage);
    expect(host()).not.toBeNull();
    expect(document.activeElement).toBe(field);
  });

  test('Keep the original keeps, announces it, and becomes Undo; Undo puts the fix back', async () => {
    over(passage);
    part<HTMLButtonElement>('.keep')?.click();
    await flush();
    expect(keep).toHaveBeenCalledWith(passage);
    expect(part('[role="status"]')?.textContent).toBe('Kept as the page wrote it');
    expect(part('.keep')?.textContent).toBe('Undo');
    // The passage is no longer marked once kept: the pointer over it still holds the tooltip.
    passage.removeAttribute(FIXED_ATTRIBUTE);
    over(passage);
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS);
    expect(host()).not.toBeNull();
    part<HTMLButtonElement>('.keep')?.click();
    await flush();
    expect(undo).toHaveBeenCalledTimes(1);
    expect(keep).toHaveBeenCalledTimes(1);
    expect(part('[role="status"]')?.textContent).toBe('Fixed again');
    expect(part('.keep')?.textContent).toBe('Keep the original');
  });

  test('a refusal is announced in the reader’s words, and nothing changes', async () => {
    keep.mockResolvedValueOnce({ ok: false, message: 'Too many passages are kept already' });
    over(passage);
    part<HTMLButtonElement>('.keep')?.click();
    await flush();
    expect(part('[role="status"]')?.textContent).toBe('Too many passages are kept already');
    expect(part('[role="status"]')?.getAttribute('data-kind')).toBe('error');
    expect(part('.keep')?.textContent).toBe('Keep the original');
  });

  test('Copy report copies and says so, or says it could not', async () => {
    over(passage);
    part<HTMLButtonElement>('.copy')?.click();
    await flush();
    expect(copyReport).toHaveBeenCalledWith(passage);
    expect(part('[role="status"]')?.textContent).toBe('Report copied');
    copyReport.mockResolvedValueOnce(false);
    part<HTMLButtonElement>('.copy')?.click();
    await flush();
    expect(part('[role="status"]')?.textContent).toBe('Could not copy');
  });

  test('Keep the original is not offered where the fix did not change the passage', () => {
    abort.abort();
    abort = new AbortController();
    install({ describe: () => ({ original: '新华社', why: ['one of your replacement rules'], canKeep: false }) });
    over(passage);
    expect(part<HTMLButtonElement>('.keep')?.hidden).toBe(true);
    expect(part<HTMLButtonElement>('.copy')?.hidden).toBe(false);
  });

  test('a page script’s synthetic clicks do nothing (the default obeys only trusted events)', async () => {
    abort.abort();
    abort = new AbortController();
    install({ isTrusted: undefined });
    over(passage);
    part<HTMLButtonElement>('.keep')?.click();
    part<HTMLButtonElement>('.copy')?.click();
    await flush();
    expect(keep).not.toHaveBeenCalled();
    expect(copyReport).not.toHaveBeenCalled();
  });

  test('the page hears nothing of clicks inside the tooltip', async () => {
    const heard = vi.fn();
    document.addEventListener('click', heard);
    over(passage);
    part<HTMLButtonElement>('.copy')?.click();
    await flush();
    document.removeEventListener('click', heard);
    expect(heard).not.toHaveBeenCalled();
  });

  test('from the keyboard: focus moves in, Tab cycles its buttons, Escape closes and gives focus back', () => {
    pageButton.focus();
    expect(tooltip.openWithFocus(passage)).toBe(true);
    expect(shadow()?.activeElement).toBe(part('.keep'));
    press(part('.keep') as HTMLElement, 'Tab');
    expect(shadow()?.activeElement).toBe(part('.copy'));
    press(part('.copy') as HTMLElement, 'Tab');
    expect(shadow()?.activeElement).toBe(part('.keep'));
    press(part('.keep') as HTMLElement, 'Tab', true);
    expect(shadow()?.activeElement).toBe(part('.copy'));
    // The pointer moving elsewhere does not close a tooltip the keyboard opened.
    over(other);
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS * 2);
    expect(host()).not.toBeNull();
    const escapeKey = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
    const pageHeard = vi.fn();
    document.body.addEventListener('keydown', pageHeard);
    part('.copy')?.dispatchEvent(escapeKey);
    document.body.removeEventListener('keydown', pageHeard);
    expect(escapeKey.defaultPrevented).toBe(true);
    expect(pageHeard).not.toHaveBeenCalled();
    expect(host()).toBeNull();
    expect(document.activeElement).toBe(pageButton);
  });

  test('from the keyboard: Enter on Keep keeps, and focus stays on the button for Undo (found end to end)', async () => {
    tooltip.openWithFocus(passage);
    const button = part<HTMLButtonElement>('.keep') as HTMLButtonElement;
    button.click();
    // While the background works, the button is busy but keeps the keyboard's focus.
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.disabled).toBe(false);
    await flush();
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    expect(shadow()?.activeElement).toBe(button);
    button.click();
    await flush();
    expect(undo).toHaveBeenCalledTimes(1);
  });

  test('from the keyboard: focus moving elsewhere closes it without taking focus back', () => {
    pageButton.focus();
    tooltip.openWithFocus(passage);
    field.focus();
    expect(host()).toBeNull();
    expect(document.activeElement).toBe(field);
  });

  test('from the keyboard: only a fixed passage opens it', () => {
    expect(tooltip.openWithFocus(other)).toBe(false);
    expect(host()).toBeNull();
  });

  test('closing goes with the feature: abort removes it', () => {
    over(passage);
    abort.abort();
    expect(host()).toBeNull();
    over(passage);
    expect(host()).toBeNull();
  });
});
