import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'fix.ts');

/** Runs `npm run fix` the way npm does (tsx), feeding `input` on standard input. */
function runFix(args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    input: Buffer.from(input ?? ''),
    encoding: 'buffer',
  });
  return { code: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
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
});
