/** `nianbao export --format csv|xlsx|jsonl [--out FILE] [--year Y] [--agency A]`: the dataset as a table. */
import fs from 'node:fs';
import { LEVEL_NAMES } from '../core/levels.js';
import ExcelJS from 'exceljs';
import { findingRows, FINDING_COLUMNS, reportColumns, reportRows, type ReportFilter, type Row } from '../dataset/rows.js';
import { StoreError, type Store } from '../store/db.js';
import { findAgency } from '../store/queries.js';
import { outputPathError } from './output.js';
import { parseYears, withStore } from './store-cli.js';

interface Opts {
  db?: string;
  format: string;
  out?: string;
  year?: string;
  agency?: string;
  region?: string;
  bom?: boolean;
  keys?: boolean;
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const LEVEL_ZH: Record<string, string> = LEVEL_NAMES;
const STATUS_ZH: Record<string, string> = { ok: '已读取', failed: '无法读取' };
const ORIGIN_ZH: Record<string, string> = { report: '报告本身', history: '跨年度/跨报告比较' };

/** Values people read in CSV/XLSX in Chinese (JSONL keeps the machine codes). */
export function forPeople(key: string, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (key === 'severity') return SEVERITY_ZH[String(v)] ?? v;
  if (key === 'level') return LEVEL_ZH[String(v)] ?? v;
  if (key === 'status') return STATUS_ZH[String(v)] ?? v;
  if (key === 'origin') return ORIGIN_ZH[String(v)] ?? v;
  if (key === 'consolidated' || key === 'counted') return Number(v) ? '是' : '否';
  return v;
}

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

async function filterOf(store: Store, o: Opts): Promise<ReportFilter> {
  const f: ReportFilter = {};
  const years = parseYears(o.year);
  if (years) f.year = years[0];
  if (o.region) f.region = o.region;
  if (o.agency) {
    const a = await findAgency(store.db, o.agency);
    if (!a) throw new StoreError('agency-not-found', `数据库（${store.location}）中没有找到机关“${o.agency}”。可用 nianbao summary 查看已入库的机关。`);
    f.agencyId = a.id;
  }
  return f;
}

/** Output of CSV/JSONL: stdout or a file; the first write error is kept and reported once, at the end. */
function sink(out: string | undefined): { write(s: string): void; end(): Promise<void> } {
  if (!out) return { write: (s) => void process.stdout.write(s), end: async () => undefined };
  const ws = fs.createWriteStream(out);
  let failure: unknown = null;
  ws.on('error', (e) => (failure ??= e));
  return {
    write: (s) => {
      if (!failure) ws.write(s);
    },
    end: () =>
      new Promise((resolve, reject) => {
        let settled = false;
        const done = (e?: unknown) => {
          failure ??= e ?? null;
          if (settled) return;
          settled = true;
          if (failure) reject(new StoreError('out-unwritable', outputPathError(out, failure)));
          else resolve();
        };
        if (ws.destroyed) return done();
        // The callback gets the write error (it may come before the 'error' event).
        ws.end((e?: Error | null) => done(e));
      }),
  };
}

function checkOut(out: string | undefined): void {
  if (!out) return;
  try {
    fs.writeFileSync(out, '', { flag: 'a' });
  } catch (e) {
    throw new StoreError('out-unwritable', outputPathError(out, e));
  }
}

export async function exportData(store: Store, o: Opts): Promise<{ reports: number; findings: number }> {
  const f = await filterOf(store, o);
  const cols = reportColumns();
  checkOut(o.out);
  let reports = 0;
  const findings = await findingRows(store.db, f);
  if (o.format === 'csv' || o.format === 'jsonl') {
    const s = sink(o.out);
    if (o.format === 'csv') {
      if (o.bom !== false) s.write('\uFEFF');
      s.write(csvLine(cols.map((c) => c.title)));
      if (o.keys) s.write(csvLine(cols.map((c) => c.key)));
    }
    const byReport = new Map<number, Row[]>();
    if (o.format === 'jsonl') for (const r of findings) byReport.set(Number(r.report_id), [...(byReport.get(Number(r.report_id)) ?? []), r]);
    for await (const batch of reportRows(store.db, f)) {
      for (const row of batch) {
        reports++;
        if (o.format === 'csv') s.write(csvLine(cols.map((c) => forPeople(c.key, row[c.key] ?? null))));
        else {
          const obj: Record<string, unknown> = {};
          for (const c of cols) obj[c.key] = row[c.key] ?? null;
          obj.findings = (byReport.get(Number(row.report_id)) ?? []).map(({ report_id: _a, agency: _b, year: _c, source: _d, ...rest }) => ({ ...rest, cells: String(rest.cells).split(' ').filter(Boolean) }));
          s.write(JSON.stringify(obj) + '\n');
        }
      }
    }
    await s.end();
    if (o.format === 'csv' && o.out) {
      const fo = o.out.replace(/\.csv$/i, '') + '.findings.csv';
      const fs2 = sink(fo);
      if (o.bom !== false) fs2.write('\uFEFF');
      fs2.write(csvLine(FINDING_COLUMNS.map(([, t]) => t)));
      if (o.keys) fs2.write(csvLine(FINDING_COLUMNS.map(([k]) => k)));
      for (const r of findings) fs2.write(csvLine(FINDING_COLUMNS.map(([k]) => forPeople(k, r[k]))));
      await fs2.end();
    }
    return { reports, findings: findings.length };
  }
  // xlsx
  if (!o.out && process.stdout.isTTY) throw new StoreError('xlsx-needs-out', 'XLSX 是二进制文件，不能直接显示在终端上。请用 --out 文件名.xlsx 指定输出文件。');
  let xlsxFailure: unknown = null;
  const fileStream = o.out ? fs.createWriteStream(o.out) : null;
  fileStream?.on('error', (e) => (xlsxFailure ??= e));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: fileStream ?? process.stdout, useStyles: true });
  const ws = wb.addWorksheet('报告', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.columns = cols.map((c, i) => ({ key: c.key, width: i < 16 ? 16 : 12 }));
  const head = ws.addRow(cols.map((c) => c.title));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  head.height = 60;
  head.commit();
  const keys = ws.addRow(cols.map((c) => c.key));
  keys.font = { color: { argb: 'FF808080' }, size: 8 };
  keys.commit();
  for await (const batch of reportRows(store.db, f))
    for (const row of batch) {
      reports++;
      ws.addRow(cols.map((c) => forPeople(c.key, row[c.key] ?? null))).commit();
    }
  ws.commit();
  const wf = wb.addWorksheet('检查结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  wf.columns = FINDING_COLUMNS.map(([k]) => ({ key: k, width: k === 'message' ? 80 : 14 }));
  const fh = wf.addRow(FINDING_COLUMNS.map(([, t]) => t));
  fh.font = { bold: true };
  fh.commit();
  for (const r of findings) wf.addRow(FINDING_COLUMNS.map(([k]) => forPeople(k, r[k]))).commit();
  wf.commit();
  try {
    await Promise.race([
      wb.commit(),
      // A stream that failed never finishes: stop waiting as soon as it has failed.
      new Promise<void>((_, reject) => fileStream?.once('error', reject)),
    ]);
  } catch (e) {
    xlsxFailure ??= e;
  }
  if (xlsxFailure) throw new StoreError('out-unwritable', outputPathError(o.out ?? '标准输出', xlsxFailure));
  return { reports, findings: findings.length };
}

export async function runExport(o: Opts): Promise<void> {
  if (!['csv', 'xlsx', 'jsonl'].includes(o.format)) {
    process.stderr.write(`错误：不支持的导出格式“${o.format}”，可用：csv、xlsx、jsonl\n`);
    process.exitCode = 2;
    return;
  }
  await withStore(o.db, async (store) => {
    const r = await exportData(store, o);
    if (o.out) process.stderr.write(`已导出 ${r.reports} 份报告、${r.findings} 条检查结果到“${o.out}”。\n`);
  });
}
