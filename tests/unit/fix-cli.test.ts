import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCleanCorpus } from '../corpus/clean-corpus';
import { NEGATIVE } from '../corpus/negative';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'fix.ts');

/** Runs `npm run fix` the way npm does (tsx), feeding `input` on standard input. */
function runFix(args: string[], input?: string | Buffer) {
  const result = runFixBytes(args, input);
  return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
}

/** The same, with standard output as bytes (a BOM or invalid UTF-8 must survive). */
function runFixBytes(args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    input: Buffer.from(input ?? ''),
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

const tmp = mkdtempSync(join(tmpdir(), 'qingdu-fix-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run fix', { timeout: 60_000 }, () => {
  it('repairs a file line by line, keeping clean lines and line endings', () => {
    const file = join(tmp, 'in.txt');
    writeFileSync(
      file,
      '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士\r\n工作作为\nTThhee  qquuiicckk',
    );
    const { code, stdout, stderr } = runFix([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('勇于担当作为，当好党和人民的忠诚卫士\r\n工作作为\nThe quick');
  });

  it('reads standard input and explains every edit', () => {
    const { code, stdout, stderr } = runFix(['--explain'], '本报讯\n新新新新项项项项目目目目\n');
    expect(code).toBe(0);
    expect(stdout).toBe(
      '2:0-12 doubled-cjk ×4 "新新新新项项项项目目目目" → "新项目" because chain, unexplained (runs 3, unexplained 3, chain 3)\n',
    );
    expect(stderr).toContain('2 lines, 1 fixed, 1 edits');
  });

  it('adds fixed and edits to each JSON Lines object', () => {
    const { code, stdout } = runFix(['--jsonl'], '{"id":7,"text":"加加密密密密钥钥"}\n{"id":8,"text":"常常"}\n');
    expect(code).toBe(0);
    const [a, b] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(a).toEqual({
      id: 7,
      text: '加加密密密密钥钥',
      fixed: '加密密钥',
      edits: [
        {
          rule: 'doubled-cjk',
          factor: 2,
          start: 0,
          end: 8,
          original: '加加密密密密钥钥',
          replacement: '加密密钥',
          because: { runs: 3, unexplained: 3, chain: 3, facts: ['whole-block', 'unexplained'] },
        },
      ],
    });
    expect(b).toEqual({ id: 8, text: '常常', fixed: '常常', edits: [] });
  });

  it('names bad lines, processes the others and exits non-zero', () => {
    const input = Buffer.concat([
      Buffer.from('{"text":"新新新新项项项项目目目目"}\n'),
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // invalid UTF-8
      Buffer.from('{bad json\n{"id":3}\n{"text":"TThhee  qquuiicckk"}\n'),
    ]);
    const { code, stdout, stderr } = runFix(['--jsonl'], input);
    expect(code).toBe(1);
    expect(stderr).toContain('line 2: invalid UTF-8');
    expect(stderr).toContain('line 3: malformed JSON');
    expect(stderr).toContain('line 4: no "text" string');
    const lines = stdout.split('\n');
    expect(JSON.parse(lines[0] as string).fixed).toBe('新项目');
    expect(lines[2]).toBe('{bad json');
    expect(lines[3]).toBe('{"id":3}');
    expect(JSON.parse(lines[4] as string).fixed).toBe('The quick');
  });

  it('passes options through and rejects bad ones', () => {
    expect(runFix(['--disable', 'doubled-latin'], 'TThhee  qquuiicckk').stdout).toBe('TThhee  qquuiicckk');
    expect(runFix(['--sensitivity', 'aggressive'], '新新项项目目 作为今年').stdout).toBe('新项目 作为今年');
    const bad = runFix(['--sensitivity', 'reckless']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown sensitivity reckless');
    const missing = runFix([join(tmp, 'missing.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('--jsonl leaves every byte of the record alone and only adds its fields', () => {
    // Big integers, `1.0`, escapes and spacing come back exactly as they were written.
    const record =
      '{"id": 12345678901234567890, "score":1.0,"name":"caf\\u00e9\\/x","text":"新新新新项项项项目目目目" }';
    const { code, stdout, stderr } = runFix(['--jsonl'], `${record}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const edits = [
      {
        rule: 'doubled-cjk',
        factor: 4,
        start: 0,
        end: 12,
        original: '新新新新项项项项目目目目',
        replacement: '新项目',
        because: { runs: 3, unexplained: 3, chain: 3, facts: ['chain', 'unexplained'] },
      },
    ];
    expect(stdout).toBe(
      `{"id": 12345678901234567890, "score":1.0,"name":"caf\\u00e9\\/x","text":"新新新新项项项项目目目目","fixed":"新项目","edits":${JSON.stringify(edits)} }\n`,
    );
  });

  it('--jsonl run twice gives the same output as once (its own fields are replaced, never doubled)', () => {
    const input =
      '{"text":"新新新新项项项项目目目目","n":1.50}\n{"fixed":"x","text":"常常","edits":[1],"k":[1,{"a":"}"}]}\r\n';
    const once = runFix(['--jsonl'], input);
    expect(once.code).toBe(0);
    const twice = runFix(['--jsonl'], once.stdout);
    expect(twice.stdout).toBe(once.stdout);
    expect(once.stdout).toBe(
      '{"text":"新新新新项项项项目目目目","n":1.50,"fixed":"新项目","edits":[{"rule":"doubled-cjk","factor":4,"start":0,"end":12,"original":"新新新新项项项项目目目目","replacement":"新项目","because":{"runs":3,"unexplained":3,"chain":3,"facts":["chain","unexplained"]}}]}\n' +
        '{"text":"常常","k":[1,{"a":"}"}],"fixed":"常常","edits":[]}\r\n',
    );
  });

  it('keeps a leading byte order mark, in text and in JSON Lines', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const text = runFixBytes([], Buffer.concat([bom, Buffer.from('新新新新项项项项目目目目\n常常\n')]));
    expect(text.code).toBe(0);
    expect(text.stdout).toEqual(Buffer.concat([bom, Buffer.from('新项目\n常常\n')]));
    const jsonl = runFixBytes(['--jsonl'], Buffer.concat([bom, Buffer.from('{"text":"常常"}\n')]));
    expect(jsonl.stderr).toBe('');
    expect(jsonl.stdout).toEqual(Buffer.concat([bom, Buffer.from('{"text":"常常","fixed":"常常","edits":[]}\n')]));
    const explain = runFix(['--explain'], Buffer.concat([bom, Buffer.from('新新新新项项项项目目目目\n')]));
    expect(explain.stdout).toBe(
      '1:0-12 doubled-cjk ×4 "新新新新项项项项目目目目" → "新项目" because chain, unexplained (runs 3, unexplained 3, chain 3)\n',
    );
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const file = join(tmp, 'many-lines.txt');
    writeFileSync(file, '新新新新项项项项目目目目 and some more text to fill the pipe\n'.repeat(200_000));
    const result = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" --import tsx "${SCRIPT}" "${file}" 2>"${tmp}/epipe.err" | head -n 1; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stdout).toBe('新项目 and some more text to fill the pipe\n0\n');
    expect(readFileSync(join(tmp, 'epipe.err'), 'utf8')).toBe('');
  });

  it('passes a line longer than the limit through unchanged, says so, and goes on', () => {
    const long = `${'新新项项目目'.repeat(1000)}`;
    const input = `新新新新项项项项目目目目\n${long}\r\n常常\n${long}`;
    const { code, stdout, stderr } = runFix(['--max-line-bytes', '1000'], input);
    expect(code).toBe(1);
    expect(stdout).toBe(`新项目\n${long}\r\n常常\n${long}`);
    expect(stderr).toContain('line 2: longer than 1000 bytes');
    expect(stderr).toContain('line 4: longer than 1000 bytes');
    expect(runFix(['--max-line-bytes', '0']).code).toBe(2);
  });

  it('writes clean text back byte for byte: the clean corpus and the negative cases', () => {
    // Less the few biographies the data set itself printed twice in a row (a true repeated phrase,
    // see tests/unit/text/clean-corpus.test.ts).
    const printedTwice = /^\s*(\S.*?)\s*\1\s*$/su;
    const lines = [
      ...NEGATIVE.map((c) => c.text),
      ...readCleanCorpus(32).flatMap((block) => block.text.split('\n')),
    ].filter((line) => !line.includes('\r') && !printedTwice.test(line));
    // Mixed line endings, blank lines and no newline at the end, as real files have them.
    const input = Buffer.from(
      `${lines.map((line, i) => `${line}${i % 7 === 0 ? '\r\n' : i % 11 === 0 ? '\n\n' : '\n'}`).join('')}end`,
    );
    expect(input.length).toBeGreaterThan(1_000_000);
    const plain = runFixBytes([], input);
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    expect(plain.stdout.equals(input)).toBe(true);
    // In JSON Lines, the same text in records: each comes back with only "fixed" and "edits" added.
    const records = lines.slice(0, 20_000).map((line, i) => `{"n":${i}.0,"text":${JSON.stringify(line)}}`);
    const jsonl = runFix(['--jsonl'], `${records.join('\n')}\n`);
    expect(jsonl.code).toBe(0);
    const out = jsonl.stdout.split('\n');
    records.forEach((record, i) => {
      const line = lines[i] as string;
      expect(out[i]).toBe(`${record.slice(0, -1)},"fixed":${JSON.stringify(line)},"edits":[]}`);
    });
  });
});
