/**
 * Presentations and wordings nobody tuned for (issue: "read the reports nobody tuned for").
 * Each case perturbs a seed the way published reports differ, and asserts the invariant:
 * every cell is the report's own figure, or blank with an `unreadable` finding — never
 * another row's number.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { SEEDS, REAL, DERIVED } from '../helpers/paths.js';
import { readText } from '../../src/read/text.js';
import { toFields } from '../../src/extract/fields.js';
import { tokenize } from '../../src/extract/tokens.js';
import { lexicon } from '../../src/extract/lexicon.js';

type Ok = Extract<ParseOutcome, { ok: true }>;

const enc = (s: string) => new TextEncoder().encode(s);
const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');
const CLEAN = '004_e9b0b4183da4b0c6.txt';

async function parse(text: string, name = 'x.txt'): Promise<Ok> {
  const r = await parseBytes(enc(text), name);
  if (!r.ok) throw new Error(r.failure.message);
  return r;
}

/** Cells that differ from the reference: a wrong number, or a blank without an unreadable finding. */
function judge(ref: Ok, got: Ok, expectBlank: string[] = []): { wrong: string[]; silentBlank: string[] } {
  const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
  const wrong: string[] = [];
  const silentBlank: string[] = [];
  for (const [k, v] of Object.entries(ref.cells)) {
    const g = got.cells[k];
    if (expectBlank.includes(k)) continue;
    if (g === v) continue;
    if (g === null && unreadable.has(k)) continue;
    if (g === null) silentBlank.push(k);
    else wrong.push(`${k}: ${g} ≠ ${v}`);
  }
  return { wrong, silentBlank };
}

const rules = (r: Ok, severity = 'error') => r.findings.filter((f) => f.severity === severity).map((f) => f.rule);

describe('prose that names rows before a table is never a table row', () => {
  it('办理结果中，予以公开5件… between the heading and table 三', async () => {
    const text = seed(CLEAN);
    const ref = await parse(text);
    const perturbed = text.replace('三、收到和处理政府信息公开申请情况\n', '三、收到和处理政府信息公开申请情况\n办理结果中，予以公开5件，部分公开2件，结转下年度继续办理1件。\n');
    expect(perturbed).not.toBe(text);
    const got = await parse(perturbed);
    expect(got.cells).toEqual(ref.cells);
    expect(rules(got)).not.toContain('table-missing');
  });
});

describe('row wording not in the variant list', () => {
  it('inserted, dropped and misprinted characters match their row and are reported as label-variant', async () => {
    const text = seed(CLEAN);
    const ref = await parse(text);
    const perturbed = text
      .replace('要求行政机关确认或重新出具已获取信息', '要求行政机关确认或重新出具已获取的信息')
      .replace('没有现成信息需要另行制作', '没有现成信息需要另外制作')
      .replace('信访举报投诉类申请', '信访、举报、投诉类申请')
      .replace('其他法律行政法规禁止公开', '其他法律行政止公开');
    const got = await parse(perturbed);
    expect(got.cells).toEqual(ref.cells);
    const variants = got.findings.filter((f) => f.rule === 'label-variant').flatMap((f) => f.cells);
    for (const row of ['notProcessed.confirmOrReissue', 'unable.needsCreation', 'notProcessed.petitionComplaint', 'denied.lawForbidden'])
      expect(variants.some((k) => k.startsWith(`t3.${row}.`))).toBe(true);
  });

  it('a label nobody can match leaves its row unreadable, and its figures never land on the row above', async () => {
    const text = seed('000_2790cd25742a97b3.txt');
    const ref = await parse(text);
    const got = await parse(text.replace('2.没有现成信息需要另行制作', '2.此行标签完全无法辨认'));
    const { wrong, silentBlank } = judge(ref, got);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
    expect(got.cells['t3.unable.notHeld.naturalPerson']).toBe(ref.cells['t3.unable.notHeld.naturalPerson']);
    expect(got.cells['t3.unable.needsCreation.total']).toBeNull();
    expect(rules(got)).not.toContain('table-missing');
  });
});

describe('section headings', () => {
  it('a heading wrapped onto a second line', async () => {
    const text = seed(CLEAN).replace('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议和提起行政诉讼\n情况');
    const got = await parse(text);
    expect(got.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    expect(rules(got)).toEqual([]);
  });
});

describe('traditional characters', () => {
  const toTw = OpenCC.Converter({ from: 'cn', to: 'twp' });
  it('a Taiwan-phrase mirror (資訊, 檔案) reads to the same cells and meta', async () => {
    const text = seed(CLEAN);
    const ref = await parse(text);
    const tw = toTw(text);
    expect(tw).toContain('行政規範性檔案');
    const got = await parse(tw);
    expect(got.cells).toEqual(ref.cells);
    expect(got.meta.year).toBe(ref.meta.year);
    expect(got.meta.template).toBe(ref.meta.template);
    expect(rules(got)).toEqual([]);
  });

  it('keyword rules read the converted text (填報說明)', async () => {
    const got = await parse(toTw(seed(CLEAN).replace('六、其他需要报告的事项', '六、其他需要报告的事项\n填报说明：本部分请填写信息处理费情况。')));
    expect(got.findings.map((f) => f.rule)).toContain('template-residue');
  });
});

describe('an empty cell at the edge of a row', () => {
  it('first cell of table 四, one cell per line (text copied from Word)', async () => {
    const text = seed('000_2790cd25742a97b3.txt');
    const lines = text.split('\n');
    // The data row of table 四 starts after the last header cell: blank its first cell.
    const at = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('四、政府信息公开行政复议')) && /^\t\d+$/.test(l));
    lines[at] = '\t';
    const ref = await parse(text);
    const got = await parse(lines.join('\n'));
    expect(got.cells['t4.review.upheld']).toBeNull();
    const { wrong, silentBlank } = judge(ref, got, ['t4.review.upheld']);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
    expect(got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t4.review.upheld'))).toBe(true);
  });

  it('last cell after a trailing tab in tab-separated rows', async () => {
    const text = seed('001_5f25c15575702d27.txt');
    const m = /^(规章\t0\t0\t)0$/m.exec(text);
    expect(m).not.toBeNull();
    const got = await parse(text.replace(/^规章\t0\t0\t0$/m, '规章\t0\t0\t'));
    expect([got.cells['t2.regulations.made'], got.cells['t2.regulations.repealed'], got.cells['t2.regulations.valid']]).toEqual([0, 0, null]);
    expect(got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t2.regulations.valid'))).toBe(true);
  });
});

describe('meta from titles in all their forms', () => {
  it('关于…的年度报告', async () => {
    const text = seed(CLEAN).replace(/^.*政府信息公开工作年度报告\s*$/m, '某某市医疗保障局关于2021年度政府信息公开工作的年度报告');
    const got = await parse(text);
    expect(got.meta.agency).toBe('某某市医疗保障局');
    expect(got.meta.year).toBe(2021);
    expect(got.meta.level).toBe('department');
  });

  it('a title wrapped mid-word (PDF)', async () => {
    const text = seed(CLEAN).replace(/^(.*)政府信息公开工作年度报告\s*$/m, '$1政府信息公\n开工作年度报告');
    const got = await parse(text);
    expect(got.meta.agency).toBe('海青镇');
    expect(got.meta.year).toBe(2023);
  });

  it("a portal's publishing office never names the agency; the 落款 does", async () => {
    const html = `<html><head><meta name="ContentSource" content="综合办公室"></head><body><div class="article">
      <p>来源：综合办公室</p><p>一、总体情况</p><p>本年度持续推进政务公开。</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>
      <p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>
      <p>某某县自然资源局</p><p>2024年1月20日</p></div></body></html>`;
    const r = await parseBytes(enc(html), 'x.html');
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.meta.agency).toBe('某某县自然资源局');
    expect(r.findings.map((f) => f.rule)).not.toContain('rules-authority');
  });
});

describe('flattened text with a genuine arithmetic error', () => {
  it('the one reading that breaks fewest identities is taken and the error reported', async () => {
    const text = readFileSync(path.join(REAL, 'pingtan-2022-flattened.txt'), 'utf8');
    const ref = await parse(text);
    const broken = text.replace('一、本年新收政府信息公开申请数量 713000074', '一、本年新收政府信息公开申请数量 713000075');
    expect(broken).not.toBe(text);
    const got = await parse(broken);
    expect(got.cells['t3.newReceived.total']).toBe(75);
    const { wrong, silentBlank } = judge(ref, got, ['t3.newReceived.total']);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
    expect(rules(got)).toEqual(expect.arrayContaining(['requests-row-total', 'requests-balance']));
  });
});

describe('flattened text where a blank cell left no trace', () => {
  const text = () => readFileSync(path.join(REAL, 'pingtan-2022-flattened.txt'), 'utf8');

  it('a table-三 row one figure short is never read as seven cells that break the table', async () => {
    const ref = await parse(text());
    // 71,3,0,0,0,(blank),74: the run now splits into seven one-or-two-digit cells only by moving figures.
    const got = await parse(text().replace('一、本年新收政府信息公开申请数量 713000074', '一、本年新收政府信息公开申请数量 71300074'));
    const { wrong, silentBlank } = judge(ref, got, ['t3.newReceived.otherOrg']);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
    expect(got.cells['t3.newReceived.total']).not.toBe(4);
  });

  it('one table-三 row lost a blank (信访… 035002560, its run also splits "validly" as 0 3 50 0 2 5 60): the identities give that row, every other row is read', async () => {
    const file = path.join(DERIVED, 'zoo', 'flattened-row-lost-a-blank.txt');
    const truth = JSON.parse(readFileSync(file.replace(/\.txt$/, '.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    const got = await parse(readFileSync(file, 'utf8'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    const t3 = Object.keys(truth.cells).filter((k) => k.startsWith('t3.'));
    // Never another figure; the blank and the 0 beside it (either may be the blank) flagged.
    expect(t3.filter((k) => got.cells[k] !== truth.cells[k] && !(got.cells[k] === null && flagged.has(k)))).toEqual([]);
    expect(t3.filter((k) => got.cells[k] !== truth.cells[k])).toEqual(['t3.notProcessed.petitionComplaint.naturalPerson', 't3.notProcessed.petitionComplaint.commercial'].filter((k) => truth.cells[k] !== null));
    expect(got.cells['t3.notProcessed.petitionComplaint.research']).toBe(35);
    expect(flagged.has('t3.notProcessed.petitionComplaint.naturalPerson')).toBe(true);
  });

  it('one table-三 row lost its total (3.危及“三安全一稳定” 1000000: 10 0 0 0 0 0 and a blank), the table\'s totals kept its figure: the identities give the row, the blank is reported', async () => {
    const file = path.join(DERIVED, 'zoo', 'flattened-row-total-blank.txt');
    const truth = JSON.parse(readFileSync(file.replace(/\.txt$/, '.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    const got = await parse(readFileSync(file, 'utf8'));
    const t3 = Object.keys(truth.cells).filter((k) => k.startsWith('t3.'));
    expect(t3.filter((k) => got.cells[k] !== truth.cells[k])).toEqual([]);
    expect(got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t3.denied.safetyStability.total'))).toBe(true);
  });

  it('table 四 printed with spaces and one cell missing: no figure crosses a space', async () => {
    const ref = await parse(text());
    const got = await parse(text().replace('结果维持结果纠正其他结果尚未审结总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0', '结果维持结果纠正其他结果尚未审结总计  1 1 0 2 1 0 0 0 1 0 0 0 0 0'));
    const { wrong, silentBlank } = judge(ref, got, ['t4.review.upheld']);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
  });
});

describe('flattened text: unknown wording and figures not fit for their column', () => {
  const text = () => readFileSync(path.join(REAL, 'pingtan-2022-flattened.txt'), 'utf8');

  it('a numbered label worded differently keeps its figures (a variant, not a missing row)', async () => {
    const got = await parse(text().replace('1.信访举报投诉类申请 0000000', '1.信访、举报、投诉类申请 0000000'));
    expect(got.cells['t3.notProcessed.petitionComplaint.total']).toBe(0);
    expect(rules(got, 'warning')).toContain('label-variant');
    expect(rules(got)).not.toContain('table-missing');
  });

  it('a decimal run into other figures is a run to split or flag, never words', () => {
    const fields = toFields(readText('第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 139.5-30其他对外管理服务事项14-60'));
    const end = { field: fields.length - 1, offset: fields.at(-1)!.norm.length };
    const tokens = tokenize(fields, { field: 0, offset: 0 }, end, lexicon('2019'), 't2');
    const at = tokens.findIndex((t) => t.type === 'label' && t.entry.rowKey === 'licensing');
    expect(tokens[at + 1]).toMatchObject({ type: 'value', kind: 'run' });
  });
});

describe('a PDF\'s text saved with its layout (pdftotext -layout)', () => {
  it('labels wrapped over lines in narrow columns keep their figures: 淮安 2024 reads as its PDF does', async () => {
    const truth = JSON.parse(readFileSync(path.join(REAL, 'huaian-city-2024.expected.json'), 'utf8')) as { cells: Record<string, number | null> };
    const got = await parse(readFileSync(path.join(DERIVED, 'huaian-city-2024.pdftotext-layout.txt'), 'utf8'));
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    const off = Object.entries(truth.cells).filter(([k, v]) => got.cells[k] !== v && !(got.cells[k] === null && unreadable.has(k)));
    expect(off).toEqual([]);
    expect(unreadable.size).toBe(0);
    expect(rules(got, 'warning')).not.toContain('label-variant');
    expect(rules(got)).not.toContain('table-missing');
  });
});

describe('a PDF\'s text in its drawing order (pdftotext without -layout)', () => {
  const truth = () => JSON.parse(readFileSync(path.join(REAL, 'huaian-city-2024.expected.json'), 'utf8')) as { cells: Record<string, number | null> };
  const text = () => readFileSync(path.join(DERIVED, 'huaian-city-2024.pdftotext-raw.txt'), 'utf8');

  it('merged label cells printed out of order: table 三 is read from its figures in row order, confirmed by every row total', async () => {
    const got = await parse(text());
    const t3 = Object.entries(truth().cells).filter(([k]) => k.startsWith('t3.'));
    expect(t3.filter(([k, v]) => got.cells[k] !== v)).toEqual([]);
    expect(got.cellSources['t3.granted.total']).toMatchObject({ raw: '1362', via: 'order' });
  });

  it('table 四, whose figures come out of column order, is unreadable — never a wrong number', async () => {
    const got = await parse(text());
    const ref: Ok = { ...got, cells: truth().cells } as Ok;
    expect(judge(ref, got).wrong).toEqual([]);
    expect(judge(ref, got).silentBlank).toEqual([]);
  });

  it('one figure fewer (a row lost a cell) and the order is not trusted', async () => {
    const got = await parse(text().replace(/\n1362\n/, '\n'));
    const ref: Ok = { ...got, cells: truth().cells } as Ok;
    const { wrong, silentBlank } = judge(ref, got, ['t3.granted.total']);
    expect(wrong).toEqual([]);
    expect(silentBlank).toEqual([]);
  });
});

describe('Markdown', () => {
  const md = (style: 'compact' | 'repeated') => {
    const t3 = [
      '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |',
      '|---|---|---|---|---|---|---|---|---|---|',
      '| | | | 自然人 | 法人或其他组织 | | | | | 总计 |',
      '| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |',
    ];
    const span = (label: string, n: number) => (style === 'repeated' ? Array(n).fill(label) : [label, ...Array(n - 1).fill('')]);
    const rows: [string[], number[]][] = [
      [span('一、本年新收政府信息公开申请数量', 3), [5, 1, 0, 0, 0, 0, 6]],
      [span('二、上年结转政府信息公开申请数量', 3), [1, 0, 0, 0, 0, 0, 1]],
      [['三、本年度办理结果', ...span('（一）予以公开', 2)], [4, 1, 0, 0, 0, 0, 5]],
      [[style === 'repeated' ? '三、本年度办理结果' : '', ...span('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 2)], [1, 0, 0, 0, 0, 0, 1]],
      [[style === 'repeated' ? '三、本年度办理结果' : '', ...span('（七）总计', 2)], [5, 1, 0, 0, 0, 0, 6]],
      [span('四、结转下年度继续办理', 3), [1, 0, 0, 0, 0, 0, 1]],
    ];
    for (const [labels, v] of rows) t3.push(`| ${[...labels, ...v].join(' | ')} |`);
    return [
      '# 某某镇人民政府2023年政府信息公开工作年度报告',
      '',
      '## 一、总体情况',
      '',
      '**（一）主动公开**',
      '',
      '本年度持续推进政务公开。',
      '',
      '## 三、收到和处理政府信息公开申请情况',
      '',
      ...t3,
      '',
      '## 四、政府信息公开行政复议、行政诉讼情况',
      '',
      '| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '|| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '',
      '<p align="right">2024年1月14日</p>',
    ].join('\n');
  };

  for (const style of ['compact', 'repeated'] as const)
    it(`pipe tables with ${style} span labels, \`||\` for an empty cell, headings, inline HTML`, async () => {
      // No .md suffix: detected from the content.
      const r = await parseBytes(enc(md(style)), 'report');
      if (!r.ok) throw new Error(r.failure.message);
      expect(r.format).toBe('md');
      expect(r.meta.agency).toBe('某某镇人民政府');
      expect(r.meta.publishedAt).toBe('2024-01-14');
      expect(r.sections.map((s) => s.key)).toEqual(['overview', 'requests', 'appeals']);
      expect([1, 2, 7].map((i) => r.cells[`t3.newReceived.${['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'][i - 1]}`])).toEqual([5, 1, 6]);
      expect(r.cells['t3.granted.total']).toBe(5);
      expect(r.cells['t3.partialGrant.naturalPerson']).toBe(1);
      expect(r.cells['t3.total.total']).toBe(6);
      expect(r.cells['t3.carriedForward.naturalPerson']).toBe(1);
      expect(r.cells['t4.review.upheld']).toBeNull();
      expect(r.cells['t4.review.corrected']).toBe(0);
      expect(r.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t4.review.upheld'))).toBe(true);
    });
});

describe('table 四 with one blank that left no trace (14 figures for 15 cells)', () => {
  const text = () => readFileSync(path.join(DERIVED, 'zoo', 'spaced-rows-table4-one-blank.txt'), 'utf8');
  const t4 = (r: Ok) => Object.keys(r.cells).filter((k) => k.startsWith('t4.'));

  it('the blank among the last group\'s zeros: the other groups are read, that group\'s cells flagged (0 or blank)', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '3 0 1 0 4 0 1 1 0 2 0 0 0 0\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).slice(0, 10).map((k) => got.cells[k])).toEqual([3, 0, 1, 0, 4, 0, 1, 1, 0, 2]);
    expect(t4(got).slice(10).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    // The blank is the report's: reported among that group's five cells.
    expect(got.findings.filter((f) => f.rule === 'cell-missing').map((f) => f.cells)).toEqual([t4(got).slice(10)]);
  });

  it('no place for the blank keeps every group total (the report also wrong): nothing read', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '3 0 1 0 5 0 1 1 0 2 0 0 0 0\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
  });

  it('two places that keep the totals give different figures (1 | 1 0 2 or 1 0 | 1 2 …): nothing read', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '3 0 1 0 4 1 1 0 2 0 0 0 0 0\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    // Yet every such place is one blank: cell-missing names the table's 15 cells.
    const missing = got.findings.filter((f) => f.rule === 'cell-missing');
    expect(missing.map((f) => f.cells)).toEqual([t4(got)]);
    expect(missing[0].message).toContain('中有 1 个空白');
  });

  it('13 figures for 15 cells where two blanks as 0 keep every group total: nothing read, two blanks reported among the 15 cells', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '3 0 1 4 0 1 1 0 2 0 0 0 0\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    const missing = got.findings.filter((f) => f.rule === 'cell-missing');
    expect(missing.map((f) => f.cells)).toEqual([t4(got)]);
    expect(missing[0].message).toContain('中有 2 个空白');
  });

  it('one figure short, a lone figure after the next section\'s prose (plain pdftotext of a browser\'s PDF): cells flagged, no blank claimed', async () => {
    const moved = text().replace('针对上年度存在的问题，已逐项整改到位。2022年将进一步规范公开流程，提升公开实效。\n', '$&\n0\n\n');
    expect(moved).not.toBe(text());
    const got = await parse(moved);
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    expect(got.findings.some((f) => f.rule === 'cell-missing')).toBe(false);
    expect(got.findings.find((f) => f.rule === 'unreadable' && f.cells.includes('t4.review.upheld'))?.message).toContain('其后的文字中另有单独的数字');
    // The same report without the lone figure: the blank is claimed, as before.
    const kept = await parse(text());
    expect(kept.findings.filter((f) => f.rule === 'cell-missing').map((f) => f.cells)).toEqual([t4(kept)]);
  });

  it('figures inside later prose (均为0。, a date, a site code) are no lone figures: the blank is still claimed', async () => {
    const prose = text().replace('本年度未发出信息处理费收费通知，未收取信息处理费。\n', '本年度发出收费通知的件数和总金额均为0。\n网站标识码：6179443483\n2022年1月6日\n');
    expect(prose).not.toBe(text());
    const got = await parse(prose);
    expect(got.findings.filter((f) => f.rule === 'cell-missing').map((f) => f.cells)).toEqual([t4(got)]);
  });

  it('13 figures that no two blanks make add up (3 0 1 0 5 …): nothing read, no cell-missing (a figure may be lost, not blank)', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '3 0 1 0 9 0 1 1 0 2 0 0 0\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    expect(got.findings.some((f) => f.rule === 'cell-missing')).toBe(false);
  });

  it('no place for the blank as 0 adds up (1 3 0 3 | ?): nothing read, all flagged — and no cell-missing, the total may be elsewhere', async () => {
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '0 0 0 0 0 0 0 0 0 0 1 3 0 3\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    expect(got.findings.some((f) => f.rule === 'cell-missing')).toBe(false);
  });

  it('fitting places that read a group differently (0 0 1 1 | 2 or 0 1 0 1 | 2, the total itself blank): nothing read, never a cell from the places that agree', async () => {
    // Seed 2, 003371: the last group 0 1 1 2 with its total blank; zeros let the blank move up.
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '0 0 0 0 0 0 0 0 0 0 0 1 1 2\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
  });

  it('a blank standing for a lost result is not tried: a report\'s own total error would pass for it and shift the other groups (blank 0 0 0 0 | … | 0 0 0 0 1)', async () => {
    // The report: review.upheld blank, every other cell 0, but suitAfterReview's total printed 1.
    // A blank placed in the last group as 1 would read the first group's zeros one place off.
    const got = await parse(text().replace('0 0 0 0 0 0 0 0 0 0 0 0 0 0\n', '0 0 0 0 0 0 0 0 0 0 0 0 0 1\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4(got).every((k) => got.cells[k] === null && flagged.has(k))).toBe(true);
    expect(got.findings.some((f) => f.rule === 'cell-missing')).toBe(false);
  });
});

describe('figures with decimals parted by spaces', () => {
  it('are several cells, never one figure with the spaces dropped (9   952.51 is not 9952.51)', async () => {
    const text = seed('001_5f25c15575702d27.txt').replace('行政事业性收费\t0', '行政事业性收费\t3   229.97');
    const got = await parse(text);
    expect(got.cells['t2.fees.amountWan']).not.toBe(3229.97);
    expect(got.cells['t2.fees.amountWan']).toBeNull();
    expect(got.findings.some((f) => f.rule === 'unreadable' && f.cells.includes('t2.fees.amountWan'))).toBe(true);
  });

  it('one for each column: each read (政府集中采 | 9   952.51 | 购, a label wrapped around its figures)', async () => {
    const file = path.join(DERIVED, 'zoo', 'pdf-layout-procurement-wrapped.txt');
    const got = await parse(readFileSync(file, 'utf8'));
    expect([got.cells['t2.procurement.projects'], got.cells['t2.procurement.totalAmount']]).toEqual([9, 952.51]);
  });
});

describe('a decimal printed in a count column of a space-parted row (行政许可 125.5 0 49)', () => {
  it('is read as printed, the others beside it too, and cell-invalid says what is wrong', async () => {
    const got = await parse(readFileSync(path.join(DERIVED, 'zoo', 'spaced-rows-decimal-in-count-column.txt'), 'utf8'));
    expect(['prevYearItems', 'itemsDelta', 'decisions'].map((c) => got.cells[`t2.licensing.${c}`])).toEqual([125.5, 0, 49]);
    expect(got.findings.some((f) => f.rule === 'cell-invalid' && f.cells.includes('t2.licensing.prevYearItems'))).toBe(true);
  });
});

describe('text laid out by position (pdftotext -layout), a row with a blank cell', () => {
  it('its figures stand under the columns of the full rows beside it: read there, the blank reported', async () => {
    const file = path.join(DERIVED, 'zoo', 'pdf-layout-row-one-blank.txt');
    const truth = JSON.parse(readFileSync(file.replace(/\.txt$/, '.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    const got = await parse(readFileSync(file, 'utf8'));
    expect(Object.entries(truth.cells).filter(([k, v]) => got.cells[k] !== v)).toEqual([]);
    const blank = Object.keys(truth.cells).filter((k) => truth.cells[k] === null);
    expect(got.findings.some((f) => f.rule === 'cell-missing' && blank.every((k) => f.cells.includes(k)))).toBe(true);
  });

  it('a figure between two columns\' places: nothing is placed by the columns', async () => {
    const file = path.join(DERIVED, 'zoo', 'pdf-layout-row-one-blank.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('8.属于行政查询事项'));
    const figures = lines[i].replace(/^(\s*8\.属于行政查询事项)/, '');
    // Move the row's first figure two places right: it no longer stands under a column.
    lines[i] = lines[i].replace(figures, figures.replace(/^(\s*)(\d)/, '$1  $2'));
    const got = await parse(lines.join('\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    // Not by the columns; the table's identities may still place the blank (then it is reported).
    const truth = JSON.parse(readFileSync(file.replace(/\.txt$/, '.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    const row = Object.keys(truth.cells).filter((k) => k.startsWith('t3.denied.adminQuery.'));
    expect(row.filter((k) => got.cells[k] !== truth.cells[k] && !(got.cells[k] === null && flagged.has(k)))).toEqual([]);
    expect(flagged.has('t3.denied.adminQuery.naturalPerson') || got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t3.denied.adminQuery.naturalPerson'))).toBe(true);
  });
});

describe('one cell per line, a figure erased from a cell whose totals were kept (6.属于四类过程性信息: blank 0 0 0 0 15 22)', () => {
  const file = path.join(DERIVED, 'zoo', 'cell-lines-erased-cell.txt');

  it('the blank is placed where every identity holds with the figure its row total gives; the rest read, the blank reported', async () => {
    const truth = JSON.parse(readFileSync(file.replace(/\.txt$/, '.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    const got = await parse(readFileSync(file, 'utf8'));
    expect(Object.entries(truth.cells).filter(([k, v]) => got.cells[k] !== v)).toEqual([]);
    expect(got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t3.denied.processInfo.naturalPerson'))).toBe(true);
  });

  it('with (七)总计 printed so that no place keeps every identity: the row stays unreadable', async () => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('（七）总计'));
    // The total row's first figure one more: the erased figure no longer fits anywhere.
    lines[at + 1] = String(Number(lines[at + 1]) + 1);
    const got = await parse(lines.join('\n'));
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(['otherOrg', 'total'].every((c) => got.cells[`t3.denied.processInfo.${c}`] === null && flagged.has(`t3.denied.processInfo.${c}`))).toBe(true);
  });
});

describe('a table-三 cell holding two figures beside an empty one (0 372 78 0 0 · 237 687: a wide figure placed in its neighbour\'s cell)', () => {
  const text = () => readFileSync(path.join(DERIVED, 'zoo', 'z62-000324-md-compact.md'), 'utf8');
  const row = '| 426 | 284 | 147 | 0 | 226 | 0 | 1083 |';
  const total = (r: Ok) => Object.keys(r.cells).filter((k) => k.startsWith('t3.total.')).map((k) => r.cells[k]);

  it('its figures in order, one per column, are read where every identity of table 三 holds', async () => {
    const ref = await parse(text());
    expect(total(ref)).toEqual([426, 284, 147, 0, 226, 0, 1083]);
    for (const cells of ['| 426 | 284 | 147 | 0 | 226 |  | 0 1083 |', '| 426 | 284 | 147 | 0 | 226 | 0 1083 |  |']) {
      const edited = text().replace(row, cells);
      expect(edited).not.toBe(text());
      const got = await parse(edited);
      expect(total(got)).toEqual([426, 284, 147, 0, 226, 0, 1083]);
      expect(judge(ref, got)).toEqual({ wrong: [], silentBlank: [] });
    }
  });

  it('not where an identity breaks (5 1083 beside the empty cell, the column adding to 0): the row unreadable, no figure read', async () => {
    const ref = await parse(text());
    const got = await parse(text().replace(row, '| 426 | 284 | 147 | 0 | 226 |  | 5 1083 |'));
    expect(total(got).every((v) => v === null)).toBe(true);
    const flagged = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(Object.keys(got.cells).filter((k) => k.startsWith('t3.total.')).every((k) => flagged.has(k))).toBe(true);
    expect(judge(ref, got).wrong).toEqual([]);
  });
});
