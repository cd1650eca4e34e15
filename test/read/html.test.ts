import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_2021 } from '../../src/core/template.js';
import type { CellValue, SourceDocument } from '../../src/core/types.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { declaredCharset, readHtml } from '../../src/read/html.js';
import { readDocument } from '../../src/read/index.js';
import '../../src/read/formats.js';
import { REAL } from '../helpers/paths.js';


const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

async function extract(buf: Uint8Array, name = 'page.html') {
  const doc = await readDocument(buf, name);
  return { doc, report: extractReport(doc, name) };
}

describe('real HTML fixtures', () => {
  for (const name of ['shanghai-bgt-2019', 'pingtan-2023']) {
    it(`${name}: every cell and the meta as expected`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(REAL, `${name}.expected.json`), 'utf8')) as { cells: Record<string, CellValue>; meta: Record<string, unknown> };
      const { doc, report } = await extract(new Uint8Array(fs.readFileSync(path.join(REAL, `${name}.html`))), `${name}.html`);
      expect(doc.format).toBe('html');
      const wrong = Object.entries(expected.cells).filter(([k, v]) => report.cells[k] !== v);
      expect(wrong).toEqual([]);
      for (const [k, v] of Object.entries(expected.meta)) expect(String((report.meta as unknown as Record<string, unknown>)[k]), k).toBe(String(v));
      expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    });
  }

  it('pingtan: site chrome is left out, the hints come from the page meta', async () => {
    const doc = readHtml(new Uint8Array(fs.readFileSync(path.join(REAL, 'pingtan-2023.html'))), 'p.html');
    expect(doc.hints.title).toBe('平潭综合实验区2023年度政府信息公开工作年度报告');
    expect(doc.hints.publishedAt).toMatch(/^2024-03-08/);
    expect(doc.hints.publisher).toBe('平潭综合实验区管委会办公室');
    const all = doc.lines.join('\n');
    expect(all).not.toMatch(/长者模式|无障碍|热门搜索|当前位置|省市政府网站/);
    expect(doc.lines[0]).toMatch(/^本报告根据/);
  });

  it('shanghai: spans recorded, each cell once at its origin, positions point into lines', () => {
    const doc = readHtml(new Uint8Array(fs.readFileSync(path.join(REAL, 'shanghai-bgt-2019.html'))), 's.html');
    expect(doc.hints.publishedAt).toBe('2020-01-31');
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(3);
    const t3 = tables[1];
    if (t3.kind !== 'table') throw new Error();
    expect(t3.rows[0][0]).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(t3.rows[0].map((c) => c.text)).toEqual(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况']);
    for (const t of tables) {
      if (t.kind !== 'table') continue;
      for (const row of t.rows)
        for (const c of row) {
          const line = doc.lines[c.pos.line! - 1];
          expect(line.slice(c.pos.column! - 1, c.pos.column! - 1 + c.pos.length!)).toBe(c.text);
          expect(c.pos.path).toMatch(/^table\[\d+\] tr\[\d+\] t[dh]\[\d+\]/);
        }
    }
  });
});

// ------------------------------------------------------------------ generated page

/** Deterministic figures: some blank (&nbsp;), some 0, some numbers. */
function* figures(seed: number): Generator<string> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const r = x % 10;
    yield r < 2 ? '&nbsp;' : r < 4 ? '0' : String(x % 300);
  }
}

interface Generated {
  html: string;
  cells: Record<string, CellValue>;
}

const td = (s: string, a = '') => `<td${a}><p style="text-align:center"><span style="font-family:宋体;font-size:14px">${s}</span></p></td>`;
const val = (s: string): CellValue => (s === '&nbsp;' ? null : Number(s));

/** A 2021-template report page with site chrome, spans in every table and &nbsp; blanks. */
function generatePage(opts: { charsetMeta?: string | null; seed?: number } = {}): Generated {
  const gen = figures(opts.seed ?? 7);
  const next = () => gen.next().value as string;
  const cells: Record<string, CellValue> = {};
  const t = TEMPLATE_2021;

  // Table 二: block headings span all four columns; one-column blocks span three.
  let t2 = '<table border="1" cellspacing="0"><tbody>';
  for (const block of t.t2.blocks) {
    t2 += `<tr>${td(block.heading, ' colspan="4"')}</tr>`;
    const wide = block.columns.length === 1 ? ' colspan="3"' : '';
    t2 += `<tr>${td('信息内容')}${block.columns.map((c) => td(c.label, wide)).join('')}</tr>`;
    for (const row of block.rows) {
      t2 += `<tr>${td(row.label)}`;
      for (const c of block.columns) {
        const v = c.kind === 'decimal' ? '12.3456' : next();
        cells[`t2.${row.key}.${c.key}`] = val(v);
        t2 += td(v, wide);
      }
      t2 += '</tr>';
    }
  }
  t2 += '</tbody></table>';

  // Table 三: the pingtan/shanghai layout — a 3-wide, 3-high corner, group labels spanning rows.
  let t3 = '<table border="1"><tbody>';
  t3 += `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`;
  t3 += `<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`;
  t3 += `<tr>${['商业<br/>企业', '科研<br>机构', '社会公益组织', '法律服务机构', '其他'].map((s) => td(s)).join('')}</tr>`;
  const rows = t.t3.rows;
  const groupSize = new Map<string, number>();
  let currentGroup: string | undefined;
  for (const r of rows) {
    if (r.group) currentGroup = r.group;
    else if (r.ordinal && /^[（一二三四]/.test(r.ordinal) && !/^\d/.test(r.ordinal)) currentGroup = undefined;
    if (currentGroup) groupSize.set(currentGroup, (groupSize.get(currentGroup) ?? 0) + 1);
  }
  currentGroup = undefined;
  for (const r of rows) {
    let tr = '<tr>';
    if (r.key === 'granted') {
      // 三、本年度办理结果 spans every outcome row; its sub-rows are labelled in the next column.
      tr += td('三、本年度办理结果', ' rowspan="22"');
      tr += td(`${r.ordinal}${r.label}`, ' colspan="2"');
    } else if (r.group) {
      currentGroup = r.group;
      tr += td(r.group, ` rowspan="${groupSize.get(r.group)}"`) + td(`${r.ordinal}${r.label}`);
    } else if (r.key === 'partialGrant' || r.key === 'total') tr += td(`${r.ordinal}${r.label}`, ' colspan="2"');
    else if (r.key === 'newReceived' || r.key === 'carriedOver' || r.key === 'carriedForward') tr += td(`${r.ordinal}${r.label}`, ' colspan="3"');
    else tr += td(`${r.ordinal}${r.label}`);
    for (const c of t.t3.columns) {
      const v = next();
      cells[`t3.${r.key}.${c.key}`] = val(v);
      tr += td(v);
    }
    t3 += tr + '</tr>';
  }
  t3 += '</tbody></table>';

  // Table 四: two header levels with spans, one data row.
  let t4 = '<table border="1"><tbody>';
  t4 += `<tr>${td('行政复议', ' colspan="5" rowspan="2"')}${td('行政诉讼', ' colspan="10"')}</tr>`;
  t4 += `<tr>${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>`;
  t4 += `<tr>${[0, 1, 2].map(() => ['结果<br>维持', '结果<br>纠正', '其他<br>结果', '尚未<br>审结', '总计'].map((s) => td(s)).join('')).join('')}</tr><tr>`;
  for (const g of t.t4.groups)
    for (const c of t.t4.columns) {
      const v = next();
      cells[`t4.${g.key}.${c.key}`] = val(v);
      t4 += td(v);
    }
  t4 += '</tr></tbody></table>';

  const charset = opts.charsetMeta === undefined ? '<meta charset="utf-8">' : opts.charsetMeta === null ? '' : `<meta http-equiv="Content-Type" content="text/html; charset=${opts.charsetMeta}">`;
  const html = `<!DOCTYPE html>
<html><head>${charset}
<title>示例县2022年度政府信息公开工作年度报告_政府信息公开年报_示例县人民政府</title>
<meta name="PubDate" content="2023-01-20 09:00">
<meta name="ContentSource" content="示例县人民政府办公室">
<script>var nav = "一、总体情况 二、主动公开政府信息情况";</script>
<style>.x{color:red}</style>
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/xxgk">政府信息公开</a></li><li><a href="/nb">政府信息公开年报</a></li></ul>
<div class="search">热门搜索：<a>就业</a><a>社保</a></div></div>
<div class="main"><div class="left">
  <div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
  <div class="title"><h1>示例县2022年度政府信息公开工作年度报告</h1><span>发布时间：2023-01-20</span><span>来源：示例县人民政府办公室</span></div>
  <div class="article" id="zoom">
    <p style="text-indent:2em">本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p>
    <p style="text-indent:2em"><strong>&nbsp;一、总体情况</strong>&nbsp;</p>
    <p>2022年，示例县认真贯彻落实《条例》。<br>（一）主动公开方面<br>全年主动公开政府信息1234条。</p>
    <div>（二）依申请公开方面</div><div>全年受理申请若干件。</div>
    <p><strong>二、主动公开政府信息情况</strong></p>
    ${t2}
    <p><strong>三、收到和处理政府信息公开申请情况</strong></p>
    ${t3}
    <p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
    ${t4}
    <p><strong>五、存在的主要问题及改进情况</strong></p>
    <p>一是公开质量有待提高。</p>
    <p><strong>六、其他需要报告的事项</strong></p>
    <p>本年度未收取信息处理费。</p>
    <p style="text-align:right">示例县人民政府办公室<br>2023年1月20日</p>
  </div>
</div>
<div class="right"><h3>相关链接</h3><ul><li><a href="/a">示例县2021年度政府信息公开工作年度报告</a></li><li><a href="/b">示例县2020年度政府信息公开工作年度报告</a></li><li><a href="/c">关于行政复议工作的通知</a></li></ul></div></div>
<div class="footer"><p>主办：示例县人民政府办公室 网站标识码：1234567890</p><p>版权所有 联系我们 网站地图</p></div>
</body></html>`;
  return { html, cells };
}

function cellsOf(doc: SourceDocument): Record<string, CellValue> {
  return extractReport(doc, 'gen.html').cells;
}

describe('generated page', () => {
  const page = generatePage();

  it('spans, blanks and chrome: every cell read exactly', async () => {
    const { doc, report } = await extract(utf8(page.html));
    const wrong = Object.entries(page.cells).filter(([k, v]) => report.cells[k] !== v);
    expect(wrong).toEqual([]);
    expect(Object.values(page.cells).filter((v) => v === null).length).toBeGreaterThan(20);
    expect(report.meta).toMatchObject({ agency: '示例县', year: 2022, template: '2021', level: 'county', publishedAt: '2023-01-20' });
    expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    const all = doc.lines.join('\n');
    expect(all).not.toMatch(/热门搜索|当前位置|相关链接|版权所有|2021年度政府信息公开/);
    expect(doc.hints).toMatchObject({ title: '示例县2022年度政府信息公开工作年度报告', publishedAt: '2023-01-20 09:00', publisher: '示例县人民政府办公室' });
    // <br>-separated lines are lines of their own; no text holds a tab.
    expect(doc.lines).toContain('（一）主动公开方面');
    expect(doc.lines).toContain('2023年1月20日');
    for (const b of doc.blocks) if (b.kind === 'paragraph') expect(b.text).not.toMatch(/\t/);
  });

  it('each spanned cell once at its origin, blanks are empty strings', () => {
    const doc = readHtml(utf8(page.html), 'gen.html');
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(3);
    const [t2, t3, t4] = tables.map((t) => (t.kind === 'table' ? t.rows : []));
    // 行政许可 has one value spanning three columns: label + one cell.
    const lic = t2.find((r) => r[0].text === '行政许可')!;
    expect(lic).toHaveLength(2);
    expect(lic[1].colSpan).toBe(3);
    // Outcome rows: the group label sits only on its first row.
    const granted = t3.find((r) => r.some((c) => c.text === '（一）予以公开'))!;
    expect(granted[0]).toMatchObject({ text: '三、本年度办理结果', rowSpan: 22 });
    expect(granted).toHaveLength(9);
    const partial = t3.find((r) => r[0].text.startsWith('（二）部分公开'))!;
    expect(partial).toHaveLength(8);
    const secret = t3.find((r) => r.some((c) => c.text === '1.属于国家秘密'))!;
    expect(secret[0]).toMatchObject({ text: '（三）不予公开', rowSpan: 8 });
    expect(t3[2].map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(t4[0].map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['行政复议', 2, 5],
      ['行政诉讼', undefined, 10],
    ]);
    expect(t4[3]).toHaveLength(15);
    const blanks = t4[3].filter((c) => c.text === '');
    expect(blanks.length).toBe(Object.entries(page.cells).filter(([k, v]) => k.startsWith('t4.') && v === null).length);
    // Positions: every cell's span in its display line is its text.
    for (const rows of [t2, t3, t4])
      for (const row of rows) {
        const line = doc.lines[row[0].pos.line! - 1];
        expect(line).toBe(row.map((c) => c.text).join('\t'));
        for (const c of row) expect(line.slice(c.pos.column! - 1, c.pos.column! - 1 + c.pos.length!)).toBe(c.text);
      }
    expect(granted[0].pos.path).toBe('table[2] tr[6] td[1]');
  });

  it('GBK with a declaration, GBK sniffed, UTF-8: identical cells', async () => {
    const base = cellsOf(readHtml(utf8(page.html), 'a.html'));
    const declared = generatePage({ charsetMeta: 'gbk' });
    const gbkBuf = new Uint8Array(iconv.encode(declared.html, 'gbk'));
    expect(declaredCharset(gbkBuf)).toBe('gbk');
    const bare = generatePage({ charsetMeta: null });
    const bareBuf = new Uint8Array(iconv.encode(bare.html, 'gbk'));
    expect(declaredCharset(bareBuf)).toBeNull();
    const gb2312 = new Uint8Array(iconv.encode(page.html.replace('<meta charset="utf-8">', '<meta charset="gb2312">'), 'gbk'));
    // A wrong declaration: says UTF-8, bytes are GBK.
    const lying = new Uint8Array(iconv.encode(page.html, 'gbk'));
    for (const buf of [gbkBuf, bareBuf, gb2312, lying]) {
      const { doc, report } = await extract(buf);
      expect(report.cells).toEqual(base);
      expect(doc.lines.join('\n')).toContain('一、总体情况');
    }
    expect(base['t3.newReceived.naturalPerson']).toBe(page.cells['t3.newReceived.naturalPerson']);
  });

  it('traditional-character mirror (cn → twp): identical cells', async () => {
    const toTw = OpenCC.Converter({ from: 'cn', to: 'twp' });
    const tw = toTw(page.html);
    expect(tw).not.toBe(page.html);
    expect(tw).toContain('資訊');
    const { report } = await extract(utf8(tw));
    expect(report.cells).toEqual(cellsOf(readHtml(utf8(page.html), 'a.html')));
    const wrong = Object.entries(page.cells).filter(([k, v]) => report.cells[k] !== v);
    expect(wrong).toEqual([]);
  });

  it('malformed markup (end tags dropped, stray closers) reads the same', async () => {
    const broken = page.html.replace(/<\/(td|tr|p|tbody|span|li)>/g, '').replace('<div class="article" id="zoom">', '<div class="article" id="zoom"></span></table></b>');
    const { report } = await extract(utf8(broken));
    expect(report.cells).toEqual(page.cells);
  });

  it('a report wrapped in a layout table and in very deep markup', async () => {
    const inner = page.html.slice(page.html.indexOf('<div class="article"'), page.html.indexOf('<div class="right">'));
    const layout = `<html><head><meta charset="utf-8"><title>示例县2022年度政府信息公开工作年度报告</title></head><body><table width="100%"><tr><td>导航：首页</td></tr><tr><td>${inner}</td></tr><tr><td>版权所有</td></tr></table></body></html>`;
    expect((await extract(utf8(layout))).report.cells).toEqual(page.cells);
    const deep = `<html><body>${'<div>'.repeat(3000)}${inner}${'</div>'.repeat(3000)}</body></html>`;
    const r = await parseBytes(utf8(deep), 'deep.html');
    expect(r.ok).toBe(true);
  });
});

describe('bad input', () => {
  it('a page of site chrome only: not-a-report', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例县人民政府</title></head><body>
      <div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/nb">政府信息公开年报</a></div>
      <div class="list"><ul><li><a>示例县2022年度政府信息公开工作年度报告</a><span>2023-01-20</span></li><li><a>关于开展安全生产检查的通知</a></li></ul></div>
      <div class="footer">版权所有 示例县人民政府 网站标识码 123</div></body></html>`;
    const r = await parseBytes(utf8(html), 'list.html');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure.code).toBe('not-a-report');
  });

  it('an empty body and a bare tag: not-a-report, no crash', async () => {
    for (const html of ['<html><body></body></html>', '<html>', '<table><tr><td></td></tr></table>', '<div><p>&nbsp;</p></div>']) {
      const r = await parseBytes(utf8(html), 'empty.html');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.failure.code).toBe('not-a-report');
    }
  });

  it('garbage after an HTML start: a ReadFailure, not a crash', async () => {
    const bytes: number[] = [...Buffer.from('<html><body><table><tr><td>')];
    let x = 42;
    for (let i = 0; i < 4000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      bytes.push(x & 0xff);
    }
    const r = await parseBytes(new Uint8Array(bytes), 'garbage.html');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['binary', 'not-a-report']).toContain(r.failure.code);
    // Printable junk without control bytes reaches the extractor and fails there.
    const junk = '<html><body>' + '<<<>>>&&&;;<div <p <table <td colspan=999999 rowspan=-3>x'.repeat(200);
    const r2 = await parseBytes(utf8(junk), 'junk.html');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.failure.code).toBe('not-a-report');
  });

  it('absurd spans are clamped, not expanded', () => {
    const html = '<table><tr><td colspan="100000" rowspan="100000">a</td><td>b</td></tr><tr><td rowspan="0">c</td></tr></table>';
    const doc = readHtml(utf8(html), 'x.html');
    const t = doc.blocks.find((b) => b.kind === 'table');
    expect(t?.kind === 'table' && t.rows.map((r) => r.map((c) => c.text))).toEqual([['a', 'b'], ['c']]);
  });
});
