/**
 * Each command loads only what it needs (start-up cost). The CLI, or the pipeline a parse
 * process runs, starts in a child process with a loader hook that records every module
 * resolved; the packages of other formats and commands must not appear.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, TSX } from '../helpers/paths.js';

const HEAVY = ['pdfjs-dist', 'exceljs', 'docx', 'pg', 'pg-boss', 'kysely', 'htmlparser2', 'opencc-js', 'better-sqlite3', 'jszip', 'zod', 'cli-progress', 'fastify', 'iconv-lite'];
/** What running TypeScript from the sources brings (absent from the built CLI). */
const TS_RUNNER = (p: string) => p === 'tsx' || p === 'esbuild' || p.startsWith('@esbuild') || p === 'get-tsconfig' || p === 'resolve-pkg-maps';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lazy-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let n = 0;
/** Runs node with the import log; returns its exit status and the packages (node_modules names) and files it loaded. */
function loaded(args: string[]): { status: number | null; packages: Set<string>; files: string[]; stderr: string } {
  const log = path.join(work, `imports-${n++}.log`);
  fs.writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'test/helpers/import-log.mjs'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NIANBAO_IMPORT_LOG: log },
    timeout: 120_000,
  });
  const files = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set<string>();
  for (const u of files) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
    if (m && !TS_RUNNER(m[1])) packages.add(m[1]);
  }
  return { status: r.status, packages, files, stderr: r.stderr };
}

const cli = (args: string[]) => loaded([...CLI, ...args]);
/** The pipeline parsing one file in this process, as a parse process does. */
const pipeline = (file: string) =>
  loaded([
    '--import',
    TSX,
    '--input-type=module',
    '-e',
    `const { parseBytes } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/pipeline.ts')).href)});
     const fs = await import('node:fs');
     const o = await parseBytes(new Uint8Array(fs.readFileSync(${JSON.stringify(file)})), 'x');
     if (!o.ok) { console.error(JSON.stringify(o.failure)); process.exit(3); }`,
  ]);
const heavyIn = (p: Set<string>) => HEAVY.filter((h) => p.has(h));
const sample = (f: string) => path.join(ROOT, 'samples', f);
const ownReaders = (files: string[]) => files.filter((f) => /\/src\/read\/(pdf|html|docx|xlsx|zip|doc|markdown|json)\.ts$/.test(f)).map((f) => path.basename(f));

describe('lazy loading', () => {
  it('--help, --version, a command’s help and a usage error load commander only', () => {
    for (const args of [['--help'], ['--version'], ['check', '--help'], ['ingest', '--help'], ['no-such-command']]) {
      const r = cli(args);
      expect(r.files.length, args.join(' ')).toBeGreaterThan(0);
      expect([...r.packages], args.join(' ')).toEqual(['commander']);
    }
  });

  it('parse: the command loads neither the pipeline nor any reader (a parse process does the reading)', () => {
    const r = cli(['parse', sample('000_2790cd25742a97b3.txt')]);
    expect(r.status, r.stderr).toBeLessThan(2);
    expect(heavyIn(r.packages)).toEqual([]);
    expect(r.files.some((f) => /\/src\/(pipeline|extract\/index|check\/index)\.ts$/.test(f))).toBe(false);
  });

  it('a text report loads no reader of another format, no database, no renderer', () => {
    const r = pipeline(sample('000_2790cd25742a97b3.txt'));
    expect(r.status, r.stderr).toBe(0);
    expect(heavyIn(r.packages).filter((p) => p !== 'iconv-lite')).toEqual([]);
    expect(ownReaders(r.files)).toEqual([]);
  });

  it('traditional characters load the t2cn dictionaries only', () => {
    const text = fs.readFileSync(sample('000_2790cd25742a97b3.txt'), 'utf8').replace(/信息/g, '資訊').replace(/机关/g, '機關');
    const file = path.join(work, 'trad.txt');
    fs.writeFileSync(file, text);
    const r = pipeline(file);
    expect(r.status, r.stderr).toBe(0);
    // Loaded through require (the UMD build), which the ESM hook does not see: the full dictionary set never.
    expect(r.files.some((f) => /\/opencc-js\/dist\/(esm|umd)\/full\.js$/.test(f))).toBe(false);
  });

  it('a PDF loads pdf.js and nothing of the other formats or the store', () => {
    const r = pipeline(sample('huaian-city-2024.pdf'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages.has('pdfjs-dist')).toBe(true);
    expect(heavyIn(r.packages).filter((p) => p !== 'pdfjs-dist' && p !== 'iconv-lite')).toEqual([]);
    expect(ownReaders(r.files)).toEqual(['pdf.ts']);
  });

  it('an HTML page loads htmlparser2, not pdf.js or exceljs', () => {
    const r = pipeline(sample('pingtan-2023.html'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages.has('htmlparser2')).toBe(true);
    expect(heavyIn(r.packages).filter((p) => p !== 'htmlparser2' && p !== 'iconv-lite')).toEqual([]);
  });

  it('ingest into SQLite loads the SQLite driver and kysely, not pg, pg-boss, pdf.js or the web server', () => {
    const r = cli(['ingest', sample('000_2790cd25742a97b3.txt'), '--db', path.join(work, 'x.sqlite'), '-q', '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages.has('better-sqlite3')).toBe(true);
    expect(r.packages.has('kysely')).toBe(true);
    for (const p of ['pg', 'pg-boss', 'pdfjs-dist', 'fastify', 'exceljs', 'docx']) expect(r.packages.has(p), p).toBe(false);
  });
});

describe('the early parse process', () => {
  it('main.ts starts it before loading the command line: no static import of project modules (they would load first)', () => {
    const src = fs.readFileSync(path.join(ROOT, 'src/cli/main.ts'), 'utf8');
    const staticImports = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports.filter((s) => !s.startsWith('node:'))).toEqual([]);
    expect(src.indexOf('prewarm(')).toBeLessThan(src.indexOf("import('./commands.js')"));
  });
});
