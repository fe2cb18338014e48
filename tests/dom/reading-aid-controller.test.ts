import { describe, expect, test } from 'vitest';
import {
  type ConversionAidOptions,
  findReadingAid,
  type ReadingAid,
  type ReadingAidName,
  registerReadingAid,
} from '../../lib/features/stage-options';
import { createReadingAidController } from '../../lib/features/reading-aid-controller';

/** A conversion aid that records what it is asked to do. */
function recordingAid(log: string[]): ReadingAid<ConversionAidOptions> {
  return {
    start: (_doc, options, signal) => {
      log.push(`start ${options.variant}`);
      signal.addEventListener('abort', () => log.push('abort'));
    },
    update: (options) => {
      log.push(`update ${options.variant}`);
    },
    stop: () => {
      log.push('stop');
    },
  };
}

describe('the reading aid controller', () => {
  test('loads an aid once, on first use, then starts, updates and stops it', async () => {
    const log: string[] = [];
    const loads: ReadingAidName[] = [];
    const controller = createReadingAidController(document, async (name) => {
      loads.push(name);
      registerReadingAid('conversion', () => recordingAid(log));
    });
    let status = await controller.set({ name: 'conversion', enabled: true, options: { variant: 's2tw' } });
    expect(status.conversion).toMatchObject({ enabled: true, options: { variant: 's2tw' } });
    status = await controller.set({ name: 'conversion', enabled: true, options: { variant: 's2hk' } });
    status = await controller.set({ name: 'conversion', enabled: false });
    expect(status.conversion.enabled).toBe(false);
    await controller.set({ name: 'conversion', enabled: true });
    expect(loads).toEqual(['conversion']);
    expect(log).toEqual(['start s2tw', 'update s2hk', 'abort', 'stop', 'start s2hk']);
    controller.stopAll();
  });

  test('two quick toggles cancel out; configure switches a running aid', async () => {
    const log: string[] = [];
    registerReadingAid('conversion', () => recordingAid(log));
    const controller = createReadingAidController(document, async () => undefined);
    const first = controller.toggle('conversion');
    const second = controller.toggle('conversion');
    await first;
    expect((await second).conversion.enabled).toBe(false);
    await controller.toggle('conversion');
    controller.configure('conversion', { variant: 'tw2s' });
    controller.configure('conversion', { variant: 'tw2s' });
    await controller.set({ name: 'conversion', enabled: true });
    expect(log).toEqual(['start s2t', 'abort', 'stop', 'start s2t', 'update tw2s']);
    controller.stopAll();
  });

  test('an aid whose code does not load reports why, and the page is left alone', async () => {
    expect(findReadingAid('pinyin')).toBeUndefined();
    const controller = createReadingAidController(document, async () => {
      throw new Error('Cannot access contents of the page.');
    });
    const status = await controller.set({ name: 'pinyin', enabled: true });
    expect(status.pinyin).toMatchObject({ enabled: false, error: 'Cannot access contents of the page.' });
  });

  test('conversion switches with pinyin lifted off the page, and pinyin goes back on top', async () => {
    const log: string[] = [];
    const named = (name: string): ReadingAid<never> => ({
      start: () => {
        log.push(`${name} start`);
      },
      update: () => {
        log.push(`${name} update`);
      },
      stop: () => {
        log.push(`${name} stop`);
      },
    });
    registerReadingAid('pinyin', () => named('pinyin'));
    registerReadingAid('conversion', () => named('conversion'));
    const controller = createReadingAidController(document, async () => undefined);
    await controller.set({ name: 'pinyin', enabled: true });
    await controller.set({ name: 'conversion', enabled: true });
    await controller.set({ name: 'conversion', enabled: true, options: { variant: 's2hk' } });
    // Same options: nothing to do, pinyin stays where it is.
    await controller.set({ name: 'conversion', enabled: true, options: { variant: 's2hk' } });
    await controller.set({ name: 'conversion', enabled: false });
    controller.stopAll();
    expect(log).toEqual([
      'pinyin start',
      'pinyin stop',
      'conversion start',
      'pinyin start',
      'pinyin stop',
      'conversion update',
      'pinyin start',
      'pinyin stop',
      'conversion stop',
      'pinyin start',
      'pinyin stop',
    ]);
  });
});
