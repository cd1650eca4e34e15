/**
 * Scanned reports through the real pipeline (issue 9): a whole report scanned at 150 dpi, a
 * mixed PDF (one scanned page among text pages), a page as a PNG image — every figure read is
 * the printed one, blanks are flagged `unreadable` with page and pixel box, the injected
 * （七）总计 error is found. Fixtures: test/scan/make-fixtures.ts. Needs tesseract-ocr,
 * tesseract-ocr-chi-sim, poppler-utils and img2pdf (.ci/run installs them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../../src/pipeline.js';
import { parseBytes } from '../../src/pipeline.js';
import { img2pdfAvailable, ocrAvailability, resetOcrAvailability } from '../../src/read/ocr/tesseract.js';

const FIX = path.join(__dirname, 'fixtures');
const ok = ocrAvailability().ok && img2pdfAvailable();

interface Truth {
  meta?: { agency?: string };
  cells: Record<string, number | null>;
  expected: { rule: string; cells: string[] }[];
}

function truth(name: string): Truth {
  return JSON.parse(readFileSync(path.join(FIX, `${name}.truth.json`), 'utf8')) as Truth;
}

/** Wrong figures (never allowed), exact cells, and blanks without an unreadable finding. */
function judge(o: ParseOutcome, t: Truth, keys: string[]) {
  if (!o.ok) throw new Error(`${o.failure.code}: ${o.failure.message}`);
  const flagged = new Set(o.findings.filter((f) => f.unreadable).flatMap((f) => f.cells));
  const wrong = keys.filter((k) => o.cells[k] !== null && o.cells[k] !== undefined && o.cells[k] !== t.cells[k]).map((k) => `${k}: ${o.cells[k]} ≠ ${t.cells[k]}`);
  const exact = keys.filter((k) => o.cells[k] === t.cells[k]).length;
  const silent = keys.filter((k) => o.cells[k] === null && t.cells[k] !== null && !flagged.has(k));
  return { wrong, exact, silent };
}

describe.skipIf(!ok)('scanned reports (OCR)', () => {
  it('a whole report scanned at 150 dpi (rotated, grey, speckled, sealed, JPEG 45): no wrong figure, blanks flagged, the injected error found or its cells flagged', async () => {
    const t = truth('outcome-total-150dpi');
    const o = await parseBytes(readFileSync(path.join(FIX, 'outcome-total-150dpi.pdf')), 'outcome-total-150dpi.pdf');
    const keys = Object.keys(t.cells);
    const j = judge(o, t, keys);
    expect(j.wrong).toEqual([]);
    expect(j.silent).toEqual([]);
    expect(j.exact / keys.length).toBeGreaterThan(0.85);
    if (!o.ok) return;
    expect(o.meta.agency).toBe(t.meta?.agency ?? o.meta.agency);
    // At 150 dpi blanks are allowed: the injected error is found, or one of its cells is flagged unreadable
    // (then the identity could not be checked, and the reviewer is told so).
    const rules = new Set(o.findings.map((f) => f.rule));
    const flaggedCells = new Set(o.findings.filter((f) => f.unreadable).flatMap((f) => f.cells));
    for (const e of t.expected.filter((x) => x.rule.startsWith('requests-'))) expect(rules.has(e.rule) || e.cells.some((c) => flaggedCells.has(c))).toBe(true);
    // Provenance: page and pixel box of every cell read from the scan.
    const src = o.cellSources['t3.newReceived.naturalPerson'];
    expect(src.pos?.page).toBeGreaterThan(0);
    expect(src.pos?.box).toHaveLength(4);
    expect(src.pos?.dpi).toBe(150);
    const ocrFlags = o.findings.filter((x) => x.unreadable && x.cells.length && /扫描件/.test(x.message));
    expect(ocrFlags.length).toBeGreaterThan(0);
    for (const f of ocrFlags) expect(f.message).toMatch(/第 \d+ 页像素区域（\d+, \d+, \d+, \d+，150 dpi）/);
  }, 180_000);

  it('a mixed PDF reads its text pages from the text layer and OCRs only the scanned page', async () => {
    const t = truth('mixed-page3-scanned');
    const o = await parseBytes(readFileSync(path.join(FIX, 'mixed-page3-scanned.pdf')), 'mixed.pdf');
    const keys = Object.keys(t.cells);
    const j = judge(o, t, keys);
    expect(j.wrong).toEqual([]);
    expect(j.silent).toEqual([]);
    expect(j.exact / keys.length).toBeGreaterThan(0.98);
    if (!o.ok) return;
    const pages = new Set(Object.values(o.cellSources).filter((s) => s.pos?.box).map((s) => s.pos!.page));
    expect([...pages]).toEqual([3]);
    // Text pages keep their text-layer positions (no pixel box).
    expect(Object.values(o.cellSources).some((s) => s.pos?.page === 2 && !s.pos.box)).toBe(true);
  }, 180_000);

  it('table 四 of a narrow layout at 200 dpi: its short data row is fifteen cells, not one (every figure read or flagged)', async () => {
    const t = truth('t4-narrow-200dpi');
    const o = await parseBytes(readFileSync(path.join(FIX, 't4-narrow-200dpi.pdf')), 't4.pdf');
    const keys = Object.keys(t.cells).filter((k) => k.startsWith('t4.'));
    const j = judge(o, t, keys);
    expect(j.wrong).toEqual([]);
    expect(j.silent).toEqual([]);
    expect(j.exact).toBeGreaterThanOrEqual(13);
    // Table 四 is there, whole (the page holds no other table: those are missing, as they should be).
    if (o.ok) expect(o.findings.filter((f) => (f.rule === 'table-missing' || f.rule === 'cell-missing') && (/表四/.test(f.message) || f.cells.some((c) => c.startsWith('t4.'))))).toEqual([]);
  }, 180_000);

  it('a page photographed as a PNG image is read like a scanned page (detected from the content, not the name)', async () => {
    const t = truth('mixed-page3-scanned');
    const o = await parseBytes(readFileSync(path.join(FIX, 'page3.png')), 'page3.bin');
    if (!o.ok) expect(o.failure.code).toBe('not-a-report');
    else {
      expect(o.format).toBe('image');
      const keys = Object.keys(o.cells).filter((k) => o.cells[k] !== null);
      expect(keys.length).toBeGreaterThan(40);
      expect(keys.filter((k) => o.cells[k] !== t.cells[k])).toEqual([]);
    }
  }, 180_000);
});

describe('scanned reports without OCR installed', () => {
  afterEach(() => {
    delete process.env.NIANBAO_NO_OCR;
    resetOcrAvailability();
  });

  it('fail with needs-ocr saying what to install', async () => {
    process.env.NIANBAO_NO_OCR = '1';
    resetOcrAvailability();
    const o = await parseBytes(readFileSync(path.join(FIX, 'outcome-total-150dpi.pdf')), 'scan.pdf');
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.failure.code).toBe('needs-ocr');
      expect(o.failure.message).toMatch(/apt-get install .*tesseract-ocr-chi-sim/);
    }
  });

  it('a mixed PDF still reads its text pages and says which pages need OCR', async () => {
    process.env.NIANBAO_NO_OCR = '1';
    resetOcrAvailability();
    const o = await parseBytes(readFileSync(path.join(FIX, 'mixed-page3-scanned.pdf')), 'mixed.pdf');
    expect(o.ok).toBe(true);
    if (o.ok) expect(o.readIssues.find((i) => i.code === 'scanned-pages')?.message).toMatch(/第 3 页.*apt-get install/);
  });
});
