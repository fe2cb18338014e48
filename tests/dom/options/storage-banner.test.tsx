import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StorageBanner } from '../../../components/options/storage-banner';
import type { SettingsProblem } from '../../../lib/settings/storage';

// The real English messages, so a key the banner uses but the locale lacks shows up as empty text.
const messages = generateChromeMessages(
  await parseMessagesFile(resolve(import.meta.dirname, '../../../locales/en.yml')),
);

beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    (key: string, substitutions?: string | (string | number)[]) => {
      const subs = ([] as (string | number)[]).concat(substitutions ?? []).map(String);
      return (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    },
  );
});

afterEach(() => {
  document.body.replaceChildren();
});

function renderBanner(problems: SettingsProblem[]): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(<StorageBanner problems={problems} />, root);
  return root;
}

describe('the storage banner', () => {
  test('says nothing when there is nothing to say', () => {
    expect(renderBanner([]).childElementCount).toBe(0);
  });

  test('shows one alert line per problem, for every kind of problem', () => {
    const problems: SettingsProblem[] = [
      { kind: 'sync-quota' },
      { kind: 'sync-rate' },
      { kind: 'sync-unavailable', detail: 'x' },
      { kind: 'unavailable', detail: 'storage is broken' },
      { kind: 'repaired', repairs: [{ path: 'detection.sensitivity', reason: 'invalid' }] },
    ];
    const root = renderBanner(problems);
    const banner = root.querySelector('[role="alert"]');
    expect(banner).not.toBeNull();
    const lines = [...(banner as Element).querySelectorAll('p')];
    expect(lines.map((line) => line.getAttribute('data-problem'))).toEqual(problems.map((problem) => problem.kind));
    for (const line of lines) expect(line.textContent?.trim()).not.toBe('');
    expect(lines[3]?.textContent).toContain('storage is broken');
    expect(lines[4]?.textContent).toContain('detection.sensitivity');
  });
});
