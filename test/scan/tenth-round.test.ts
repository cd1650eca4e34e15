/**
 * Tenth round (training seed 144, and the ninth round's held-out report named in docs/ocr.md): a
 * wrapped row label whose first line lost characters in the strip's reading (6.属于四信息 — the row
 * matched no template row, was unreadable, and hid two injected requests-outcome-total errors), and
 * a section heading wrapped across a page break (a false section-missing); a column rule whose lower
 * part the loose threshold stacked two pixels aside (two columns of table 三's lower rows merged,
 * 28 cells unreadable); a section heading whose numeral the prose OCR lost. Each rule has the cases that must stay as they were.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePnm, findRules, joinPieces } from '../../src/read/ocr/raster.js';
import { joinHeadingAcrossPages, orphanLabel, type OcrEntry } from '../../src/read/ocr/page.js';
import { snapHeading } from '../../src/read/ocr/labels.js';
import type { Grey } from '../../src/read/ocr/raster.js';
import type { OcrEngine, OcrWord } from '../../src/read/ocr/tesseract.js';
import { gridCells, inkBands, ruledPage } from '../helpers/scan-grid.js';

describe('a row label read with characters lost', () => {
  it('is an orphan when its ordinal and words are no template label', () => {
    expect(orphanLabel('6.属于四信息')).toBe(true);
    expect(orphanLabel('6属于四信息')).toBe(true);
    // Template labels, a variant the template knows, a near reading the dictionary snaps: no orphans.
    expect(orphanLabel('6.属于四类过程性信息')).toBe(false);
    expect(orphanLabel('2.其他法律法规禁止公开')).toBe(false);
    expect(orphanLabel('7.属于行政执法案')).toBe(false);
    // No ordinal: not a row label of this kind.
    expect(orphanLabel('属于四信息')).toBe(false);
    expect(orphanLabel('12')).toBe(false);
  });

  /** A label cell of two lines (two bars of ink), and a figure cell beside it left empty. */
  function page(): Grey {
    const g = ruledPage(700, 400, 100, 120, 250, 80, 2, 2);
    for (const top of [120 + 14, 120 + 46]) for (let y = top; y < top + 20; y++) g.data.fill(20, y * g.width + 100 + 20, y * g.width + 100 + (top < 150 ? 220 : 70));
    return g;
  }
  /** The strip's reading `first` (one word a line), then the lines read again on their own `again`. */
  const engine = (first: string[], again: string[], calls: string[][] = []): OcrEngine => ({
    name: 'scripted',
    async recognize(img, mode) {
      if (mode !== 'text') return [];
      const said = calls.length === 0 ? first : again;
      calls.push(said);
      return inkBands(img).flatMap(([a, b], i): OcrWord[] => (said[i] ? [{ text: said[i], conf: 91, x0: 2, y0: a, x1: img.width - 2, y1: b, block: 1, par: 1, line: i + 1 }] : []));
    },
  });
  it('is read again line by line and takes the template label that reading gives (seed 144/000002)', async () => {
    const calls: string[][] = [];
    expect((await gridCells(page(), engine(['6.属于四', '信息'], ['6.属于四类过程性', '信息'], calls))).filter(Boolean)).toEqual(['6.属于四类过程性信息']);
    expect(calls.length).toBe(2);
  });
  it('stays as read when the second reading is no template label either (a wording as printed)', async () => {
    expect((await gridCells(page(), engine(['6.属于四', '信息'], ['6.属于四', '信息']))).filter(Boolean)).toEqual(['6.属于四信息']);
  });
  it('is not read again when it is a template label', async () => {
    const calls: string[][] = [];
    expect((await gridCells(page(), engine(['6.属于四类过程性', '信息'], ['6.属于三类内部事务', '信息'], calls))).filter(Boolean)).toEqual(['6.属于四类过程性信息']);
    expect(calls.length).toBe(1);
  });
});

describe('a section heading wrapped across a page break', () => {
  const line = (text: string, cy: number): OcrEntry => ({ kind: 'line', cy, text, pos: { x: 90, yTop: 842 - cy }, box: [200, 100, 1400, 140] });
  const grid: OcrEntry = { kind: 'grid', cy: 300, rows: [] };
  it('is one heading on the first page, the second line dropped (seed 177/000006)', () => {
    const a = [line('本年度无行政复议。', 200), line('四、政府信息公开', 60)];
    const b = [line('行政复议、行政诉讼情;', 780), line('本年度发生政府信息公开行政复议2件。', 740)];
    joinHeadingAcrossPages(a, b);
    expect(a.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(['本年度无行政复议。', '四、政府信息公开行政复议、行政诉讼情况']);
    expect(b.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(['本年度发生政府信息公开行政复议2件。']);
  });
  it('leaves pages apart: a whole heading, a table between, a numbered heading next, body text', () => {
    const cases: [OcrEntry[], OcrEntry[]][] = [
      [[line('四、政府信息公开行政复议、行政诉讼情况', 60)], [line('本年度发生行政复议2件。', 780)]],
      [[line('四、政府信息公开', 400), grid], [line('行政复议、行政诉讼情况', 780)]],
      [[line('四、政府信息公开', 60)], [grid, line('行政复议、行政诉讼情况', 200)]],
      [[line('五、存在的主要', 60)], [line('六、其他需要报告的事项', 780)]],
      [[line('四、政府信息公开行政', 60)], [line('复议2件，行政诉讼1件，均已办结。', 780)]],
    ];
    for (const [a, b] of cases) {
      const before = JSON.stringify([a, b]);
      joinHeadingAcrossPages(a, b);
      expect(JSON.stringify([a, b])).toBe(before);
    }
  });
});

describe('a column rule stacked in two parts side by side', () => {
  const FIX = path.join(import.meta.dirname, 'fixtures');
  it('is one rule from top to bottom (seed 144/000000, table 三 between 自然人 and 商业企业)', () => {
    // Page 4 (200 dpi), deskewed, x 540–880 and y 300–1960: three column rules, stored in three
    // levels (ink at the threshold, at the loose threshold, paper). The middle one was found as two
    // rules 2–3 px apart, one from the top to y 1318 of the page, one from y 1048 down.
    const img = decodePnm(new Uint8Array(gunzipSync(readFileSync(path.join(FIX, 'column-rule-side-by-side.pgm.gz')))));
    const v = findRules(img, 168, 200, 205).v.map((r) => [Math.round(r.at), r.from, r.to]);
    expect(v).toEqual([
      [28, 59, 1652],
      [161, 53, 1652],
      [292, 103, 1653],
    ]);
  });
  it('joins pieces on one line overlapping over a stretch, and only those', () => {
    const one = joinPieces([{ at: 700.4, from: 361, to: 1318 }, { at: 697.8, from: 1048, to: 1093 }, { at: 697.8, from: 1096, to: 1946 }], 14);
    expect(one.map((r) => [Math.round(r.at), r.from, r.to])).toEqual([[700, 361, 1946]]);
    // Two rules a cell's width apart (however narrow), side by side: two rules.
    expect(joinPieces([{ at: 700, from: 361, to: 1318 }, { at: 706, from: 1048, to: 1946 }], 14)).toHaveLength(2);
    // 3.5 px apart, or overlapping by no more than the given-back ends 3 px apart: not joined.
    expect(joinPieces([{ at: 700, from: 361, to: 1318 }, { at: 703.5, from: 1048, to: 1946 }], 14)).toHaveLength(2);
    expect(joinPieces([{ at: 700, from: 361, to: 1318 }, { at: 703, from: 1308, to: 1946 }], 14)).toHaveLength(2);
  });
});

describe('a section heading whose numeral the prose OCR lost', () => {
  it('is the title alone, its garbled character restored, the numeral not made up (seed 144/000008)', () => {
    expect(snapHeading('、存在的主要问题及改进情况')).toBe('存在的主要问题及改进情况');
    expect(snapHeading('、存在的主要问题及改进情;')).toBe('存在的主要问题及改进情况');
    expect(snapHeading('，其他需要报告的事项')).toBe('其他需要报告的事项');
  });
  it('leaves other lines as they are: body text after a 、, a heading with its numeral, a title far from any', () => {
    expect(snapHeading('、本年度发出信息处理费收费通知3件')).toBe('、本年度发出信息处理费收费通知3件');
    expect(snapHeading('五、存在的主要问题及改进情况')).toBe('五、存在的主要问题及改进情况');
    expect(snapHeading('、存在问题')).toBe('、存在问题');
  });
});
