import { defineExtensionMessaging } from '@webext-core/messaging';

/** What the content script reports about its page. */
export interface PageStatus {
  /** Marker that the content script is alive in this frame. */
  ready: true;
  url: string;
}

/**
 * Every message between the extension's own contexts (popup, options, background,
 * content script). Pages cannot send these: runtime messaging only reaches
 * extension contexts, and the manifest declares no `externally_connectable`.
 */
export interface ProtocolMap {
  /** Popup or background → content script: is the content script running here? */
  ping(): PageStatus;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
