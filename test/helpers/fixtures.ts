/**
 * Builds ExtractedReports from the shared fixtures for rule tests, without the real
 * extractor: cells and meta come from the fixture's expected.json, the text from the
 * source (HTML tags stripped, PDF text layer via pdfjs), sections from a crude heading
 * search. Good enough to exercise the rules on real prose and real figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SECTIONS, TEMPLATES, cellDefs, type TableId, type TemplateVersion } from '../../src/core/template.js';
import type { CellSource, CellValue, ExtractedReport, ReportMeta, Section, TableInfo } from '../../src/core/types.js';

export const FIXTURES = '/work/shared/fixtures';

export interface Expected {
  source: string;
  meta: Omit<ReportMeta, 'title'>;
  cells: Record<string, CellValue>;
  errors: { rule: string; cells?: string[] }[];
  warnings: { rule: string; cells?: string[] }[];
  notes?: string;
}

export function fixtureNames(): { dir: 'seeds' | 'real'; name: string }[] {
  const out: { dir: 'seeds' | 'real'; name: string }[] = [];
  for (const dir of ['seeds', 'real'] as const)
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).sort()) if (f.endsWith('.expected.json')) out.push({ dir, name: f.replace('.expected.json', '') });
  return out;
}

export function readExpected(dir: string, name: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, `${name}.expected.json`), 'utf8')) as Expected;
}

function htmlToLines(html: string): string[] {
  let s = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '');
  s = s.replace(/<table[\s\S]*?<\/table>/gi, '\n');
  s = s.replace(/<\/p>|<br\s*\/?>|<\/div>|<\/h\d>|<\/li>|<\/tr>/gi, '\n').replace(/<[^>]+>/g, '');
  s = s.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return s.split('\n').map((l) => l.trim()).filter(Boolean);
}

async function pdfToLines(file: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)) }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tc = await (await doc.getPage(p)).getTextContent();
    let cur = '';
    let lastY: number | null = null;
    for (const it of tc.items as { str: string; transform: number[] }[]) {
      if (lastY !== null && Math.abs(it.transform[5] - lastY) > 2) {
        lines.push(cur);
        cur = '';
      }
      cur += it.str;
      lastY = it.transform[5];
    }
    lines.push(cur);
  }
  return lines.map((l) => l.trim()).filter(Boolean);
}

const NUMBERING = '(?:[一二三四五六七八九十]|\\d)\\s*[、.．]|[（(]\\s*(?:[一二三四五六]|\\d)\\s*[）)]';
const PREFIX = '(?:政府信息公开工作|行政机关|因政府信息公开工作|因政府信息公开|政府信息公开)?';

/** Put every numbered section heading on its own line (flattened crawler texts). */
function breakHeadings(lines: string[]): string[] {
  const pats = SECTIONS.flatMap((s) => s.patterns).map((p) => p.replace(/[()（）]/g, '\\$&'));
  const re = new RegExp(`((?:${NUMBERING})\\s*${PREFIX}(?:${pats.join('|')}))`, 'g');
  return lines.flatMap((l) => l.replace(re, '\n$1').split('\n')).filter((l) => l.trim() !== '');
}

function findSections(lines: string[]): Section[] {
  const found: { key: Section['key']; line: number; numbering: string; title: string }[] = [];
  let from = 0;
  for (const d of SECTIONS) {
    for (let i = from; i < lines.length; i++) {
      const l = lines[i].replace(/[\s\u3000]/g, '');
      const m = new RegExp(`^(${NUMBERING})?${PREFIX}(${d.patterns.map((p) => p.replace(/[()（）]/g, '\\$&')).join('|')})`).exec(l);
      if (!m || (!m[1] && l.length > 30)) continue;
      found.push({ key: d.key, line: i, numbering: m[1] ?? '', title: m[2] });
      from = i + 1;
      break;
    }
  }
  return found.map((f, j) => {
    const end = j + 1 < found.length ? found[j + 1].line : lines.length;
    const heading = lines[f.line].replace(/[\s\u3000]/g, '');
    const rest = heading.slice(heading.indexOf(f.title) + f.title.length);
    const body = [rest, ...lines.slice(f.line + 1, end)].filter(Boolean).join('\n');
    return { key: f.key, title: f.title, numbering: f.numbering, pos: { line: f.line + 1 }, text: body, order: f.line };
  });
}

/** Known extractor outputs the crude builder cannot derive (label variants etc.). */
const OVERRIDES: Record<string, { tables?: Partial<Record<TableId, Partial<TableInfo>>>; title?: string }> = {
  '002_9d29cf3bbd4964f6': { tables: { t3: { labelVariants: { 'denied.lawForbidden': { printed: '2.其他法律法规禁止公开' } } } } },
  '001_5f25c15575702d27': { title: '阎村镇人民政府' },
  'huaian-city-2024': { title: '淮安市人民政府2024年政府信息公开工作年度报告' },
};

export async function loadFixture(dir: string, name: string): Promise<{ report: ExtractedReport; expected: Expected }> {
  const expected = readExpected(dir, name);
  const file = path.join(FIXTURES, dir, expected.source);
  let lines: string[];
  let title: string | null = null;
  if (file.endsWith('.pdf')) lines = await pdfToLines(file);
  else if (file.endsWith('.html')) {
    const html = fs.readFileSync(file, 'utf8');
    const t = /<title>([^<_]*)/.exec(html);
    lines = htmlToLines(html);
    title = t ? t[1] : lines[0];
  } else lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines = breakHeadings(lines);
  if (!title) {
    const first = lines.find((l) => l.trim() !== '') ?? '';
    title = first.replace(/^标题[:：]\s*/, '').trim();
  }
  title = OVERRIDES[name]?.title ?? title;
  const version = (expected.meta.template ?? '2021') as TemplateVersion;
  const cells: Record<string, CellValue> = {};
  for (const c of cellDefs(version)) cells[c.key] = c.key in expected.cells ? expected.cells[c.key] : null;
  const cellSources: Record<string, CellSource> = {};
  for (const [k, v] of Object.entries(cells)) cellSources[k] = { raw: v === null ? '' : String(v) };
  const table = (t: TableId): TableInfo => ({ present: true, missingRows: [], extraRows: [], labelVariants: {}, ...OVERRIDES[name]?.tables?.[t] });
  void TEMPLATES;
  const report: ExtractedReport = {
    source: expected.source,
    format: file.endsWith('.pdf') ? 'pdf' : file.endsWith('.html') ? 'html' : 'txt',
    meta: { ...expected.meta, title },
    sections: findSections(lines),
    cells,
    cellSources,
    tables: { t2: table('t2'), t3: table('t3'), t4: table('t4') },
    lines,
    readIssues: [],
  };
  return { report, expected };
}
