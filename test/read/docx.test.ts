import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadFailure } from '../../src/core/failure.js';
import type { Block, GridCell, SourceDocument } from '../../src/core/types.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { READERS, readDocument, readerFor } from '../../src/read/index.js';
import '../../src/read/formats.js';
import { BLANK_KEY, buildReportDocx, DASH_KEYS, expectedCells, TITLE } from './docx-fixture.js';
import { deflatedZeros, docxWithBody, makeZip } from './zip-helpers.js';

let docx: Uint8Array;
let doc: SourceDocument;

beforeAll(async () => {
  docx = await buildReportDocx();
  doc = await readDocument(docx, 'report.docx');
});

function tables(d: SourceDocument): Extract<Block, { kind: 'table' }>[] {
  return d.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
}

async function failureOf(buf: Uint8Array, name = 'x.docx'): Promise<{ code: string; message: string }> {
  const r = await parseBytes(buf, name);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.failure;
}

describe('DOCX report with the official merged tables', () => {
  it('extracts exactly the cells written (blank → null, "-" → 0 as zero notation)', () => {
    const report = extractReport(doc, 'report.docx');
    const expected = expectedCells();
    expect(Object.keys(expected)).toHaveLength(200);
    for (const [k, v] of Object.entries(expected)) expect([k, report.cells[k]]).toEqual([k, v]);
    expect(report.cells[BLANK_KEY]).toBeNull();
    for (const k of DASH_KEYS) {
      expect(report.cells[k]).toBe(0);
      expect(report.cellSources[k]).toMatchObject({ raw: '-', zeroNotation: true });
    }
    expect(report.cellSources['t2.fees.amountWan'].raw).toBe('12.5');
    expect(report.format).toBe('docx');
    expect(report.readIssues).toEqual([]);
    expect(report.meta).toMatchObject({ year: 2023, template: '2021', title: TITLE });
    expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    expect(report.tables.t2.missingRows).toEqual([]);
    expect(report.tables.t3.missingRows).toEqual([]);
  });

  it('runs through parseBytes without read failures', async () => {
    const r = await parseBytes(docx, 'report.docx');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.cells['t3.total.total']).toBe(expectedCells()['t3.total.total']);
  });

  it('emits each merged cell once, at its origin, with rowSpan/colSpan', () => {
    const [t2, t3, t4] = tables(doc);
    expect(tables(doc)).toHaveLength(3);
    // Table 二: section headings span the 4 columns; single-value rows span 3.
    expect(t2.rows[0]).toHaveLength(1);
    expect(t2.rows[0][0]).toMatchObject({ text: '第二十条第（一）项', colSpan: 4 });
    expect(t2.rows[6].map((c) => c.text)).toEqual(['行政许可', '7']);
    // Table 三: header 3×3, 申请人情况 over 7 columns.
    expect(t3.rows[0].map((c) => [c.text.slice(0, 6), c.rowSpan, c.colSpan])).toEqual([
      ['（本列数据的', 3, 3],
      ['申请人情况', undefined, 7],
    ]);
    expect(t3.rows[1].map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['自然人', 2, undefined],
      ['法人或其他组织', undefined, 5],
      ['总计', 2, undefined],
    ]);
    expect(t3.rows[2]).toHaveLength(5);
    const granted = t3.rows[5];
    expect(granted[0]).toMatchObject({ text: '三、本年度办理结果', rowSpan: 22 });
    expect(granted[1]).toMatchObject({ text: '（一）予以公开', colSpan: 2 });
    expect(granted).toHaveLength(9);
    const denied = t3.rows[7];
    expect(denied[0]).toMatchObject({ text: '（三）不予公开', rowSpan: 8 });
    expect(denied).toHaveLength(9);
    // Rows covered by the merges carry only their own cells (never a copy of the merged label).
    for (let r = 8; r <= 14; r++) expect(t3.rows[r]).toHaveLength(8);
    expect(t3.rows[14].map((c) => c.text)).toEqual(['8.属于行政查询事项', '87', '88', '', '90', '91', '92', '93']);
    const all3 = t3.rows.flat().map((c) => c.text);
    expect(all3.filter((t) => t === '三、本年度办理结果')).toHaveLength(1);
    expect(all3.filter((t) => t === '（三）不予公开')).toHaveLength(1);
    // Table 四: two header rows with merges, then 15 values.
    expect(t4.rows[0].map((c) => [c.text, c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(t4.rows[1].slice(0, 5).every((c) => c.rowSpan === 2)).toBe(true);
    expect(t4.rows[2]).toHaveLength(10);
    expect(t4.rows[3]).toHaveLength(15);
  });

  it('gives every block and cell a position in the display lines and a path', () => {
    for (const b of doc.blocks) {
      if (b.kind === 'paragraph') {
        expect(doc.lines[b.pos.line! - 1]).toBe(b.text);
        expect(b.pos.path).toMatch(/^第\d+段$/);
        continue;
      }
      expect(b.pos.path).toMatch(/^表格\d$/);
      b.rows.forEach((row: GridCell[]) => {
        for (const c of row) {
          const line = doc.lines[c.pos.line! - 1];
          expect(line.slice(c.pos.column! - 1, c.pos.column! - 1 + c.pos.length!)).toBe(c.text);
          expect(c.pos.path).toMatch(/^表格\d 第\d+行 第\d+列$/);
        }
        expect(doc.lines[row[0]?.pos.line! - 1]).toBe(row.map((c) => c.text).join('\t'));
      });
    }
    const t3 = tables(doc)[1];
    expect(t3.rows[7][0].pos.path).toBe('表格2 第8行 第2列');
    expect(t3.rows[7][1].pos.path).toBe('表格2 第8行 第3列');
    expect(t3.rows[8][0].pos.path).toBe('表格2 第9行 第3列');
  });

  it('takes the title and creation date from docProps/core.xml', () => {
    expect(doc.hints.title).toBe(TITLE);
    expect(doc.hints.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(doc.hints.publishedAt).toBeUndefined();
  });

  it('reads the same cells when the namespace prefix is not w:', async () => {
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const renamed = xml.replace(/xmlns:w=/g, 'xmlns:ns0=').replace(/(<\/?)w:/g, '$1ns0:').replace(/(\s)w:([A-Za-z]+=)/g, '$1ns0:$2');
    expect(renamed).not.toMatch(/<w:/);
    zip.file('word/document.xml', renamed);
    const buf = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const report = extractReport(await readDocument(buf, 'ns0.docx'), 'ns0.docx');
    expect(report.cells).toEqual(extractReport(doc, 'report.docx').cells);
  });
});

describe('DOCX content rules', () => {
  const p = (inner: string) => `<w:p>${inner}</w:p>`;
  const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

  it('tabs split cells, breaks split lines, w:ins and content controls kept, w:del and field codes dropped', async () => {
    const body =
      p(`${r('一、总体情况')}`) +
      p(`${r('规章')}<w:r><w:tab/></w:r>${r('0')}<w:r><w:tab/><w:t>1</w:t></w:r>`) +
      p(`${r('第一行')}<w:r><w:br/></w:r>${r('第二行')}`) +
      p(`${r('保留')}<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>`) +
      `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${p(r('控件内文字'))}</w:sdtContent></w:sdt>` +
      p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
      p(`<w:hyperlink r:id="x">${r('链接 &amp; &lt;文字&gt;')}</w:hyperlink>`);
    const d = await readDocument(await docxWithBody(body, { 'word/header1.xml': `<w:hdr xmlns:w="x"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>` }), 'a.docx');
    expect(d.lines).toEqual(['一、总体情况', '规章\t0\t1', '第一行', '第二行', '保留插入', '控件内文字', '3', '链接 & <文字>']);
    expect(d.blocks.map((b) => b.kind)).toEqual(Array(8).fill('paragraph'));
    expect(d.lines.join('\n')).not.toContain('页眉');
  });

  it('unwraps a layout table holding the report and keeps the nested table as a table', async () => {
    const inner = `<w:tbl><w:tr><w:tc>${p(r('行政复议'))}</w:tc><w:tc>${p(r('1'))}</w:tc></w:tr></w:tbl>`;
    const body = `<w:tbl><w:tr><w:tc>${p(r('一、总体情况'))}${inner}${p(r('五、存在的主要问题及改进情况'))}</w:tc></w:tr></w:tbl>`;
    const d = await readDocument(await docxWithBody(body), 'a.docx');
    expect(d.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(d.lines).toEqual(['一、总体情况', '行政复议\t1', '五、存在的主要问题及改进情况']);
    const t = d.blocks[1] as Extract<Block, { kind: 'table' }>;
    expect(t.rows[0][1].pos.path).toBe('表格1 第1行 第1列 表格2 第1行 第2列');
  });

  it('resolves gridBefore, vMerge continuation without an origin and legacy hMerge', async () => {
    const tc = (text: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p(text ? r(text) : '')}</w:tc>`;
    const body = `<w:tbl>
      <w:tr>${tc('A', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}${tc('B', '<w:vMerge w:val="restart"/>')}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('', '<w:vMerge/>')}</w:tr>
      <w:tr>${tc('x')}${tc('y')}${tc('', '<w:vMerge/>')}</w:tr>
    </w:tbl>`;
    const d = await readDocument(await docxWithBody(body), 'a.docx');
    const t = d.blocks[0] as Extract<Block, { kind: 'table' }>;
    expect(t.rows.map((row) => row.map((c) => [c.text, c.rowSpan ?? 1, c.colSpan ?? 1]))).toEqual([
      [
        ['A', 1, 2],
        ['B', 3, 1],
      ],
      [],
      [
        ['x', 1, 1],
        ['y', 1, 1],
      ],
    ]);
  });
});

describe('DOCX failures', () => {
  const BOMB_SIZE = 300 * 1024 * 1024;
  let zeros: Uint8Array;
  beforeAll(async () => {
    zeros = await deflatedZeros(BOMB_SIZE);
  }, 30_000);

  it('a truncated docx → corrupt', async () => {
    const f = await failureOf(docx.subarray(0, Math.floor(docx.length * 0.6)));
    expect(f.code).toBe('corrupt');
    expect(f.message).toMatch(/损坏|截断/);
  });

  it('a zip that is not a Word document → not-a-docx', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', '一些文字');
    zip.file('data/table.csv', 'a,b\n1,2');
    const f = await failureOf(await zip.generateAsync({ type: 'uint8array' }), 'report.zip');
    expect(f.code).toBe('not-a-docx');
    expect(f.message).toContain('zip 压缩包，但不是 Word 文档');
  });

  it('an epub → not-a-docx naming it', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    zip.file('META-INF/container.xml', '<container/>');
    const f = await failureOf(await zip.generateAsync({ type: 'uint8array' }), 'book.docx');
    expect(f.code).toBe('not-a-docx');
    expect(f.message).toContain('epub');
  });

  it('a workbook goes to the xlsx reader, or unsupported-format when there is none', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const buf = await zip.generateAsync({ type: 'uint8array' });
    const saved = await readerFor('xlsx'); // loaded (and registered) first, so deleting it sticks
    delete READERS['xlsx'];
    try {
      expect((await failureOf(buf, 'a.xlsx')).code).toBe('unsupported-format');
      let called = false;
      READERS['xlsx'] = () => {
        called = true;
        throw new ReadFailure('xlsx-test', 'x');
      };
      expect((await failureOf(buf, 'a.xlsx')).code).toBe('xlsx-test');
      expect(called).toBe(true);
    } finally {
      if (saved) READERS['xlsx'] = saved;
      else delete READERS['xlsx'];
    }
  });

  // Speed is measured by `npm run bench`, not asserted here: memory shows nothing was inflated.
  it('a zip bomb (one entry, 300 MB of zeros) → zip-bomb, without inflating it', async () => {
    expect(zeros.length).toBeLessThan(1024 * 1024);
    const bomb = makeZip([{ name: 'word/document.xml', data: zeros, method: 8, declaredSize: BOMB_SIZE }]);
    const before = process.memoryUsage();
    const f = await failureOf(bomb, 'bomb.docx');
    const after = process.memoryUsage();
    expect(f.code).toBe('zip-bomb');
    expect(f.message).toContain('压缩炸弹');
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(64 * 1024 * 1024);
  });

  it('a zip bomb whose headers lie about the size → zip-bomb while inflating', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>'), method: 0, declaredSize: 8 },
      { name: 'word/document.xml', data: zeros, method: 8, declaredSize: 4096 },
    ]);
    const before = process.memoryUsage();
    const f = await failureOf(bomb, 'liar.docx');
    const after = process.memoryUsage();
    expect(f.code).toBe('zip-bomb');
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(128 * 1024 * 1024);
  });

  it('a zip whose declared sizes add up above the limit → zip-bomb', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `word/media/image${i}.png`, data: new Uint8Array(1024 * 1024), method: 0 as const, declaredSize: 50 * 1024 * 1024 }));
    const f = await failureOf(makeZip([{ name: 'word/document.xml', data: new Uint8Array(10), method: 0, declaredSize: 10 }, ...entries]));
    expect(f.code).toBe('zip-bomb');
  });

  it('a docx whose document.xml is garbage → failure, no throw', async () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    for (const content of [garbage, new TextEncoder().encode('<html><body><p>不是 Word</p></body></html>'), new TextEncoder().encode('<w:document><w:body><w:p><w:r><w:t>截断'), new TextEncoder().encode('<a>'.repeat(5000))]) {
      const zip = await JSZip.loadAsync(docx);
      zip.file('word/document.xml', content);
      const f = await failureOf(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
      expect(['corrupt', 'not-a-report']).toContain(f.code);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('garbage after a zip signature → corrupt', async () => {
    const buf = new Uint8Array(2000);
    buf.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < buf.length; i++) buf[i] = (i * 31) % 256;
    expect((await failureOf(buf)).code).toBe('corrupt');
  });
});
