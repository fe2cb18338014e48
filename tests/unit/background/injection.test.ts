/** Loading the page pipeline for a sentinel's document: checked, loaded again only for that document. */
import { describe, expect, test, vi } from 'vitest';
import {
  createStageCodeLoads,
  loadPipelineFor,
  PIPELINE_CHECKS_MS,
  type PipelineLoader,
} from '../../../lib/background/injection';

function loader(options: { injectWorks: boolean[]; documentKey?: string }) {
  let injections = 0;
  let running = false;
  const fake: PipelineLoader = {
    inject: vi.fn(async () => {
      const works = options.injectWorks[injections++] ?? false;
      if (!works) throw new Error('Frame is busy');
      running = true;
    }),
    isRunning: vi.fn(async () => running),
    documentKey: vi.fn(async () => options.documentKey),
    wait: vi.fn(async () => undefined),
  };
  return fake;
}

describe('loadPipelineFor', () => {
  test('a load that works is checked once and not repeated', async () => {
    const fake = loader({ injectWorks: [true], documentKey: 'doc' });
    await loadPipelineFor(1, 0, 'doc', fake);
    expect(fake.inject).toHaveBeenCalledTimes(1);
    expect(fake.isRunning).toHaveBeenCalledTimes(1);
  });

  test('a load that failed is tried again while the frame holds the same document', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = loader({ injectWorks: [false, true], documentKey: 'doc' });
    await loadPipelineFor(1, 0, 'doc', fake);
    expect(fake.inject).toHaveBeenCalledTimes(2);
    expect(await fake.isRunning()).toBe(true);
  });

  test('gives up after its checks; never loads into another document', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stubborn = loader({ injectWorks: [], documentKey: 'doc' });
    await loadPipelineFor(1, 0, 'doc', stubborn);
    expect(stubborn.inject).toHaveBeenCalledTimes(1 + PIPELINE_CHECKS_MS.length);
    const navigated = loader({ injectWorks: [], documentKey: 'another' });
    await loadPipelineFor(1, 0, 'doc', navigated);
    expect(navigated.inject).toHaveBeenCalledTimes(1);
  });
});

describe('createStageCodeLoads', () => {
  test('the background ahead of a command and the pipeline asking share one injection per document', async () => {
    const inject = vi.fn(async () => undefined);
    const loads = createStageCodeLoads(inject);
    await Promise.all([loads.load(1, 0, 'doc', 'pinyin'), loads.load(1, 0, 'doc', 'pinyin')]);
    await loads.load(1, 0, 'doc', 'pinyin');
    expect(inject).toHaveBeenCalledTimes(1);
    // Another stage, another frame, another document: each its own.
    await loads.load(1, 0, 'doc', 'conversion');
    await loads.load(1, 3, 'doc', 'pinyin');
    await loads.load(1, 0, 'next-doc', 'pinyin');
    expect(inject).toHaveBeenCalledTimes(4);
  });

  test('a failed injection is not remembered: the next ask tries again', async () => {
    const inject = vi.fn().mockRejectedValueOnce(new Error('Frame is busy')).mockResolvedValue(undefined);
    const loads = createStageCodeLoads(inject);
    await expect(loads.load(1, 0, 'doc', 'pinyin')).rejects.toThrow('Frame is busy');
    await loads.load(1, 0, 'doc', 'pinyin');
    expect(inject).toHaveBeenCalledTimes(2);
  });

  test('remembers at most its limit of documents, forgetting the oldest', async () => {
    const inject = vi.fn(async () => undefined);
    const loads = createStageCodeLoads(inject, 2);
    for (const key of ['a', 'b', 'c']) await loads.load(1, 0, key, 'pinyin');
    await loads.load(1, 0, 'c', 'pinyin');
    expect(inject).toHaveBeenCalledTimes(3);
    await loads.load(1, 0, 'a', 'pinyin');
    expect(inject).toHaveBeenCalledTimes(4);
  });
});
