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
 * Swallow `eventName` before any listener on `doc` (or below it) hears it, whatever it was
 * dispatched on: the document itself, any element (the event may bubble up to `document`), or a
 * node inside a shadow root (a composed event crosses into the document). Every such path starts
 * at the window in the capture phase, and a listener there runs before any listener on the
 * document, whoever registered first; so there is no target to check. Returns a function that
 * removes the guard.
 */
export function refusePageEvent(doc: Document, eventName: string): () => void {
  const refuse = (event: Event) => event.stopImmediatePropagation();
  // A document without a window (one made with DOMImplementation) has no capture path above it.
  const outermost: EventTarget = doc.defaultView ?? doc;
  outermost.addEventListener(eventName, refuse, { capture: true });
  return () => outermost.removeEventListener(eventName, refuse, { capture: true });
}
