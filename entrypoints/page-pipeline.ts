/**
 * The page pipeline of one frame (lib/dom/page-pipeline.ts with the stages of lib/features),
 * injected by the background when the sentinel finds doubled text or the reader turns a reading
 * aid on, and registered at `document_start` on sites where doubled text was found before.
 * Running twice in one frame is harmless: the second copy finds the first and stops.
 */
import { createPageController, EARLY_PAGE_SETTINGS, type PageControllerStatus } from '@/lib/features/page-controller';
import { createPassageWords } from '@/lib/features/passage-words';
import { getWorldState } from '@/lib/isolated-world';
import { type FrameStatus, onMessage, type PageSettings, sendMessage } from '@/lib/messaging';

/** Reports of mere progress are sent at most this often; a change of state at once. */
const PROGRESS_REPORT_MS = 250;

export default defineUnlistedScript(() => {
  const world = getWorldState();
  if (world.pipeline) return;
  const { documentKey } = world;

  const reporter = createStatusReporter((status) =>
    sendMessage('reportFrameStatus', status).catch(() => {
      // The extension was updated or removed: this copy is orphaned. Put the page back.
      if (!browser.runtime?.id) stop();
    }),
  );
  const toFrameStatus = (status: PageControllerStatus): FrameStatus => ({
    documentKey,
    pipeline: true,
    fixEnabled: status.fixEnabled,
    work: status.work,
    readingAids: status.readingAids,
  });
  const controller = createPageController(document, {
    loadStageCode: (name) => sendMessage('injectStageCode', { name, documentKey }),
    onStatus: (status) => reporter.update(toFrameStatus(status)),
    passages: {
      // Read straight from `browser.i18n` (nested keys are joined by `_` there); the keys are checked against the locales.
      ...createPassageWords((key, substitutions) => browser.i18n.getMessage(key.replaceAll('.', '_'), substitutions)),
      keepOriginal: (text) => sendMessage('keepOriginal', { text }),
      forgetKeptOriginal: (text) => sendMessage('forgetKeptOriginal', { text }),
      version: browser.runtime.getManifest().version,
    },
  });
  const now = () => toFrameStatus(controller.status());
  const listeners = [
    onMessage('pipelinePing', () => ({ documentKey })),
    onMessage('applyPageSettings', ({ data }) => controller.applySettings(data)),
    onMessage('setReadingAid', ({ data }) => {
      controller.setReadingAid(data.name, data.enabled, data.options as never);
      return now();
    }),
    onMessage('setShowOriginal', ({ data }) => {
      controller.setShowOriginal(data);
      return now();
    }),
    onMessage('fixSelection', () => controller.fixSelection()),
    onMessage('copyRepairedText', () => controller.copyRepairedText()),
    onMessage('showPassageDetails', ({ data }) => controller.showPassageDetails(data)),
  ];
  function stop(): void {
    for (const remove of listeners) remove();
    controller.stop();
    world.pipeline = undefined;
  }
  world.pipeline = { stop };

  // Back/forward cache: the page comes back without scripts starting again; tell the badge.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) reporter.update(now(), true);
  });

  // Loaded because the sentinel found doubled text: the background gave it the settings to start with.
  if (world.settings) {
    controller.applySettings(world.settings);
    return;
  }
  // Registered at document_start on a site known for doubled text: fix as the page is parsed.
  if (document.readyState === 'loading') controller.applySettings(EARLY_PAGE_SETTINGS);
  const apply = (settings: PageSettings) => controller.applySettings(settings);
  sendMessage('getPageSettings').then(apply, () => {
    if (!browser.runtime?.id) stop();
  });
});

/**
 * Sends the frame's status to the background: a change of state (work starts or ends, a stage
 * switches, the count changes when idle) at once, mere progress at most every PROGRESS_REPORT_MS,
 * and never two at a time (the newest waits for the one in flight).
 */
function createStatusReporter(send: (status: FrameStatus) => Promise<unknown>) {
  let inFlight = false;
  let pending: FrameStatus | undefined;
  let lastSent = 0;
  let lastKey = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const keyOf = (status: FrameStatus) =>
    JSON.stringify([
      status.fixEnabled,
      status.readingAids,
      status.work?.working,
      status.work?.generation,
      status.work?.showingOriginal,
      status.work?.working ? 0 : status.work?.fixCount,
    ]);
  const flush = () => {
    timer = undefined;
    if (inFlight || !pending) return;
    const status = pending;
    pending = undefined;
    inFlight = true;
    lastSent = performance.now();
    lastKey = keyOf(status);
    void send(status).finally(() => {
      inFlight = false;
      if (pending) schedule(false);
    });
  };
  const schedule = (urgent: boolean) => {
    if (inFlight) return;
    const wait = urgent ? 0 : Math.max(0, lastSent + PROGRESS_REPORT_MS - performance.now());
    if (wait === 0) {
      if (timer !== undefined) clearTimeout(timer);
      flush();
    } else timer ??= setTimeout(flush, wait);
  };
  return {
    update(status: FrameStatus, force = false) {
      pending = status;
      schedule(force || keyOf(status) !== lastKey);
    },
  };
}
