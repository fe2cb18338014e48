import { i18n } from '#i18n';
import { garbledSitesItem, rememberGarbledSite, syncGarbledSitesScript } from '@/lib/background/garbled-sites';
import { ensurePipeline, loadPipelineFor, loadStageCode } from '@/lib/background/injection';
import { createKeptOriginalsKeeper } from '@/lib/background/kept-originals';
import {
  confirmsDoubledText,
  frameAddressOf,
  needsPipeline,
  resolvePageSettings,
} from '@/lib/background/page-settings';
import {
  createTabStatusStore,
  type FrameEntry,
  initBadge,
  showBadge,
  summarizeTab,
  type TabEntry,
} from '@/lib/background/tab-status';
import { STAGE_CODE_NAMES, type StageCodeName } from '@/lib/features/stage-code';
import { READING_AID_COMMANDS, READING_AID_NAMES, type ReadingAidName } from '@/lib/features/stage-options';
import {
  type FrameStatus,
  onMessage,
  type ReadingAidRequest,
  type ReadingAidsStatus,
  sendMessage,
  type TabStatus,
} from '@/lib/messaging';
import type { Settings } from '@/lib/settings/schema';
import { resolveSiteSettings } from '@/lib/settings/site-rules';
import { loadSettings, saveSettings, watchSettings } from '@/lib/settings/storage';

/** Context-menu entries of fix doubled text. */
const MENU_FIX_SELECTION = 'qingdu-fix-selection';
const MENU_COPY_REPAIRED = 'qingdu-copy-repaired';
const MENU_ABOUT_FIX = 'qingdu-about-fix';
/** The keyboard command for "About this fix" (wxt.config.ts declares it). */
const ABOUT_FIX_COMMAND = 'about-fix';

export default defineBackground(() => {
  // The settings are read, migrated and repaired here (corrupt fields fall back one by one;
  // unreadable storage gives the defaults) and resolved per frame: no script in a page carries that code.
  let settingsRead: Promise<Settings> | undefined;
  const currentSettings = () => {
    settingsRead ??= loadSettings().then((loaded) => loaded.settings);
    return settingsRead;
  };
  const tabs = createTabStatusStore();

  /** The tab's state for the popup; aids that never ran show the options they would start with. */
  async function tabStatusOf(entry: TabEntry): Promise<TabStatus> {
    const page = resolvePageSettings(await currentSettings(), entry.url);
    const defaults: ReadingAidsStatus = {
      pinyin: { enabled: false, options: page.readingAids.pinyin },
      conversion: { enabled: false, options: page.readingAids.conversion },
      lines: { enabled: false, options: page.readingAids.lines },
    };
    return summarizeTab(entry, defaults);
  }

  async function recordFrame(tabId: number, frameId: number, status: Partial<FrameEntry> & { documentKey: string }) {
    const entry = await tabs.report(tabId, frameId, status);
    const summary = await tabStatusOf(entry);
    await showBadge(tabId, summary);
    return summary;
  }

  /** Every frame of a tab that has reported (and the top frame, even before it has). */
  async function framesOf(tabId: number): Promise<number[]> {
    const frameIds = Object.keys((await tabs.read(tabId)).frames).map(Number);
    return frameIds.includes(0) ? frameIds : [0, ...frameIds];
  }

  /**
   * Send a command to every frame of a tab where the pipeline runs (loading it first where
   * `load` says so), record each frame's answer, and forget frames that are gone. Rejects when the
   * top frame cannot be reached (a browser page).
   */
  async function commandFrames(
    tabId: number,
    load: (frame: FrameStatus | undefined) => boolean,
    command: (frameId: number) => Promise<FrameStatus>,
    withStage?: StageCodeName,
  ): Promise<TabStatus> {
    const entry = await tabs.read(tabId);
    const gone: number[] = [];
    let topError: unknown;
    await Promise.all(
      (await framesOf(tabId)).map(async (frameId) => {
        const frame = entry.frames[String(frameId)];
        try {
          if (!frame?.pipeline) {
            if (!load(frame)) return;
            await ensurePipeline(tabId, frameId, withStage);
          } else if (withStage && load(frame)) {
            // The stage's code is on its way while the command goes out (the pipeline would ask).
            void loadStageCode(tabId, frameId, frame.documentKey, withStage).catch(() => undefined);
          }
          await tabs.report(tabId, frameId, await command(frameId));
        } catch (error) {
          if (frameId === 0) topError = error;
          else gone.push(frameId);
        }
      }),
    );
    if (gone.length > 0) await tabs.forgetFrames(tabId, gone);
    if (topError !== undefined) throw topError;
    const summary = await tabStatusOf(await tabs.read(tabId));
    await showBadge(tabId, summary);
    return summary;
  }

  function setTabReadingAid(tabId: number, request: ReadingAidRequest): Promise<TabStatus> {
    const { name, enabled, options } = request;
    return commandFrames(
      tabId,
      () => enabled,
      (frameId) => sendMessage('setReadingAid', { name, enabled, options } as ReadingAidRequest, { tabId, frameId }),
      // Joining lines needs no code of its own: it is part of the pipeline.
      name === 'lines' ? undefined : name,
    );
  }

  // --- scripts in pages ---

  onMessage('sentinelReport', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('Qingdu works in tabs only.');
    const frameId = sender.frameId ?? 0;
    const address = frameAddressOf(sender);
    const page = resolvePageSettings(await currentSettings(), address);
    const doubled = confirmsDoubledText(page, data);
    const pipeline = needsPipeline(page, doubled);
    // The sentinel just said the pipeline is not there: load it without asking first. The answer
    // goes out at once, with the settings the pipeline will start with (before the pipeline
    // arrives, or it asks for them); the frame is recorded after.
    if (pipeline) void loadPipelineFor(tabId, frameId, data.documentKey);
    void (async () => {
      const known = (await tabs.read(tabId)).frames[String(frameId)];
      await recordFrame(tabId, frameId, {
        documentKey: data.documentKey,
        address,
        // Once found in this document, it stays found (new content reports only what is new).
        candidate: doubled || (known?.documentKey === data.documentKey && known.candidate === true),
        fixEnabled: page.site.fix,
        sentinelTimings: data.timings ?? known?.sentinelTimings,
      });
    })().catch(() => undefined);
    return { fixEnabled: page.site.fix, pipeline, settings: pipeline ? page : undefined };
  });

  onMessage('getPageSettings', async ({ sender }) =>
    resolvePageSettings(await currentSettings(), frameAddressOf(sender)),
  );

  onMessage('reportFrameStatus', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    const address = frameAddressOf(sender);
    await recordFrame(tabId, sender.frameId ?? 0, { ...data, address });
    if ((data.work?.fixCount ?? 0) > 0 && (await rememberGarbledSite(address))) void syncGarbledSites();
  });

  // "Keep the original" and its Undo, from the tooltip: always for the sender's own site.
  const keeper = createKeptOriginalsKeeper({ load: loadSettings, save: saveSettings });
  onMessage('keepOriginal', ({ data, sender }) => keeper.keep(frameAddressOf(sender), data));
  onMessage('forgetKeptOriginal', ({ data, sender }) => keeper.forget(frameAddressOf(sender), data));

  onMessage('injectStageCode', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !STAGE_CODE_NAMES.includes(data?.name) || typeof data.documentKey !== 'string') {
      throw new Error('Stage code runs in tabs only.');
    }
    await loadStageCode(tabId, sender.frameId ?? 0, data.documentKey, data.name);
  });

  // --- the popup (extension pages only) ---

  onMessage('getTabStatus', async ({ data: tabId }) => {
    const entry = await tabs.read(tabId);
    const status = await tabStatusOf(entry);
    // Paragraphs a print column broke are found by the pipeline, which only runs where there was
    // something to do: the reader opening the popup has it look at the top frame (the popup
    // follows the tab's state and shows "Join broken lines" once it has looked).
    if (status.lineRuns === undefined && entry.frames['0']) void ensurePipeline(tabId, 0).catch(() => undefined);
    return status;
  });
  onMessage('setTabReadingAid', ({ data: { tabId, ...request } }) =>
    setTabReadingAid(tabId, request as ReadingAidRequest),
  );
  onMessage('setTabShowOriginal', ({ data: { tabId, showOriginal } }) =>
    commandFrames(
      tabId,
      () => false,
      (frameId) => sendMessage('setShowOriginal', showOriginal, { tabId, frameId }),
    ),
  );

  // --- settings follow open tabs live ---

  async function syncGarbledSites(): Promise<void> {
    const settings = await currentSettings();
    await syncGarbledSitesScript((host) => resolveSiteSettings(settings, `https://${host}/`).fix).catch(
      (error: unknown) => console.warn('Qingdu: could not register the pipeline for remembered sites', error),
    );
  }

  async function pushSettings(): Promise<void> {
    const settings = await currentSettings();
    for (const tabId of await tabs.tabs()) {
      const entry = await tabs.read(tabId);
      for (const [key, frame] of Object.entries(entry.frames)) {
        const frameId = Number(key);
        const page = resolvePageSettings(settings, frame.address);
        const target = { tabId, frameId };
        if (frame.pipeline) void sendMessage('applyPageSettings', page, target).catch(() => undefined);
        else if (needsPipeline(page, frame.candidate === true))
          void ensurePipeline(tabId, frameId).catch(() => undefined);
      }
    }
  }

  watchSettings(() => {
    settingsRead = undefined;
    void pushSettings();
    void syncGarbledSites();
  });

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  void initBadge();

  // Chromium keeps menus while the extension is installed; Firefox keeps an MV2 (persistent)
  // background's menus only until the browser quits. So they are made afresh on install, update
  // and every browser start. Firefox for Android has no context menus (nor keyboard shortcuts).
  const menus = browser.contextMenus as typeof browser.contextMenus | undefined;
  const makeMenus = async () => {
    if (!menus) return;
    await menus.removeAll();
    menus.create({ id: MENU_FIX_SELECTION, title: i18n.t('menuFixSelection'), contexts: ['selection'] });
    menus.create({ id: MENU_COPY_REPAIRED, title: i18n.t('menuCopyRepaired'), contexts: ['selection', 'editable'] });
    // Where a keyboard can open a context menu on a passage: a selection in it, a link in it.
    menus.create({ id: MENU_ABOUT_FIX, title: i18n.t('menuAboutFix'), contexts: ['selection', 'link'] });
  };
  // One after another: an update at start-up fires both events, and two interleaved rounds would collide.
  let menusMade = Promise.resolve();
  const startUp = () => {
    menusMade = menusMade.then(makeMenus, makeMenus);
    // Registered scripts do not survive an update of the extension.
    void syncGarbledSites();
  };
  browser.runtime.onInstalled.addListener(startUp);
  browser.runtime.onStartup.addListener(startUp);
  menus?.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    const target = { tabId: tab.id, frameId: info.frameId ?? 0 };
    // Only a frame whose pipeline runs has fixed passages: nothing to load for it.
    if (info.menuItemId === MENU_ABOUT_FIX) {
      void sendMessage('showPassageDetails', 'menu', target).catch(() => undefined);
      return;
    }
    const run = async () => {
      await ensurePipeline(target.tabId, target.frameId);
      if (info.menuItemId === MENU_FIX_SELECTION) await sendMessage('fixSelection', undefined, target);
      if (info.menuItemId === MENU_COPY_REPAIRED) await sendMessage('copyRepairedText', undefined, target);
    };
    void run().catch(() => undefined);
  });

  (browser.commands as typeof browser.commands | undefined)?.onCommand.addListener((command, tab) => {
    if (command === ABOUT_FIX_COMMAND && tab?.id !== undefined) {
      void sendMessage('showPassageDetails', 'command', { tabId: tab.id, frameId: 0 }).catch(() => undefined);
      return;
    }
    const name = READING_AID_NAMES.find((n) => READING_AID_COMMANDS[n] === command) as ReadingAidName | undefined;
    if (!name || tab?.id === undefined) return;
    const tabId = tab.id;
    void (async () => {
      const status = await tabStatusOf(await tabs.read(tabId));
      await setTabReadingAid(tabId, { name, enabled: !status.readingAids[name].enabled } as ReadingAidRequest);
    })().catch(() => undefined);
  });
  // The options page can clear the list.
  garbledSitesItem.watch(() => void syncGarbledSites());
});
