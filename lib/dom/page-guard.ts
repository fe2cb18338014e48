/**
 * Defences of the content script against the page it runs in.
 *
 * WXT's content-script context listens on `document` for a custom event that a newer copy of the
 * same content script sends to retire older copies. A page can send that event too (its name is
 * `<extension id>:content:wxt:content-script-started`, and extension ids are public), which would
 * stop Qingdu on that page: a command from the page. Qingdu never has two copies in one frame in
 * a release build (manifest content scripts are injected once per document, and an orphaned copy
 * is retired by WXT's own `runtime.id` check), so every such event is refused.
 */

import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The name of WXT's "newer copy started" event in this build (private in WXT, so read by name). */
export const SCRIPT_STARTED_EVENT: string = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
  .SCRIPT_STARTED_MESSAGE_TYPE;

/**
 * Swallow `eventName` on `doc` before any other listener sees it. A capturing listener on the
 * target runs before the target's bubbling listeners, whoever registered them first.
 * Returns a function that removes the guard.
 */
export function refusePageEvent(doc: Document, eventName: string): () => void {
  const refuse = (event: Event) => {
    if (event.target !== doc) return;
    event.stopImmediatePropagation();
  };
  doc.addEventListener(eventName, refuse, { capture: true });
  return () => doc.removeEventListener(eventName, refuse, { capture: true });
}
