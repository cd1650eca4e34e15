import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareYears } from '../../src/dataset/compare.js';
import { generateReports, seedFiles } from '../../src/dataset/generate.js';
import { ingest } from '../../src/dataset/ingest.js';
import { summarise } from '../../src/dataset/summary.js';
import { parseBytes } from '../../src/pipeline.js';
import { openStore, type Store } from '../../src/store/db.js';
import { countRows, findAgency, findingsOf } from '../../src/store/queries.js';
import { exportData } from '../../src/cli/export.js';
import { allCellKeys } from '../../src/core/template.js';
import { BACKENDS } from '../store/backends.js';
import { CLI, FIXTURES } from '../helpers/paths.js';

const FIX = FIXTURES;
const quiet = { jobs: 2 };

function tmpdir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `nianbao-${tag}-`));
}

/** A report of the same agency one year later, made from a real one (years shifted, prose unchanged). */
function nextYear(text: string, from: number): string {
  return text.replaceAll(String(from + 1), String(from + 2)).replaceAll(String(from), String(from + 1));
}

describe.each(BACKENDS)('ingest on $name', (backend) => {
  let target: string;
  let store: Store;
  const dirs: string[] = [];
  beforeAll(async () => {
    target = await backend.create();
    store = await openStore(target);
  });
  afterAll(async () => {
    await store?.close();
    await backend.drop(target);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('seeds and real fixtures ingested twice leave exactly one report each', async () => {
    const first = await ingest(store, [`${FIX}/seeds`, `${FIX}/real`], quiet);
    const files = fs.readdirSync(`${FIX}/seeds`).filter((f) => f.endsWith('.txt')).length + fs.readdirSync(`${FIX}/real`).filter((f) => !f.endsWith('.expected.json')).length;
    expect(first.total).toBe(files);
    expect(first.added).toBe(files);
    const second = await ingest(store, [`${FIX}/seeds`, `${FIX}/real`], quiet);
    expect(second.added + second.reextracted).toBe(0);
    expect(second.unchanged).toBe(files);
    expect(await countRows(store.db, 'reports')).toBe(files);
    const hashes = await store.db.selectFrom('reports').select('content_hash').distinct().execute();
    expect(hashes.length).toBe(files);
    // every cell of every template version is stored with its raw token
    const ok = await store.db.selectFrom('reports').select(['id', 'template']).where('status', '=', 'ok').execute();
    expect(ok.length).toBeGreaterThanOrEqual(9);
    const cells = await store.db.selectFrom('cells').select(['report_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('report_id').execute();
    for (const c of cells) expect(Number(c.n)).toBeGreaterThanOrEqual(185);
  });

  it('valid-docs-continuity on the real 平潭 2022 → 2023 reports (698 + 77 − 132 ≠ 470)', async () => {
    const ag = await findAgency(store.db, '平潭综合实验区');
    expect(ag).toBeDefined();
    const r2023 = await store.db
      .selectFrom('reports')
      .innerJoin('cells', 'cells.report_id', 'reports.id')
      .select('reports.id')
      .where('reports.agency_id', '=', ag!.id)
      .where('reports.year', '=', 2023)
      .where('cells.key', '=', 't2.normativeDocs.valid')
      .where('cells.value', '=', 470)
      .execute();
    expect(r2023.length).toBeGreaterThanOrEqual(1); // pingtan-2023.html (and the flattened text once it reads)
    for (const r of r2023) {
      const f = (await findingsOf(store.db, r.id)).filter((x) => x.rule === 'valid-docs-continuity');
      expect(f).toHaveLength(1);
      expect(f[0].origin).toBe('history');
      expect(f[0].cells).toContain('t2.normativeDocs.valid');
      expect(Number(f[0].expected)).toBe(643);
      expect(Number(f[0].found)).toBe(470);
      // 2022 carried forward 0, 2023 carried over 0: no carry-over finding
      expect((await findingsOf(store.db, r.id)).filter((x) => x.rule === 'carry-over-mismatch')).toHaveLength(0);
    }
  });

  it('compare, summary and export read the same store', async () => {
    const ag = (await findAgency(store.db, '福建省平潭综合实验区管委会'))!;
    expect(ag?.name).toBe('平潭综合实验区');
    const c = await compareYears(store, ag.id, ag.name, 2022, 2023);
    expect('missing' in c).toBe(false);
    if ('missing' in c) return;
    const valid = c.cells.find((x) => x.key === 't2.normativeDocs.valid')!;
    expect(valid).toMatchObject({ before: 698, after: 470, delta: -228 });
    expect(c.findingsNew.some((f) => f.rule === 'valid-docs-continuity')).toBe(true);
    expect(c.sections.find((s) => s.key === 'problems')!.diff.some((l) => l.op === '+')).toBe(true);

    const s = await summarise(store, { year: 2023 });
    expect(s.reports).toBeGreaterThanOrEqual(5);
    expect(s.rules.some((r) => r.rule === 'valid-docs-continuity')).toBe(true);
    expect(s.totals.find((t) => t.key === 't3.newReceived.total')!.sum).toBeGreaterThan(0);
    expect(s.worst.length).toBeGreaterThan(0);
    const region = await summarise(store, { region: '平潭' });
    expect(region.agencies).toBe(1);

    const dir = tmpdir('export');
    dirs.push(dir);
    const csv = path.join(dir, 'out.csv');
    const r = await exportData(store, { format: 'csv', out: csv, keys: true });
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true); // UTF-8 BOM by default: Excel opens it as UTF-8
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length).toBe(r.reports + 2);
    expect(lines[0].split(',')).toContain('表三“一、本年新收政府信息公开申请数量”行“总计”列');
    expect(lines[0].split(',')).toContain('错误数');
    const keys = lines[1].split(',');
    for (const k of allCellKeys()) expect(keys).toContain(k);
    expect(keys).toContain('errors');
    expect(lines.slice(2).some((l) => l.includes(',已读取,'))).toBe(true);
    const findingsCsv = fs.readFileSync(path.join(dir, 'out.findings.csv'), 'utf8');
    expect(findingsCsv).toContain('valid-docs-continuity');
    expect(findingsCsv).toMatch(/,(错误|警告),/);
    expect(findingsCsv).not.toMatch(/,(error|warning),/);
    const plain = path.join(dir, 'plain.csv');
    await exportData(store, { format: 'csv', out: plain, bom: false });
    expect(fs.readFileSync(plain, 'utf8').split('\r\n')[0]).toMatch(/^报告编号,/);
    const jl = path.join(dir, 'out.jsonl');
    await exportData(store, { format: 'jsonl', out: jl, agency: '平潭综合实验区' });
    const objs = fs.readFileSync(jl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.length).toBe(4);
    expect(objs.find((o) => o.year === 2022)['t2.normativeDocs.valid']).toBe(698);
    const xlsx = path.join(dir, 'out.xlsx');
    await exportData(store, { format: 'xlsx', out: xlsx, year: '2023' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('报告')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(String(ws.getRow(1).getCell(2).value)).toBe('机关（规范名称）');
    expect(ws.getRow(1).values).toContain('表三“一、本年新收政府信息公开申请数量”行“总计”列');
    expect(ws.getRow(2).values).toContain('t3.newReceived.total');
    expect(wb.getWorksheet('检查结果')!.rowCount).toBeGreaterThan(1);
  });

  it('carry-over-mismatch and valid-docs-continuity on generated reports of one agency in two years; a late previous year re-checks the next', async () => {
    const dir = tmpdir('years');
    dirs.push(dir);
    const text2022 = fs.readFileSync(`${FIX}/real/pingtan-2022-flattened.txt`, 'utf8');
    // one agency (printed differently) 2023 and 2024: the 2024 copy repeats 2023's figures
    const a = text2022.replaceAll('平潭综合实验区', '淮安市洪泽区人民政府').replaceAll('2022', '2023').replaceAll('2021', '2022');
    const b = nextYear(a, 2023).replaceAll('淮安市洪泽区人民政府', '洪泽区人民政府');
    fs.writeFileSync(path.join(dir, 'b-2024.txt'), b);
    // the later year first: nothing to compare with yet
    await ingest(store, [path.join(dir, 'b-2024.txt')], quiet);
    const later = (await store.db.selectFrom('reports').select(['id', 'agency_id']).where('source_name', '=', path.join(dir, 'b-2024.txt')).executeTakeFirstOrThrow());
    const alone = (await findingsOf(store.db, later.id)).filter((f) => f.origin === 'history');
    expect(alone.filter((f) => f.rule === 'carry-over-mismatch' || f.rule === 'valid-docs-continuity')).toHaveLength(0);
    // its prose is 平潭's: copied from another agency, with the similarity figure
    expect(alone.find((f) => f.rule === 'copied-report')?.message).toMatch(/平潭综合实验区.*相似度 \d+%/);
    fs.writeFileSync(path.join(dir, 'a-2023.txt'), a);
    await ingest(store, [path.join(dir, 'a-2023.txt')], quiet);
    const earlier = await store.db.selectFrom('reports').select(['id', 'agency_id', 'year']).where('source_name', '=', path.join(dir, 'a-2023.txt')).executeTakeFirstOrThrow();
    expect(earlier.agency_id).toBe(later.agency_id); // 洪泽区人民政府 = 淮安市洪泽区人民政府
    const f = await findingsOf(store.db, later.id);
    const carry = f.filter((x) => x.rule === 'carry-over-mismatch');
    expect(carry.map((x) => x.cells[0])).toEqual(expect.arrayContaining(['t3.carriedOver.total', 't3.carriedOver.naturalPerson']));
    expect(carry.find((x) => x.cells[0] === 't3.carriedOver.total')).toMatchObject({ expected: '0', found: '1' });
    const valid = f.find((x) => x.rule === 'valid-docs-continuity')!;
    expect(valid).toMatchObject({ expected: String(698 + 88 - 55), found: '698' });
    const copied = f.find((x) => x.rule === 'copied-report')!;
    expect(copied.message).toMatch(/相似度 \d+%/);
    expect(f.some((x) => x.rule === 'problems-boilerplate' && /几乎相同/.test(x.message))).toBe(true);
    const dirty = await store.db.selectFrom('reports').select('id').where('history_dirty', '=', 1).execute();
    expect(dirty).toHaveLength(0);
  });

  it('a failed file is recorded with its failure and the batch goes on; zip path traversal and duplicate names are reported', async () => {
    const dir = tmpdir('bad');
    dirs.push(dir);
    const seeds = seedFiles();
    fs.writeFileSync(path.join(dir, 'broken.pdf'), Buffer.from('%PDF-1.4\n这不是一个完整的 PDF'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const text0 = nextYear(fs.readFileSync(seeds[4], 'utf8'), 2023); // 海青镇 2024: new content
    const zip = new JSZip();
    zip.file('reports/haiqing-2024.txt', text0);
    zip.file('../../evil.txt', text0 + '\n恶意');
    zip.file('/etc/abs.txt', text0 + '\n绝对路径');
    zip.file('copy/haiqing-2024-copy.txt', text0); // same content, another name
    fs.writeFileSync(path.join(dir, 'batch.zip'), await zip.generateAsync({ type: 'nodebuffer' }));
    fs.writeFileSync(path.join(dir, 'same-as-zip.txt'), text0); // and once more on disk
    const before = await countRows(store.db, 'reports');
    const s = await ingest(store, [dir], quiet);
    expect(s.added, JSON.stringify(s)).toBe(5); // broken.pdf, empty.txt, 2 unsafe entries (recorded as failed), haiqing 2024
    expect(s.failed.map((f) => f.code).sort()).toEqual(expect.arrayContaining(['zip-unsafe-path', 'zip-unsafe-path']));
    expect(s.failed.length).toBe(4);
    for (const f of s.failed) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(s.failed.find((f) => f.code === 'zip-unsafe-path')!.message).toMatch(/路径不安全/);
    expect(s.duplicates.length).toBe(2);
    expect(fs.existsSync(path.join(dir, '..', '..', 'evil.txt'))).toBe(false);
    expect(await countRows(store.db, 'reports')).toBe(before + 5);
    const failed = await store.db.selectFrom('reports').select(['status', 'failure_code', 'failure_message']).where('status', '=', 'failed').execute();
    expect(failed.length).toBeGreaterThanOrEqual(4);
    const names = await store.db.selectFrom('report_sources').innerJoin('reports', 'reports.id', 'report_sources.report_id').select('report_sources.source_name').where('reports.source_name', 'like', '%haiqing-2024%').execute();
    expect(names.length).toBe(3);
    // rerun: nothing new
    const again = await ingest(store, [dir], quiet);
    expect(again.added + again.reextracted).toBe(0);
    expect(await countRows(store.db, 'reports')).toBe(before + 5);
  });

  it('kill -9 in the middle of a 300-file ingest, then a rerun: every report exactly once, none half-written', async () => {
    const dir = tmpdir('kill');
    dirs.push(dir);
    const files = generateReports(dir, 300);
    // what each seed yields when parsed directly
    const expected = new Map<string, { cells: number; findings: number }>();
    for (const f of files.slice(0, 5)) {
      const o = await parseBytes(fs.readFileSync(f), f);
      if (!o.ok) throw new Error('seed copy did not parse');
      expected.set(path.basename(f).slice(7), { cells: Object.keys(o.cells).length, findings: o.findings.length });
    }
    const sub = await backend.create();
    try {
      const child = spawn(process.execPath, [...CLI, 'ingest', dir, '--db', sub, '--jobs', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const probe = await openStore(sub).catch(() => undefined);
      let n = 0;
      const t0 = Date.now();
      while (Date.now() - t0 < 120_000) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          n = probe ? await countRows(probe.db, 'reports') : 0;
        } catch {
          n = 0;
        }
        if (n >= 40) break;
      }
      child.kill('SIGKILL');
      await exited;
      await probe?.close();
      expect(n, err).toBeGreaterThanOrEqual(40);
      const s2 = await openStore(sub);
      const mid = await countRows(s2.db, 'reports');
      expect(mid).toBeLessThan(300);
      const rerun = await ingest(s2, [dir], quiet);
      expect(rerun.added).toBe(300 - mid);
      expect(await countRows(s2.db, 'reports')).toBe(300);
      const perReport = await s2.db
        .selectFrom('reports')
        .leftJoin('cells', 'cells.report_id', 'reports.id')
        .select(['reports.id', 'reports.source_name', 'reports.status', 'reports.history_dirty', (eb) => eb.fn.count<number>('cells.key').as('n')])
        .groupBy(['reports.id', 'reports.source_name', 'reports.status', 'reports.history_dirty'])
        .execute();
      expect(perReport).toHaveLength(300);
      expect(new Set(perReport.map((r) => r.source_name)).size).toBe(300);
      const findings = await s2.db.selectFrom('findings').select(['report_id', (eb) => eb.fn.countAll<number>().as('n')]).where('origin', '=', 'report').groupBy('report_id').execute();
      const fBy = new Map(findings.map((f) => [f.report_id, Number(f.n)]));
      for (const r of perReport) {
        const e = expected.get(path.basename(r.source_name).slice(7))!;
        expect(r.status).toBe('ok');
        expect(Number(r.n)).toBe(e.cells);
        expect(fBy.get(r.id) ?? 0).toBe(e.findings);
        expect(r.history_dirty).toBe(0);
      }
      await s2.close();
    } finally {
      await backend.drop(sub);
    }
  }, 300_000);
});
