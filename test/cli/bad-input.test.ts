/** `parse` on inputs that are not annual reports: each gets a failure object, nothing crashes. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync, copyFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { jsonLines, nianbao, SEEDS, type Run } from './run.js';

interface Failed {
  source: string;
  failure?: { code: string; message: string };
  cells?: Record<string, number | null>;
}

const CJK = /[\u4e00-\u9fff]/;
let dir: string;

function expectFailure(r: Run, file: string): Failed {
  expect(r.status).toBe(2);
  expect(r.stderr).not.toContain('    at ');
  const objs = jsonLines(r.stdout) as unknown as Failed[];
  expect(objs).toHaveLength(1);
  const o = objs[0];
  expect(o.source).toBe(file);
  expect(o.failure).toBeDefined();
  expect(typeof o.failure!.code).toBe('string');
  expect(o.failure!.message).toMatch(CJK);
  expect(o.cells).toBeUndefined();
  return o;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bad-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function binaryBytes(n: number): Buffer {
  const b = randomBytes(n);
  for (let i = 0; i < n; i += 7) b[i] = 0;
  return b;
}

describe('parse on bad input', () => {
  it('an empty file', () => {
    const f = path.join(dir, 'empty.txt');
    writeFileSync(f, '');
    expect(expectFailure(nianbao(['parse', f]), f).failure!.code).toBe('empty');
  });

  it('a binary file (random bytes with NULs)', () => {
    const f = path.join(dir, 'random.txt');
    writeFileSync(f, binaryBytes(8192));
    expectFailure(nianbao(['parse', f]), f);
  });

  it('a 50 MB text file is refused (over LIMITS.maxTextBytes)', () => {
    const f = path.join(dir, 'huge.txt');
    const line = Buffer.from('二〇二三年政府信息公开工作年度报告，本年新收申请1件。\n'.repeat(2000));
    const fd = openSync(f, 'w');
    try {
      let written = 0;
      while (written < 50 * 1024 * 1024) written += writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
    expect(50 * 1024 * 1024).toBeGreaterThan(LIMITS.maxTextBytes);
    try {
      const o = expectFailure(nianbao(['parse', f]), f);
      expect(o.failure!.code).toBe('too-large');
    } finally {
      rmSync(f, { force: true });
    }
  });

  it('a text that is not an annual report', () => {
    const f = path.join(dir, 'notice.txt');
    writeFileSync(f, '关于春节放假安排的通知\n\n各单位：根据国务院办公厅通知精神，现将放假安排通知如下。\n特此通知。\n');
    expect(expectFailure(nianbao(['parse', f]), f).failure!.code).toBe('not-a-report');
  });

  it('a path that does not exist', () => {
    const f = path.join(dir, '没有这个文件.txt');
    const o = expectFailure(nianbao(['parse', f]), f);
    expect(o.failure!.message).toContain('不存在');
  });

  it('a folder of mixed good and bad files: every bad one fails, good ones are still parsed', () => {
    const mixed = path.join(dir, 'mixed');
    mkdirSync(path.join(mixed, 'sub'), { recursive: true });
    copyFileSync(`${SEEDS}/004_e9b0b4183da4b0c6.txt`, path.join(mixed, 'a-good.txt'));
    copyFileSync(`${SEEDS}/000_2790cd25742a97b3.txt`, path.join(mixed, 'sub', 'c-good.txt'));
    writeFileSync(path.join(mixed, 'b-empty.txt'), '');
    writeFileSync(path.join(mixed, 'd-binary.html'), binaryBytes(4096));
    writeFileSync(path.join(mixed, 'e-notice.txt'), '会议纪要\n今天讨论了绿化工作。\n');
    const missing = path.join(dir, 'missing.txt');

    for (const cmd of [['parse', '--format', 'jsonl'], ['check', '--format', 'json']]) {
      const r = nianbao([...cmd, mixed, missing]);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toContain('    at ');
      const objs = jsonLines(r.stdout) as unknown as Failed[];
      expect(objs).toHaveLength(6);
      const bySource = new Map(objs.map((o) => [path.basename(o.source), o]));
      for (const bad of ['b-empty.txt', 'd-binary.html', 'e-notice.txt', 'missing.txt']) {
        const o = bySource.get(bad)!;
        expect(o.failure, bad).toBeDefined();
        expect(o.failure!.message).toMatch(CJK);
      }
      for (const good of ['a-good.txt', 'c-good.txt']) {
        const o = bySource.get(good)!;
        expect(o.failure, good).toBeUndefined();
        expect(Object.keys(o.cells!).length).toBeGreaterThan(100);
      }
      expect(bySource.get('c-good.txt')!.cells!['t3.carriedForward.total']).toBe(23);
    }

    // the human form lists the failures in the summary and still exits 2
    const h = nianbao(['check', mixed, missing]);
    expect(h.status).toBe(2);
    expect(h.stdout).toMatch(/共检查 6 个文件.*4 个无法读取/);
    expect(h.stderr).not.toContain('    at ');
  });
});
