import { describe, expect, it } from 'vitest';
import { jsonLines, nianbao, SEEDS } from './run.js';

const BAD = `${SEEDS}/000_2790cd25742a97b3.txt`;
const CLEAN = `${SEEDS}/004_e9b0b4183da4b0c6.txt`;

describe('nianbao check', () => {
  const run = nianbao(['check', BAD]);

  it('reports requests-outcome-total like a compiler diagnostic and exits 1', () => {
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    const i = lines.findIndex((l) => /:\d+:\d+  错误  .*\[requests-outcome-total\]$/.test(l));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(lines[i].startsWith(`${BAD}:`)).toBe(true);
    // the source excerpt under it: the （七）总计 row label, the cell line, and the ^ underline
    const excerpt = lines.slice(i + 1, i + 6).join('\n');
    expect(excerpt).toMatch(/（七）总计/);
    expect(excerpt).toMatch(/│ +\^+/);
    // compared cells with values
    expect(run.stdout).toContain('表三“（七）总计”行“自然人”列');
    expect(run.stdout).toContain('比较的单元格');
  });

  it('highlights the 结转下年度 row that holds the totals (row shift)', () => {
    const lines = run.stdout.split('\n');
    const i = lines.findIndex((l) => l.endsWith('[row-shift]'));
    expect(i).toBeGreaterThanOrEqual(0);
    const excerpt = lines.slice(i + 1, i + 5).join('\n');
    expect(excerpt).toMatch(/四、结转下年度继续办理/);
    expect(excerpt).toMatch(/│ +22\n.*│ +\^\^/);
  });

  it('groups findings by table, prints a header and a summary, no colours under NO_COLOR', () => {
    expect(run.stdout).toMatch(/北宫镇 · 2023 年度 · 2021 年版模板/);
    expect(run.stdout).toContain('【表三 收到和处理政府信息公开申请情况】');
    expect(run.stdout).toContain('【章节】');
    expect(run.stdout.indexOf('【表三')).toBeLessThan(run.stdout.indexOf('【章节】'));
    expect(run.stdout).toContain('检查汇总');
    expect(run.stdout).toMatch(/合计\s+5\s+4\s+1/);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stderr).toBe('');
  });

  it('exits 0 on the clean seed', () => {
    const r = nianbao(['check', CLEAN]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('未发现问题');
    expect(r.stdout).not.toMatch(/:\d+:\d+  错误  /);
  });

  it('--quiet hides warnings and info but keeps the row-shift hint that explains the errors; its summary lists warning-only files', () => {
    const r = nianbao(['check', '--quiet', BAD, `${SEEDS}/001_5f25c15575702d27.txt`, CLEAN]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[requests-outcome-total]');
    expect(r.stdout).not.toContain('[section-numbering]');
    expect(r.stdout).not.toContain('[text-table-mismatch]');
    expect(r.stdout).toContain('[row-shift]');
    const summary = r.stdout.slice(r.stdout.indexOf('检查汇总'));
    expect(summary).toMatch(/001_5f25c15575702d27\.txt\s+0\s+[1-9]\d*\s+\d+\s+有警告/);
    expect(summary).not.toContain('004_e9b0b4183da4b0c6');
    expect(summary).toContain('未列出没有问题的 1 个文件');
  });

  it('--format json emits one parse object per line', () => {
    const r = nianbao(['check', '--format', 'json', BAD, CLEAN]);
    expect(r.status).toBe(1);
    const objs = jsonLines(r.stdout);
    expect(objs).toHaveLength(2);
    expect(objs[0].source).toBe(BAD);
    const findings = objs[0].findings as { rule: string; severity: string }[];
    expect(findings.some((f) => f.rule === 'requests-outcome-total' && f.severity === 'error')).toBe(true);
    expect((objs[1].cells as Record<string, unknown>)['t3.total.total']).toBe(0);
    // same objects as `parse`
    const p = jsonLines(nianbao(['parse', '--format', 'jsonl', BAD, CLEAN]).stdout);
    expect(objs).toEqual(p);
  });

  it('a folder is walked; an unreadable file makes the status 2 and shows in the summary', () => {
    const r = nianbao(['check', SEEDS, '/no/such/报告.txt']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/共检查 6 个文件/);
    expect(r.stdout).toMatch(/\/no\/such\/报告\.txt.*无法读取：.*文件不存在/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('rejects an unknown format in Chinese with status 2', () => {
    const r = nianbao(['check', '--format', 'xml', CLEAN]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不支持的输出格式');
  });
});

describe('nianbao explain', () => {
  it('explains a rule in Chinese', () => {
    const r = nianbao(['explain', 'requests-balance']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('requests-balance');
    expect(r.stdout).toContain('检查什么');
    expect(r.stdout).toContain('如何修改');
    expect(r.stdout).toContain('错误');
    expect(r.stdout).toMatch(/[\u4e00-\u9fff]{10}/);
  });

  it('shows an example finding from the bundled samples when one has it', () => {
    const r = nianbao(['explain', 'requests-outcome-total']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/示例（取自 samples\/.*\.txt）/);
    expect(r.stdout).toMatch(/\.txt:\d+:\d+  错误  .*\[requests-outcome-total\]/);
    expect(r.stdout).toMatch(/│ +\^/);
  });

  it('lists every rule without an argument', () => {
    const r = nianbao(['explain']);
    expect(r.status).toBe(0);
    for (const id of ['requests-balance', 'requests-outcome-total', 'section-numbering', 'unreadable']) expect(r.stdout).toContain(id);
  });

  it('an unknown rule exits 2 with close matches', () => {
    const r = nianbao(['explain', 'no-such-rule']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('没有名为“no-such-rule”的检查规则');
    const typo = nianbao(['explain', 'requests-balanse']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('您要找的是不是');
    expect(typo.stderr).toContain('requests-balance');
  });
});

describe('help and usage errors in Chinese', () => {
  it.each([[['--help']], [['check', '--help']], [['parse', '--help']], [['explain', '--help']]])('%j', (args) => {
    const r = nianbao(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('选项：');
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help/);
  });

  it('top-level help lists the commands', () => {
    const r = nianbao(['--help']);
    expect(r.stdout).toContain('命令：');
    for (const c of ['parse', 'check', 'explain']) expect(r.stdout).toContain(c);
  });

  it('unknown command and option are reported in Chinese with status 2', () => {
    const a = nianbao(['chek', 'x']);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('未知命令“chek”');
    expect(a.stderr).toContain('check');
    const b = nianbao(['check', '--bogus', 'x']);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('未知选项“--bogus”');
    const c = nianbao(['check']);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('缺少参数');
    for (const r of [a, b, c]) expect(r.stderr).not.toMatch(/error:|    at /);
  });
});
