/**
 * A figure OCR read surely that breaks the table identities (resolve.ts, suspectFigures): blank
 * and `unreadable` where a misreading of that same cell would make them hold — a report's own
 * arithmetic error, which no single misreading explains, still reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/check/index.js';
import { extractReport } from '../../src/extract/index.js';
import { readDocument } from '../../src/read/index.js';
import '../../src/read/formats.js';
import { glyphAdded, glyphLost, lookalikes, misreadings } from '../../src/read/ocr/misread.js';
import { loneChar } from '../../src/read/ocr/page.js';
import { resolveOcrDoubts } from '../../src/read/ocr/resolve.js';

/** The Pingtan report (t3 and t4 add up) as if every cell had been read from a scan, surely. */
async function scanned() {
  const file = path.join(import.meta.dirname, '../fixtures/real/pingtan-2023.html');
  const doc = await readDocument(readFileSync(file), file);
  const report = extractReport(doc, file);
  let i = 0;
  const boxes = new Map<string, [number, number, number, number]>();
  for (const src of Object.values(report.cellSources)) {
    if (!src.pos) continue;
    const k = JSON.stringify(src.pos);
    if (!boxes.has(k)) boxes.set(k, [10 * i, 20, 10 * i + 8, 40]), i++;
    Object.assign(src.pos, { box: boxes.get(k), dpi: 150 });
  }
  for (const b of doc.blocks) if (b.kind === 'table') for (const row of b.rows) for (const c of row) if (boxes.has(JSON.stringify(c.pos))) Object.assign(c.pos, { box: boxes.get(JSON.stringify(c.pos)), dpi: 150 });
  /** The cell at `key` was read as `value` (the page's readings gave these other figures). */
  const read = (key: string, value: number, alternatives?: string[]) => {
    report.cells[key] = value;
    if (!alternatives) return;
    const at = JSON.stringify(report.cellSources[key].pos);
    for (const b of doc.blocks) if (b.kind === 'table') for (const row of b.rows) for (const c of row) if (JSON.stringify(c.pos) === at) c.alternatives = alternatives;
  };
  return { doc, report, read };
}

const unreadableCells = (r: ReturnType<typeof resolveOcrDoubts>) => r.readIssues.filter((i) => i.code === 'ocr-unreadable').flatMap((i) => i.cells ?? []);
const rulesOf = (r: ReturnType<typeof resolveOcrDoubts>) => checkReport(r).filter((f) => f.severity === 'error').map((f) => f.rule);

describe('plausible misreadings of a figure', () => {
  it('a glyph lost, a glyph added, a digit of like shape — whole figures only, no leading zero', () => {
    expect(glyphLost('237')).toContain('2377');
    expect(glyphLost('237')).not.toContain('0237');
    expect(glyphAdded('2377')).toEqual(['377', '277', '237']);
    expect(glyphAdded('7')).toEqual([]);
    expect(lookalikes('6')).toEqual(['0', '8', '9']);
    expect(lookalikes('17')).toEqual(['77', '11']);
    expect(lookalikes('80')).not.toContain('00');
    expect(misreadings('1.5')).toEqual([]);
    expect(misreadings('-3')).toEqual([]);
  });
});

describe('a figure read surely that breaks the identities', () => {
  it('is blank and unreadable when a glyph lost explains both its row total and its column total (31 read 3)', async () => {
    const { doc, report, read } = await scanned();
    read('t3.unable.notHeld.naturalPerson', 3);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.unable.notHeld.naturalPerson']).toBeNull();
    expect(unreadableCells(r)).toEqual(['t3.unable.notHeld.naturalPerson']);
    const issue = r.readIssues.find((i) => i.cells?.includes('t3.unable.notHeld.naturalPerson'))!;
    expect(issue.message).toContain('读作 3');
    expect(issue.message).toContain('31');
    expect(issue.pos?.box).toBeDefined();
    // The identities are no longer checked at the cell: no false error.
    expect(rulesOf(r)).toEqual([]);
    // Every other cell is as read.
    expect(r.cells['t3.unable.notHeld.total']).toBe(31);
  });

  it('is blank and unreadable when a digit of like shape explains both (0 read 6)', async () => {
    const { doc, report, read } = await scanned();
    read('t3.granted.commercial', 6);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.granted.commercial']).toBeNull();
    expect(unreadableCells(r)).toEqual(['t3.granted.commercial']);
    expect(rulesOf(r)).toEqual([]);
  });

  it('takes its own other reading when that one reading satisfies both identities', async () => {
    const { doc, report, read } = await scanned();
    read('t3.unable.notHeld.naturalPerson', 3, ['31', '38']);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.unable.notHeld.naturalPerson']).toBe(31);
    expect(unreadableCells(r)).toEqual([]);
  });

  it('stays as read, and the error is reported, when the report itself does not add up (one outcome and its row total +6: 1 → 7)', async () => {
    const { doc, report, read } = await scanned();
    // 7 could be a 1 misread, but the row total holds with 7: the cell is pinned.
    read('t3.denied.thirdPartyRights.naturalPerson', 7);
    read('t3.denied.thirdPartyRights.total', 7);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.denied.thirdPartyRights.naturalPerson']).toBe(7);
    expect(r.cells['t3.denied.thirdPartyRights.total']).toBe(7);
    expect(unreadableCells(r)).toEqual([]);
    expect(rulesOf(r)).toContain('requests-outcome-total');
  });

  it('stays as read when two outcomes of a column trade requests (two row totals break, the column holds)', async () => {
    const { doc, report, read } = await scanned();
    read('t3.granted.naturalPerson', 28);
    read('t3.unable.notHeld.naturalPerson', 25);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.granted.naturalPerson']).toBe(28);
    expect(r.cells['t3.unable.notHeld.naturalPerson']).toBe(25);
    expect(rulesOf(r)).toEqual(['requests-row-total', 'requests-row-total']);
  });

  it('in table 四 (one identity at the cell), stays as read without evidence of its own, and is a doubt with it', async () => {
    // 7 for 1 would satisfy the group's total — but table 四's cells are in one identity only,
    // so a misreading any figure could have is no reason to doubt it: the error is reported.
    const a = await scanned();
    a.read('t4.review.upheld', 7);
    const ra = resolveOcrDoubts(a.doc, a.report);
    expect(ra.cells['t4.review.upheld']).toBe(7);
    expect(rulesOf(ra)).toContain('appeals-total');
    // A recogniser read 1 there: the cell is a doubt; one identity does not settle it.
    const b = await scanned();
    b.read('t4.review.upheld', 7, ['1']);
    const rb = resolveOcrDoubts(b.doc, b.report);
    expect(rb.cells['t4.review.upheld']).toBeNull();
    expect(unreadableCells(rb)).toEqual(['t4.review.upheld']);
    expect(rulesOf(rb)).toEqual([]);
  });

  it('leaves a report whose figures add up untouched', async () => {
    const { doc, report } = await scanned();
    const before = { ...report.cells };
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells).toEqual(before);
    expect(unreadableCells(r)).toEqual([]);
  });
});

describe('a doubtful figure whose cell sits in an identity the report itself breaks', () => {
  /** The cell at `key` was not read surely: blank, its readings kept as candidates at its place. */
  function doubt(doc: Awaited<ReturnType<typeof scanned>>['doc'], report: Awaited<ReturnType<typeof scanned>>['report'], key: string, candidates: string[]) {
    report.cells[key] = null;
    const at = JSON.stringify(report.cellSources[key].pos);
    for (const b of doc.blocks) if (b.kind === 'table') for (const row of b.rows) for (const c of row) if (JSON.stringify(c.pos) === at) c.candidates = candidates;
  }

  it('takes the one reading its row total confirms when the column total breaks with every reading, and reports that error (seed 455/000002: 40 or -40)', async () => {
    const { doc, report, read } = await scanned();
    expect(report.cells['t3.unable.notHeld.total']).toBe(31);
    doubt(doc, report, 't3.unable.notHeld.total', ['31', '-31']);
    // The report's own error: （七）总计's total 5 short (its row and its column break, whatever the cell holds).
    read('t3.total.total', (report.cells['t3.total.total'] as number) - 5);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.unable.notHeld.total']).toBe(31);
    expect(unreadableCells(r)).toEqual([]);
    expect(rulesOf(r)).toContain('requests-outcome-total');
  });

  it('stays a doubt when no reading satisfies any identity there (31 misread 38 or -38)', async () => {
    const { doc, report, read } = await scanned();
    doubt(doc, report, 't3.unable.notHeld.total', ['38', '-38']);
    read('t3.total.total', (report.cells['t3.total.total'] as number) - 5);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.unable.notHeld.total']).toBeNull();
  });

});

describe('one character alone in a cell', () => {
  it('is a figure unread (no template label is one character), but for the words a report writes for no figure', () => {
    expect(loneChar('才')).toBe(true);
    expect(loneChar(' 了 ')).toBe(true);
    expect(loneChar('无')).toBe(false);
    expect(loneChar('总计')).toBe(false);
    expect(loneChar('4')).toBe(false);
  });
});
