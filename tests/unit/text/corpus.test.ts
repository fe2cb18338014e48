import { describe, expect, it } from 'vitest';
import { fixText } from '../../../lib/text/doubled/fix-doubled-text';
import { inTheWildCases, readSampleLines, SAMPLE_GARBLED_LINES } from '../../corpus/in-the-wild';
import { KNOWN_FAILURES } from '../../corpus/known-failures';
import { NEGATIVE } from '../../corpus/negative';
import { SYNTHETIC } from '../../corpus/synthetic';

describe('in-the-wild corpus', () => {
  const cases = inTheWildCases();

  it('holds every line of the sample page, garbled and clean', () => {
    expect(cases.filter((c) => c.source.endsWith('(garbled)'))).toHaveLength(SAMPLE_GARBLED_LINES);
    const lines = readSampleLines().filter((line) => line.trim() !== '');
    expect(cases.filter((c) => c.source.endsWith('(clean)'))).toHaveLength(lines.length - SAMPLE_GARBLED_LINES);
  });

  it.each(cases.map((c) => [c.source, c] as const))('%s', (_source, c) => {
    expect(fixText(c.input).text).toBe(c.expected);
  });
});

describe('synthetic corpus', () => {
  it.each(SYNTHETIC.map((c) => [c.source, c] as const))('%s', (_source, c) => {
    expect(fixText(c.input, c.options).text).toBe(c.expected);
  });
});

describe('negative corpus', () => {
  it.each(NEGATIVE.map((c) => [c.text, c] as const))('leaves %s unchanged', (_text, c) => {
    expect(fixText(c.text)).toEqual({ text: c.text, edits: [] });
    if (c.balancedMayChange === undefined) expect(fixText(c.text, { sensitivity: 'balanced' }).text).toBe(c.text);
  });
});

describe('known failures', () => {
  it.each(KNOWN_FAILURES.map((c) => [c.input, c] as const))('%s still fails', (_input, c) => {
    const actual = fixText(c.input, c.options).text;
    expect(actual, `known failure now passes: move ${JSON.stringify(c.input)} to tests/corpus/synthetic.ts`).not.toBe(
      c.expected,
    );
  });
});
