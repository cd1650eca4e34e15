/**
 * What a new user meets on the command line: datasets only ingest creates, unsupported URLs,
 * output paths that cannot be written, a full disk, the same agency-year from two files,
 * two template versions compared, two ingests into one SQLite file at once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nianbao, ROOT } from './run.js';
import { CLI } from '../helpers/paths.js';

const SAMPLES = path.join(ROOT, 'samples');
const BAD = path.join(SAMPLES, '000_2790cd25742a97b3.txt'); // 北宫镇 2023, has errors
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-hard-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('datasets: only ingest creates one', () => {
  it('a mistyped --db is an error for summary, compare and export, and creates nothing', () => {
    const typo = path.join(tmp, 'nianbao.sqllite');
    for (const args of [['summary'], ['compare', '北宫镇'], ['export', '--format', 'csv']]) {
      const r = nianbao([...args, '--db', typo]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/数据库文件不存在.*nianbao ingest/s);
      expect(fs.existsSync(typo)).toBe(false);
    }
  });

  it('an unknown URL scheme is refused as such', () => {
    for (const args of [['summary'], ['ingest', BAD]]) {
      const r = nianbao([...args, '--db', 'mysql://root@localhost/nianbao']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/不支持“mysql:\/\/”数据库地址/);
      expect(fs.existsSync(path.join(ROOT, 'mysql:'))).toBe(false);
    }
  });
});

describe('output paths', () => {
  it('render, template and fix --write say what is wrong with the path, never “internal error”', () => {
    const missing = path.join(tmp, 'no-such-dir', 'out.html');
    const cases: [string[], RegExp][] = [
      [['render', BAD, '--format', 'html', '--force', '--out', missing], /文件夹“.*no-such-dir”不存在/],
      [['render', BAD, '--format', 'md', '--force', '--out', tmp], /这是一个文件夹，不是文件名/],
      [['template', '--year', '2024', '--out', tmp], /这是一个文件夹，不是文件名/],
      [['template', '--year', '2024', '--format', 'json', '--out', missing], /不存在/],
      [['fix', BAD, '--write', missing], /不存在/],
    ];
    for (const [args, msg] of cases) {
      const r = nianbao(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/内部出错|维护者/);
    }
  });

  it('render of a report with errors suggests nianbao fix as well as --force', () => {
    const r = nianbao(['render', BAD, '--format', 'html', '--out', path.join(tmp, 'x.html')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nianbao fix/);
    expect(r.stderr).toMatch(/--force/);
  });
});

describe('one dataset, several files and processes', () => {
  const db = path.join(tmp, 'shared.sqlite');

  it('two ingests into one SQLite file at once both finish (busy timeout, no “database locked”)', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    for (const f of fs.readdirSync(SAMPLES).filter((n) => /^00\d_.*\.txt$/.test(n))) {
      const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
      fs.writeFileSync(path.join(a, f), text);
      fs.writeFileSync(path.join(b, f), text.replaceAll('2023', '2022') + '\n（另一份）\n'); // other content: other reports
    }
    const [r1, r2] = await Promise.all([runAsync(['ingest', a, '--db', db, '-q', '-j', '1']), runAsync(['ingest', b, '--db', db, '-q', '-j', '1'])]);
    expect(r1.status, r1.stderr).not.toBe(2);
    expect(r2.status, r2.stderr).not.toBe(2);
    expect(r1.stderr + r2.stderr).not.toMatch(/锁定|locked/i);
    const rows = nianbao(['export', '--format', 'jsonl', '--db', db]).stdout.trim().split('\n');
    expect(rows.length).toBe(10);
  }, 300_000);

  it('the same agency and year from two files is counted once; ingest and summary say which file counts; compare names it', () => {
    const html = path.join(SAMPLES, 'pingtan-2023.html');
    const txt = path.join(tmp, 'pingtan-2023-copy.txt');
    const rendered = nianbao(['render', html, '--format', 'txt', '--force', '--out', txt]);
    expect(rendered.status, rendered.stderr).toBe(0);
    const pdb = path.join(tmp, 'pingtan.sqlite');
    const i = nianbao(['ingest', html, txt, path.join(SAMPLES, 'pingtan-2022-flattened.txt'), '--db', pdb, '-q']);
    expect(i.stdout).toMatch(/平潭综合实验区 2023 年有 2 个文件/);
    const s = nianbao(['summary', '--db', pdb]);
    expect(s.stdout).toMatch(/报告 2 份/);
    expect(s.stdout).toMatch(/统计采用“.*pingtan-2023/);
    const json = JSON.parse(nianbao(['summary', '--db', pdb, '--json']).stdout) as { reports: number; years: { year: number; reports: number }[] };
    expect(json.years.find((y) => y.year === 2023)!.reports).toBe(1);
    const c = nianbao(['compare', '平潭综合实验区', '--years', '2022,2023', '--db', pdb]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/2023 年采用：.*pingtan-2023.*另有/);
  });

  it('compare across the 2019 and 2021 templates maps equivalent cells and lists those it cannot compare', () => {
    const o = JSON.parse(nianbao(['parse', BAD]).stdout) as { meta: Record<string, unknown>; sections: unknown[]; cells: Record<string, number | null> };
    const c = o.cells;
    const cells2019: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(c)) if (k.startsWith('t3.') || k.startsWith('t4.')) cells2019[k] = v;
    for (const col of ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total']) {
      delete cells2019[`t3.other.noCorrection.${col}`];
      delete cells2019[`t3.other.feeUnpaid.${col}`];
      delete cells2019[`t3.other.other.${col}`];
      cells2019[`t3.other.total.${col}`] = 1;
    }
    for (const [row, made] of [['regulations', 3], ['normativeDocs', 4]] as const) {
      cells2019[`t2.${row}.newlyMade`] = made;
      cells2019[`t2.${row}.newlyPublished`] = made;
      cells2019[`t2.${row}.totalPublished`] = 20;
    }
    cells2019['t2.licensing.decisions'] = 5;
    const old = { meta: { ...o.meta, year: 2020, template: '2019', title: null }, sections: o.sections, cells: cells2019 };
    const file = path.join(tmp, 'beigong-2020.json');
    fs.writeFileSync(file, JSON.stringify(old));
    const db2 = path.join(tmp, 'templates.sqlite');
    nianbao(['ingest', BAD, file, '--db', db2, '-q']);
    const r = nianbao(['compare', '北宫镇', '--years', '2020,2023', '--all', '--db', db2]);
    expect(r.status, r.stderr).toBe(0);
    // Same-meaning cells compared with their values, not “空 → 0”.
    expect(r.stdout).toMatch(/表三“一、本年新收政府信息公开申请数量”行“总计”列：\d+ → \d+/);
    expect(r.stdout).toMatch(/表二“规章”行“本年制发件数”列〔对应另一格式的 表二“规章”行“本年新制作数量”列〕：3 → /);
    expect(r.stdout).toMatch(/（六）其他处理.*〔对应另一格式的 .*之和|（六）其他处理.*〔对应另一格式的/);
    expect(r.stdout).toMatch(/无法比较/);
    expect(r.stdout).toMatch(/2020 年：.*本年新公开数量/);
    expect(r.stdout).toMatch(/2023 年：.*现行有效件数/);
    const json = JSON.parse(nianbao(['compare', '北宫镇', '--years', '2020,2023', '--db', db2, '--json']).stdout) as { cells: { key: string; before: number | null; after: number | null }[] };
    const other = json.cells.find((x) => x.key === 't3.other.total.total')!;
    expect(other.before).toBe(1);
  });
});

describe('ingest output for many files', () => {
  it('re-ingesting prints counts, not one line per file (--verbose lists them); progress for every phase; no “0.0 份/秒”', () => {
    const dir = path.join(tmp, 'many');
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(SAMPLES).filter((n) => /^00\d_.*\.txt$/.test(n))) {
      fs.copyFileSync(path.join(SAMPLES, f), path.join(dir, f));
      fs.copyFileSync(path.join(SAMPLES, f), path.join(dir, `copy-${f}`)); // duplicate content
    }
    fs.writeFileSync(path.join(dir, 'photo.gif'), 'x'); // scans are png/jpg/tif (read by OCR); a gif is passed over
    const db = path.join(tmp, 'many.sqlite');
    const first = nianbao(['ingest', dir, '--db', db]);
    expect(first.stderr).toMatch(/历史检查：共 \d+ 份报告/);
    expect(first.stdout).toMatch(/重复 5 个文件与已入库的文件内容完全相同/);
    expect(first.stdout).toMatch(/跳过：.*photo\.gif：图片格式不受支持/);
    const again = nianbao(['ingest', dir, '--db', db]);
    expect(again.stdout).toMatch(/新增 0，重新抽取 0，未变 5，重复 5/);
    expect(again.stdout).not.toMatch(/份\/秒/);
    expect(again.stdout.split('\n').filter((l) => l.startsWith('重复：')).length).toBe(0);
    const verbose = nianbao(['ingest', dir, '--db', db, '--verbose']);
    expect(verbose.stdout.split('\n').filter((l) => l.startsWith('重复：')).length).toBe(5);
  });
});

describe('explain and locations', () => {
  it('explain knows the history rules that summary reports', () => {
    const r = nianbao(['explain', 'problems-boilerplate']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/何时检查：入库时/);
    expect(r.stdout).toMatch(/相似度/);
    const list = nianbao(['explain']);
    expect(list.stdout).toMatch(/跨年度、跨报告检查/);
    expect(list.stdout).toContain('valid-docs-continuity');
  });

  it('parse keeps where a person looks in the provenance (web page: table, row, column)', () => {
    const o = JSON.parse(nianbao(['parse', path.join(SAMPLES, 'pingtan-2023.html')]).stdout) as { provenance: Record<string, { where?: string }> };
    expect(o.provenance['t2.regulations.made'].where).toMatch(/^表\d+ 第\d+行第\d+列$/);
  });
});

describe('export', () => {
  it('to a full disk prints its error once, in Chinese, for csv, jsonl and xlsx', () => {
    const db = path.join(tmp, 'export.sqlite');
    nianbao(['ingest', BAD, '--db', db, '-q']);
    for (const format of ['csv', 'jsonl', 'xlsx']) {
      const r = nianbao(['export', '--format', format, '--out', '/dev/full', '--db', db]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^错误：无法写入“\/dev\/full”：磁盘已满/)]);
    }
  });
});
