import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  GARBLED_SITES_SCRIPT_ID,
  garbledSitesItem,
  MAX_GARBLED_SITES,
  rememberGarbledSite,
  syncGarbledSitesScript,
} from '../../../lib/background/garbled-sites';

describe('sites remembered for doubled text', () => {
  beforeEach(() => fakeBrowser.reset());

  test('hosts of web pages only, most recent first, at most MAX_GARBLED_SITES', async () => {
    expect(await rememberGarbledSite('https://epaper.example/a.html', 1)).toBe(true);
    expect(await rememberGarbledSite('https://epaper.example/b.html', 2)).toBe(false);
    expect(await rememberGarbledSite('about:blank', 3)).toBe(false);
    expect(await rememberGarbledSite(undefined, 3)).toBe(false);
    expect(await garbledSitesItem.getValue()).toEqual([{ host: 'epaper.example', seen: 1 }]);
    for (let i = 0; i < MAX_GARBLED_SITES + 5; i++) await rememberGarbledSite(`http://site${i}.example/`, 10 + i);
    const sites = await garbledSitesItem.getValue();
    expect(sites).toHaveLength(MAX_GARBLED_SITES);
    expect(sites[0]?.host).toBe(`site${MAX_GARBLED_SITES + 4}.example`);
  });

  test('a damaged stored list counts as empty', async () => {
    await fakeBrowser.storage.local.set({ garbledSites: [{ host: 3 }, 'x', null] });
    expect(await rememberGarbledSite('https://a.example/', 5)).toBe(true);
    expect(await garbledSitesItem.getValue()).toEqual([{ host: 'a.example', seen: 5 }]);
  });

  test('the pipeline is registered at document_start for the remembered hosts where fixing is on, and unregistered when none is left', async () => {
    const registered: unknown[] = [];
    const scripting = {
      getRegisteredContentScripts: vi.fn(async () => registered.slice()),
      registerContentScripts: vi.fn(async (scripts: unknown[]) => {
        registered.push(...scripts);
      }),
      updateContentScripts: vi.fn(async (scripts: unknown[]) => {
        registered.splice(0, registered.length, ...scripts);
      }),
      unregisterContentScripts: vi.fn(async () => {
        registered.length = 0;
      }),
    };
    Object.assign(fakeBrowser, { scripting });
    await rememberGarbledSite('https://epaper.example/', 1);
    await rememberGarbledSite('https://muted.example/', 2);
    await syncGarbledSitesScript((host) => host !== 'muted.example');
    expect(registered).toEqual([
      {
        id: GARBLED_SITES_SCRIPT_ID,
        matches: ['*://epaper.example/*'],
        js: ['page-pipeline.js'],
        runAt: 'document_start',
        allFrames: true,
      },
    ]);
    await syncGarbledSitesScript(() => false);
    expect(registered).toEqual([]);
  });
});
