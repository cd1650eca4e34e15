/**
 * Text where a PDF's narrow table cells come out glued together (pypdf's extract_text, what
 * many Python crawlers keep): a wrapped label's last line with the row's figures glued to it
 * (开申请数量240700031), a side label's piece glued to the row's ordinal (开1.属于国家), table 四's
 * fifteen cells as one run of digits. Fixture: a zoo report (seed 229) put through pypdf.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { readText } from '../../src/read/text.js';
import { toFields } from '../../src/extract/fields.js';
import { tokenize, type Token } from '../../src/extract/tokens.js';
import { lexicon } from '../../src/extract/lexicon.js';
import { splitAppealsRow } from '../../src/extract/split.js';
import { DERIVED } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const enc = (s: string) => new TextEncoder().encode(s);

async function parse(bytes: Uint8Array, name: string): Promise<Ok> {
  const r = await parseBytes(bytes, name);
  if (!r.ok) throw new Error(r.failure.message);
  return r;
}

/** A zoo fixture's text file and its truth's cells (test/fixtures/derived/zoo). */
const zooFile = (name: string) => path.join(DERIVED, 'zoo', `${name}.txt`);
const zooTruth = (name: string) => (JSON.parse(readFileSync(path.join(DERIVED, 'zoo', `${name}.truth.json`), 'utf8')) as { cells: Record<string, number | null> }).cells;

function tokensOf(text: string, table: 't2' | 't3'): string[] {
  const fields = toFields(readText(text));
  const end = { field: fields.length - 1, offset: fields.at(-1)!.norm.length };
  const show = (t: Token) => (t.type === 'label' ? `L:${t.printed}` : t.type === 'value' ? `V:${t.raw}` : `T:${t.raw}`);
  return tokenize(fields, { field: 0, offset: 0 }, end, lexicon('2021'), table).map(show);
}

describe('figures glued to the words before them', () => {
  it('parts a short line of words from the figures glued to its end', () => {
    expect(tokensOf('一、本年新收政府信息公\n开申请数量240700031\n', 't3')).toEqual(['T:一、本年新收政府信息公', 'T:开申请数量', 'V:240700031']);
    expect(tokensOf('行政规范性\n文件0 76692 51\n', 't2')).toEqual(['T:行政规范性', 'T:文件', 'V:0 76692 51']);
    expect(tokensOf('行政事业性\n收费0\n', 't2')).toEqual(['T:行政事业性', 'T:收费', 'V:0']);
  });

  it('leaves a caption number, a long line of prose and words with a unit as they were', () => {
    expect(tokensOf('附表2\n', 't2')).toEqual(['T:附表2']);
    expect(tokensOf('本机关全年共受理并办结各类申请合计15\n', 't3')).toEqual(['T:本机关全年共受理并办结各类申请合计15']);
    expect(tokensOf('申请数量24件\n', 't3')).toEqual(['T:申请数量24件']);
  });

  it('parts a side label’s piece glued to the row label’s ordinal', () => {
    expect(tokensOf('（三\n）不\n予公\n开1.属于国家\n秘密0040004\n', 't3')).toContain('T:1.属于国家');
  });
});

describe('table 四 as one run of digits', () => {
  it('splits the run when the groups’ totals leave one reading', () => {
    expect(splitAppealsRow('000000000000000')).toEqual([Array(15).fill(0)]);
    expect(splitAppealsRow('000000221500000')).toEqual([[0, 0, 0, 0, 0, 0, 2, 2, 1, 5, 0, 0, 0, 0, 0]]);
  });

  it('reads the run alone on its line, led by zeros, as the row’s cells', async () => {
    const text = readFileSync(path.join(DERIVED, 'zoo', 'p229-000002-pypdf.txt'), 'utf8').replace('000000221500000', '0'.repeat(15));
    const got = await parse(enc(text), 'x.txt');
    const t4 = Object.keys(got.cells).filter((k) => k.startsWith('t4.'));
    expect(t4).toHaveLength(15);
    expect(t4.map((k) => got.cells[k])).toEqual(Array(15).fill(0));
  });

});

describe('pypdf’s text of a LibreOffice PDF with narrow columns (zoo seed 229)', () => {
  const name = 'p229-000002-pypdf';
  const truth = () => zooTruth(name);

  it('reads every cell exactly (table 四’s glued run split by its totals), finds the injected error, and calls no table missing', async () => {
    const file = zooFile(name);
    const got = await parse(readFileSync(file), file);
    const t = truth();
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    const off = Object.entries(t).filter(([k, v]) => got.cells[k] !== v && !(got.cells[k] == null && unreadable.has(k)));
    expect(off).toEqual([]);
    expect(Object.keys(t).filter((k) => got.cells[k] !== t[k])).toEqual([]);
    expect(got.findings.map((f) => f.rule)).not.toContain('table-missing');
    expect(got.findings.map((f) => f.rule)).toContain('requests-outcome-total');
  });

  it('a row whose label is there but whose figure is not read is unreadable, not missing', async () => {
    const file = zooFile(name);
    // The fee's figure glued on with a unit the reader does not part (收费0万元x).
    const text = readFileSync(file, 'utf8').replace('收费0\n', '收费0x\n');
    const got = await parse(enc(text), 'x.txt');
    expect(got.findings.map((f) => f.rule)).not.toContain('table-missing');
    expect(got.cells['t2.fees.amountWan']).toBeNull();
    expect(got.findings.some((f) => f.rule === 'unreadable' && f.cells.includes('t2.fees.amountWan'))).toBe(true);
  });
});

describe('pdfminer’s text of a LibreOffice PDF: table 三 drawn down the columns, page by page (zoo seed 229)', () => {
  const name = 'p229-000014-pdfminer';
  const file = zooFile(name);
  const truth = () => zooTruth(name);

  it('reads every cell of table 三 from the figures in column order, each page’s part on its own', async () => {
    const got = await parse(readFileSync(file), file);
    const t = truth();
    const t3 = Object.keys(t).filter((k) => k.startsWith('t3.'));
    expect(t3.length).toBeGreaterThan(100);
    expect(t3.filter((k) => got.cells[k] !== t[k])).toEqual([]);
    // Table 二's figures in the same order have no identity to tell rows from columns: flagged, never guessed.
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(Object.keys(t).filter((k) => got.cells[k] !== t[k] && !(got.cells[k] == null && unreadable.has(k)))).toEqual([]);
  });

  it('reads nothing down the columns when a printed error breaks rows’ totals (no cut keeps them all)', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((x) => x.startsWith('三、收到和处理'));
    // The table's first figure other than 0 and the figure after it in the stream (the same
    // column, the next row) swapped: both rows' totals break, in every cut.
    const at = lines.findIndex((l, i) => i > start && /^[1-9]\d*$/.test(l.trim()));
    const next = lines.findIndex((l, i) => i > at && /^\d+$/.test(l.trim()));
    expect(lines[next].trim()).not.toBe(lines[at].trim());
    [lines[at], lines[next]] = [lines[next], lines[at]];
    const got = await parse(enc(lines.join('\n')), 'x.txt');
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    const t3 = Object.keys(truth()).filter((k) => k.startsWith('t3.'));
    expect(t3.filter((k) => got.cells[k] != null)).toEqual([]);
    expect(t3.filter((k) => !unreadable.has(k))).toEqual([]);
  });
});

describe('two neighbouring cells printed together in a row of figures parted by spaces (pypdf, browser PDF; zoo seed 229)', () => {
  const name = 'p229-000009-browser-pypdf';
  const file = zooFile(name);
  const truth = () => zooTruth(name);
  const judged = async (text: string) => {
    const got = await parse(enc(text), 'x.txt');
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    return { got, unreadable };
  };

  it('cuts the one figure whose cut keeps the row total (45 0 0 0 0 550: … 5 and 50), every column identity holding', async () => {
    const got = await parse(readFileSync(file), file);
    const t = truth();
    expect(Object.keys(t).filter((k) => got.cells[k] !== t[k])).toEqual([]);
    expect([got.cells['t3.newReceived.otherOrg'], got.cells['t3.newReceived.total']]).toEqual([5, 50]);
  });

  it('cuts nothing where no cut keeps the row total, nor where a column identity cannot be checked', async () => {
    const text = readFileSync(file, 'utf8');
    const a = await judged(text.replace(' 45 0 0 0 0 550', ' 45 0 0 0 0 551'));
    expect(a.got.cells['t3.newReceived.total']).toBeNull();
    expect(a.unreadable.has('t3.newReceived.total')).toBe(true);
    // The total row now has no cut either: the first row's cut is not checked by its columns, so not taken.
    const b = await judged(text.replace('（七）总计 35 0 0 0 0 540', '（七）总计 35 0 0 0 0 541'));
    expect(b.got.cells['t3.newReceived.otherOrg']).toBeNull();
    expect(b.unreadable.has('t3.newReceived.otherOrg')).toBe(true);
  });
});

describe('table 四 with two neighbouring cells printed together (pypdf)', () => {
  const head = readFileSync(path.join(DERIVED, 'zoo', 'p229-000009-browser-pypdf.txt'), 'utf8');
  const withRow = (row: string) => {
    const lines = head.split('\n');
    const at = lines.findIndex((l) => /^[\d ]+$/.test(l.trim()) && l.trim().split(/\s+/).length >= 10);
    lines[at] = row;
    return lines.join('\n');
  };
  const t4 = (got: Ok) => Object.keys(got.cells).filter((k) => k.startsWith('t4.')).map((k) => got.cells[k]);

  it('cuts the figures where one cut of each keeps every group total and no blank cell would', async () => {
    // 0 19 13 20 52 | 0 0 20 0 20 | 0 24 0 0 24, printed with 52 0 and 20 0 together.
    const got = await parse(enc(withRow('0 19 13 20 520 0 20 0 200 24 0 0 24')), 'x.txt');
    expect(t4(got)).toEqual([0, 19, 13, 20, 52, 0, 0, 20, 0, 20, 0, 24, 0, 0, 24]);
  });

  it('cuts nothing when a group’s printed total is wrong (no cut keeps them all): unreadable', async () => {
    const got = await parse(enc(withRow('0 19 13 20 520 0 20 0 200 24 0 0 25')), 'x.txt');
    expect(t4(got).every((v) => v === null)).toBe(true);
    expect(got.findings.some((f) => f.rule === 'unreadable' && f.cells.includes('t4.review.total'))).toBe(true);
  });
});

describe('a wording the lexicon does not have, its row’s figures glued on (BeautifulSoup get_text(); zoo seed 233)', () => {
  const name = 'p233-000006-bs4';
  const file = zooFile(name);

  it('reads 5.要求行政机关确认或重新出具已获取的信息0000000 as that row, its run split by the identities', async () => {
    const got = await parse(readFileSync(file), file);
    const t = zooTruth(name);
    const row = Object.keys(t).filter((k) => k.startsWith('t3.notProcessed.confirmOrReissue.'));
    expect(row.map((k) => got.cells[k])).toEqual(row.map((k) => t[k]));
    expect(got.findings.map((f) => f.rule)).not.toContain('table-missing');
    const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(Object.keys(t).filter((k) => got.cells[k] !== t[k] && !(got.cells[k] == null && unreadable.has(k)))).toEqual([]);
  });
});

describe('pdfminer: some rows along the row, the rest down the columns (zoo seed 229)', () => {
  const name = 'p229-000002-pdfminer';
  const file = zooFile(name);

  it('reads table 三 where no cut at the page breaks keeps every row total but a cut after other rows does, and finds the injected column error', async () => {
    const got = await parse(readFileSync(file), file);
    const t = zooTruth(name);
    const t3 = Object.keys(t).filter((k) => k.startsWith('t3.'));
    expect(t3.filter((k) => got.cells[k] !== t[k])).toEqual([]);
    expect(got.findings.filter((f) => f.rule === 'requests-outcome-total')).toHaveLength(2);
  });
});
