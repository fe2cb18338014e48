/**
 * Finding Debian's Firefox ESR and starting it headless with the built add-on installed, through
 * Puppeteer over WebDriver BiDi. Shared by the Firefox end-to-end tier and `npm start -- --browser
 * firefox`.
 *
 * Web pages are driven through Puppeteer. The extension's own pages (popup, options, background)
 * are out of WebDriver BiDi's reach in Firefox, so they are driven through the DevTools server
 * (see firefox-devtools.ts): each is opened in a tab by the background page and scripted in place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { AddonDocuments, DevToolsClient, DevToolsError, type DevToolsTarget } from './firefox-devtools';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');

/**
 * The add-on's internal UUID, fixed through `extensions.webextensions.uuids` so its pages have a
 * known address: moz-extension://<uuid>/popup.html. (Firefox picks a random one per profile.)
 */
export const FIREFOX_EXTENSION_UUID = '3f6a1c52-8d0e-4b7a-9c21-5e4d7b0a9f13';
export const FIREFOX_EXTENSION_BASE_URL = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

/** A host that is not a secure context (unlike 127.0.0.1), mapped to this machine by a preference. */
export const INSECURE_TEST_HOST = 'qingdu.test';

export const FIREFOX_INSTALL_HINT =
  "Qingdu needs Firefox to run its Firefox tests and demo. Install Debian's Firefox ESR with\n" +
  '  sudo apt-get update && sudo apt-get install -y firefox-esr fonts-noto-cjk\n' +
  'or point FIREFOX_PATH at a Firefox executable (140 or later).';

export class FirefoxNotFoundError extends Error {
  constructor() {
    super(FIREFOX_INSTALL_HINT);
    this.name = 'FirefoxNotFoundError';
  }
}

/** FIREFOX_PATH if set, else `firefox-esr` (or `firefox`) on the PATH. */
export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist.\n${FIREFOX_INSTALL_HINT}`);
    return fromEnv;
  }
  for (const name of ['firefox-esr', 'firefox']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on the PATH; try the next name
    }
  }
  throw new FirefoxNotFoundError();
}

/** The add-on id the build declares (browser_specific_settings.gecko.id). */
export function readAddonId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json declares no gecko id`);
  return id;
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

export interface FirefoxLaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  /** Where downloads land (the options page's export). A fresh temporary folder by default. */
  downloadDir?: string;
  /**
   * A profile folder to keep between launches. The add-on is then installed in it as a reader's
   * add-on is (not temporarily, so it survives a restart), from an extension proxy file; that
   * needs unsigned add-ons allowed, which Firefox ESR permits and release builds do not.
   * Without it: a fresh profile, and a temporary install as about:debugging does.
   */
  profileDir?: string;
}

/** One of the extension's pages open in a tab, scripted through the DevTools server. */
export interface ExtensionPage {
  /** The browser's id of the tab showing the page. */
  tabId: number;
  url: string;
  evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** Wait until an element matches `selector`. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** Click an element as a reader would: it must exist, be enabled and take up space. */
  click(selector: string): Promise<void>;
  /** Choose an option of a `<select>` (input and change events, as a reader's choice fires). */
  select(selector: string, value: string): Promise<void>;
  /** Type a value into a field (replacing what is there). */
  fill(selector: string, value: string): Promise<void>;
  /** Give a file input one file, as the file picker would. */
  setInputFile(selector: string, file: { name: string; type: string; content: string }): Promise<void>;
  text(selector: string): Promise<string | null>;
  isChecked(selector: string): Promise<boolean>;
  count(selector: string): Promise<number>;
  /** A PNG of the element (brought to the front first). */
  screenshot(selector: string): Promise<Buffer>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxWithExtension {
  browser: Browser;
  firefoxVersion: string;
  extensionBaseUrl: string;
  downloadDir: string;
  documents: AddonDocuments;
  /** Run code in the add-on's background page. */
  evaluateInBackground<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** The browser's tab id of a web page (brought to the front to be found, as the popup finds its tab). */
  tabIdOf(page: Page): Promise<number>;
  /** Open an extension page such as `options.html` in a new tab. */
  openExtensionPage(path: string): Promise<ExtensionPage>;
  /**
   * Open the real popup acting on the tab of `page` (`popup.html?tab=<id>`, as a toolbar click
   * would). A popup opened before Qingdu runs in the page says the page is unavailable; a reader
   * would open it again, and so does this, until the page's controls show.
   */
  openPopupFor(page: Page, timeoutMs?: number): Promise<ExtensionPage>;
  close(): Promise<void>;
}

/** `[data-testid="…"]`. */
export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Start Firefox headless with the built add-on installed (temporarily, as about:debugging does). */
export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built add-on at ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  const addonId = readAddonId(extensionDir);
  const executablePath = findFirefox();
  const devToolsPort = await findFreePort();
  const ownDownloadDir = options.downloadDir === undefined;
  const downloadDir = options.downloadDir ?? mkdtempSync(join(tmpdir(), 'qingdu-firefox-downloads-'));
  const { profileDir } = options;
  if (profileDir) {
    // An extension proxy file: a file named after the add-on id, holding the path of its folder.
    mkdirSync(join(profileDir, 'extensions'), { recursive: true });
    writeFileSync(join(profileDir, 'extensions', addonId), resolve(extensionDir));
  }
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--start-debugger-server', String(devToolsPort)],
    ...(profileDir ? { userDataDir: profileDir } : {}),
    extraPrefsFirefox: {
      ...(profileDir
        ? {
            // Load the add-on found in the profile, unsigned, without asking.
            'xpinstall.signatures.required': false,
            'extensions.autoDisableScopes': 0,
            'extensions.enabledScopes': 15,
          }
        : {}),
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_EXTENSION_UUID }),
      // The DevTools server, without its "allow this connection?" prompt.
      'devtools.debugger.remote-enabled': true,
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
      // Downloads go straight to a known folder, no dialog.
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      // An http host that is not a secure context, as most e-paper sites are, served from 127.0.0.1.
      'network.dns.localDomains': INSECURE_TEST_HOST,
    },
  });
  let client: DevToolsClient | undefined;
  try {
    const firefoxVersion = await firefox.version();
    if (!profileDir) {
      const installedId = await firefox.installExtension(extensionDir);
      if (installedId !== addonId) throw new Error(`installed ${installedId}, expected ${addonId}`);
    }
    client = await DevToolsClient.connect(devToolsPort);
    const documents = await AddonDocuments.watch(client, addonId);
    const background = () =>
      documents.find(({ url }) => url.startsWith(FIREFOX_EXTENSION_BASE_URL) && isBackground(url));
    const evaluateInBackground = async <A extends unknown[], R>(
      fn: (...args: A) => R | Promise<R>,
      ...args: A
    ): Promise<R> => documents.evaluate(await background(), fn, ...args);
    const devTools = client;
    const tabIdOf = async (page: Page): Promise<number> => {
      await page.bringToFront();
      const tabId = await evaluateInBackground(async () => {
        const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id;
      });
      if (tabId === undefined) throw new Error(`no tab found for ${page.url()}`);
      return tabId;
    };
    return {
      browser: firefox,
      firefoxVersion,
      extensionBaseUrl: FIREFOX_EXTENSION_BASE_URL,
      downloadDir,
      documents,
      evaluateInBackground,
      tabIdOf,
      openExtensionPage: (path) => openExtensionPage(documents, evaluateInBackground, path),
      async openPopupFor(page, timeoutMs = 20_000) {
        const tabId = await tabIdOf(page);
        const deadline = Date.now() + timeoutMs;
        const controls = byTestId('pinyin-switch');
        for (;;) {
          const popup = await openExtensionPage(documents, evaluateInBackground, `popup.html?tab=${tabId}`);
          const shown = await waitForAny(popup, [controls, byTestId('page-unavailable')], timeoutMs);
          if (shown === controls) return popup;
          await popup.close();
          if (Date.now() > deadline) throw new Error(`the popup kept saying the page is unavailable (${page.url()})`);
          await new Promise((done) => setTimeout(done, 250));
        }
      },
      async close() {
        devTools.close();
        await firefox.close();
        if (ownDownloadDir) rmSync(downloadDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    client?.close();
    await firefox.close();
    if (ownDownloadDir) rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  }
}

/** Wait until one of `selectors` matches in an extension page; returns the one that did. */
async function waitForAny(page: ExtensionPage, selectors: string[], timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await page.evaluate(
      (list: string[]) => list.find((selector) => document.querySelector(selector) !== null) ?? null,
      selectors,
    );
    if (found !== null) return found;
    if (Date.now() > deadline) throw new DevToolsError(`none of ${selectors.join(', ')} appeared in ${page.url}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** MV2's generated background page, or an MV3 event page's. */
function isBackground(url: string): boolean {
  return url.endsWith('/_generated_background_page.html') || url.endsWith('/background.html');
}

declare const browser: typeof import('wxt/browser').browser;

async function openExtensionPage(
  documents: AddonDocuments,
  evaluateInBackground: FirefoxWithExtension['evaluateInBackground'],
  path: string,
): Promise<ExtensionPage> {
  const url = FIREFOX_EXTENSION_BASE_URL + path.replace(/^\//, '');
  const tabId = await evaluateInBackground(async (address: string) => {
    const tab = await browser.tabs.create({ url: address });
    return tab.id as number;
  }, url);
  let target = await documents.find((candidate) => candidate.url === url);
  const evaluate = <A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A) =>
    documents.evaluate(target, fn, ...args);
  const waitForLoad = async () => {
    const deadline = Date.now() + 15_000;
    while ((await evaluate(() => document.readyState)) !== 'complete') {
      if (Date.now() > deadline) throw new DevToolsError(`${url} did not finish loading`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  await waitForLoad();
  /** Set a field's value as typing or choosing would (a select's value must be one of its options). */
  const setValue = async (selector: string, value: string, isSelect: boolean) => {
    await page.waitFor(selector);
    await evaluate(
      (s: string, v: string, select: boolean) => {
        const element = document.querySelector(s) as HTMLInputElement | HTMLSelectElement;
        if (select && ![...(element as HTMLSelectElement).options].some((option) => option.value === v)) {
          throw new Error(`${s} has no option ${v}`);
        }
        element.focus();
        element.value = v;
        element.dispatchEvent(new Event('input', { bubbles: true }));
        element.dispatchEvent(new Event('change', { bubbles: true }));
      },
      selector,
      value,
      isSelect,
    );
  };

  const page: ExtensionPage = {
    tabId,
    url,
    evaluate,
    async waitFor(selector, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await evaluate((s: string) => document.querySelector(s) !== null, selector))) {
        if (Date.now() > deadline) throw new DevToolsError(`${selector} never appeared in ${url}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    async click(selector) {
      await page.waitFor(selector);
      await evaluate((s: string) => {
        const element = document.querySelector(s) as HTMLElement;
        if ((element as HTMLButtonElement).disabled) throw new Error(`${s} is disabled`);
        element.scrollIntoView({ block: 'center' });
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) throw new Error(`${s} is not visible`);
        element.focus();
        element.click();
      }, selector);
    },
    select: (selector, value) => setValue(selector, value, true),
    fill: (selector, value) => setValue(selector, value, false),
    async setInputFile(selector, file) {
      await page.waitFor(selector);
      await evaluate(
        (s: string, name: string, type: string, content: string) => {
          const input = document.querySelector(s) as HTMLInputElement;
          const transfer = new DataTransfer();
          transfer.items.add(new File([content], name, { type }));
          input.files = transfer.files;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        selector,
        file.name,
        file.type,
        file.content,
      );
    },
    text: (selector) => evaluate((s: string) => document.querySelector(s)?.textContent ?? null, selector),
    isChecked: (selector) =>
      evaluate((s: string) => (document.querySelector(s) as HTMLInputElement | null)?.checked === true, selector),
    count: (selector) => evaluate((s: string) => document.querySelectorAll(s).length, selector),
    async screenshot(selector) {
      await evaluateInBackground(
        (id: number) => browser.tabs.update(id, { active: true }).then(() => undefined),
        tabId,
      );
      const rect = await evaluate((s: string) => {
        const box = (document.querySelector(s) as Element).getBoundingClientRect();
        return {
          left: box.left + window.scrollX,
          top: box.top + window.scrollY,
          width: Math.ceil(box.width),
          height: Math.ceil(box.height),
        };
      }, selector);
      return documents.screenshot(target, rect);
    },
    async reload() {
      const before = target;
      await evaluate(() => location.reload());
      target = await documents.find((candidate) => candidate.url === url && candidate.actor !== before.actor);
      await waitForLoad();
    },
    async close() {
      await evaluateInBackground((id: number) => browser.tabs.remove(id), tabId);
    },
  };
  return page;
}

export type { DevToolsTarget };
