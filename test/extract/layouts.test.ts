import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeys } from '../../src/core/template.js';
import { extractReport } from '../../src/extract/index.js';
import { readText } from '../../src/read/text.js';
import { LAYOUTS, sampleReport, writeLayout, type SampleReport } from '../helpers/layouts.js';

function read(text: string) {
  return extractReport(readText(text), 'generated.txt');
}

function withNulls(r: SampleReport, keys: string[]): SampleReport {
  const cells = { ...r.cells };
  for (const k of keys) cells[k] = null;
  return { ...r, cells };
}

describe('random valid tables written in each seed layout read back identically', () => {
  for (const version of ['2021', '2019'] as const)
    for (const layout of LAYOUTS.filter((l) => l !== 'flattened'))
      it(`${version} · ${layout}`, () => {
        fc.assert(
          fc.property(sampleReport(version), (r) => {
            const got = read(writeLayout(r, layout));
            expect(got.meta.template).toBe(version);
            expect(got.meta.year).toBe(r.year);
            for (const k of cellKeys(version)) expect([k, got.cells[k]]).toEqual([k, r.cells[k]]);
            expect(got.readIssues).toEqual([]);
          }),
          { numRuns: 40 },
        );
      });

  it('tab rows keep blank cells blank, in their own column', () => {
    fc.assert(
      fc.property(sampleReport('2021'), fc.subarray(cellKeys('2021').filter((k) => k.startsWith('t3.') || k.startsWith('t4.')), { maxLength: 12 }), (r, blanks) => {
        const sample = withNulls(r, blanks);
        const got = read(writeLayout(sample, 'tab-rows'));
        const unreadable = new Set(got.readIssues.flatMap((i) => i.cells ?? []));
        for (const k of cellKeys('2021')) {
          // Table 四's one row, blank at both ends of its tab-separated line, may leave no way to
          // tell which end is a cell (its totals hold either way): then it is flagged, not guessed.
          if (k.startsWith('t4.') && got.cells[k] === null && unreadable.has(k)) continue;
          // A row left wholly blank except its label is read as blank; otherwise positions hold.
          expect([k, got.cells[k]]).toEqual([k, sample.cells[k]]);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('table 四 blank at both ends of its tab-separated line', () => {
  it('reads the row where a blank counted as 0 keeps every total one way only (a case fast-check found)', () => {
    // Leading tab (the label column) and a blank last cell: is the leading blank a cell, or the trailing one?
    fc.assert(
      fc.property(sampleReport('2021'), (r) => {
        const cells = { ...r.cells };
        Object.assign(cells, { 't4.review.upheld': 31, 't4.review.corrected': 31, 't4.review.other': 1, 't4.review.pending': 31, 't4.review.total': 94 });
        for (const k of cellKeys('2021').filter((x) => x.startsWith('t4.') && !x.startsWith('t4.review.'))) cells[k] = 0;
        cells['t4.suitDirect.other'] = null;
        cells['t4.suitAfterReview.total'] = null;
        const got = read(writeLayout({ ...r, cells }, 'tab-rows'));
        for (const k of cellKeys('2021').filter((x) => x.startsWith('t4.'))) expect([k, got.cells[k]]).toEqual([k, cells[k]]);
      }),
      { numRuns: 5 },
    );
  });
});

describe('blank cells in any layout', () => {
  // Run-together text is left out: a blank cell leaves no trace in it, and a run that lost a
  // cell can still split into a table whose identities all hold — nothing in the text can
  // tell. The reader assumes runs are complete (see the README's known limits).
  for (const layout of LAYOUTS.filter((l) => l !== 'flattened'))
    it(`${layout}: every cell is exact, or blank with an unreadable note — never a wrong number`, () => {
      fc.assert(
        fc.property(sampleReport('2021'), fc.subarray(cellKeys('2021'), { maxLength: 15 }), (r, blanks) => {
          const sample = withNulls(r, blanks);
          const got = read(writeLayout(sample, layout));
          const unreadable = new Set(got.readIssues.flatMap((i) => i.cells ?? []));
          for (const k of cellKeys('2021')) {
            if (got.cells[k] === sample.cells[k]) continue;
            expect([k, got.cells[k], unreadable.has(k)]).toEqual([k, null, true]);
          }
        }),
        { numRuns: 30 },
      );
    });
});

describe('run-together text (cells without separators)', () => {
  it('never yields a wrong number: each cell is exact, or blank with an unreadable note', () => {
    fc.assert(
      fc.property(sampleReport('2021'), (r) => {
        const got = read(writeLayout(r, 'flattened'));
        const unreadable = new Set(got.readIssues.flatMap((i) => i.cells ?? []));
        for (const k of cellKeys('2021')) {
          if (got.cells[k] === null && r.cells[k] !== null) expect([k, unreadable.has(k)]).toEqual([k, true]);
          else expect([k, got.cells[k]]).toEqual([k, r.cells[k]]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('splits table 三 and 四 runs that the identities make unique', () => {
    const r = fc.sample(sampleReport('2021'), { numRuns: 1, seed: 7 })[0];
    const cells = { ...r.cells };
    // All-single-digit figures: every row run has exactly one split.
    for (const k of Object.keys(cells)) if (k.startsWith('t3.') || k.startsWith('t4.')) cells[k] = 0;
    cells['t3.newReceived.naturalPerson'] = 3;
    cells['t3.newReceived.total'] = 3;
    cells['t3.granted.naturalPerson'] = 3;
    cells['t3.granted.total'] = 3;
    cells['t3.total.naturalPerson'] = 3;
    cells['t3.total.total'] = 3;
    cells['t4.review.upheld'] = 1;
    cells['t4.review.total'] = 1;
    const got = read(writeLayout({ ...r, cells }, 'flattened'));
    for (const k of cellKeys('2021').filter((x) => !x.startsWith('t2.'))) expect([k, got.cells[k]]).toEqual([k, cells[k]]);
  });
});
