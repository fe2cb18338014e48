/**
 * "Copy repaired text": the reader's selection, repaired, onto the clipboard, even where the page
 * itself is not changed (a text field, an editor, a passage the automatic pass left alone).
 */

/** The selected text in this frame, including a selection inside a text field. */
export function readSelectedText(doc: Document): string {
  const active = doc.activeElement as (HTMLInputElement | HTMLTextAreaElement) | null;
  if (active && (active.localName === 'textarea' || active.localName === 'input')) {
    try {
      const { selectionStart, selectionEnd, value } = active;
      if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) {
        return value.slice(selectionStart, selectionEnd);
      }
    } catch {
      // input types without a text selection (number, email…) throw; fall through
    }
  }
  return doc.getSelection()?.toString() ?? '';
}

/**
 * Put `text` on the clipboard from a content script. A `copy` command whose event carries our
 * text works without a fresh user gesture given the `clipboardWrite` permission; the async
 * clipboard API is the fallback. Resolves to whether the text was written.
 */
export async function writeClipboardText(doc: Document, text: string): Promise<boolean> {
  const view = doc.defaultView;
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    event.stopImmediatePropagation();
    written = true;
  };
  view?.addEventListener('copy', onCopy, true);
  try {
    doc.execCommand('copy');
  } catch {
    // not supported here; try the async API below
  } finally {
    view?.removeEventListener('copy', onCopy, true);
  }
  if (written) return true;
  try {
    await view?.navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
