import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellSource } from '../../src/core/types.js';
import { cellColumns, cellColumnsOf, cellRowsOf, pgCellColumnsOf, provenanceOf, type CellRow } from '../../src/store/parsed.js';

/** provenanceOf by its definition: the source without raw, as JSON; null when nothing else. */
function byDefinition(s: CellSource | undefined): string | null {
  if (!s) return null;
  const { raw: _raw, ...rest } = s;
  return Object.keys(rest).length ? JSON.stringify(rest) : null;
}

describe('stored cell columns', () => {
  it('provenanceOf (raw cut from the source JSON) equals its definition', () => {
    const cases: CellSource[] = [
      { raw: '5' },
      { raw: '5', pos: { line: 3, column: 2, length: 1 } },
      { raw: '"\\{"raw":1}', label: '"raw":"x"' },
      { pos: { line: 1 }, raw: '1', via: 'split' },
      { raw: '0', pos: undefined } as CellSource,
      { raw: undefined } as unknown as CellSource,
      { label: 'x' } as unknown as CellSource,
      { raw: '—', zeroNotation: true, invalid: false },
    ];
    for (const c of cases) expect(provenanceOf(c)).toBe(byDefinition(c));
    expect(provenanceOf(undefined)).toBeNull();
    fc.assert(
      fc.property(
        fc.record({ raw: fc.string(), pos: fc.option(fc.record({ line: fc.nat(), column: fc.nat() }), { nil: undefined }), label: fc.option(fc.string(), { nil: undefined }), via: fc.option(fc.constantFrom('split' as const, 'order' as const), { nil: undefined }) }, { requiredKeys: ['raw'] }),
        (s) => {
          expect(provenanceOf(s)).toBe(byDefinition(s));
        },
      ),
    );
  });

  it('cellColumnsOf equals cellColumns of the rows, and reads back', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(fc.double(), fc.constant(null), fc.integer())), fc.string(), (cells, raw) => {
        const sources: Record<string, CellSource> = {};
        for (const [i, k] of Object.keys(cells).entries()) if (i % 2 === 0) sources[k] = { raw: raw + k, pos: { line: i } };
        const rows = Object.entries(cells).map(([key, value]): CellRow => [key, value ?? null, sources[key]?.raw ?? null, byDefinition(sources[key])]);
        const cols = cellColumnsOf(cells, sources);
        expect(cols).toEqual(cellColumns(rows));
        expect(cellRowsOf(cols)).toEqual(JSON.parse(JSON.stringify(rows)));
      }),
    );
  });

  it('pgCellColumnsOf (PostgreSQL binary elements) reads back as the rows of cellColumnsOf, in key order', () => {
    const check = (cells: Record<string, number | null>, sources: Record<string, CellSource>) => {
      const json = cellRowsOf(cellColumnsOf(cells, sources)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const pg = pgCellColumnsOf(cells, sources);
      expect(pg.count).toBe(json.length);
      expect(cellRowsOf(pg)).toEqual(json);
    };
    check(
      { 'a.中文': -0, b: Number.NaN, c: Number.POSITIVE_INFINITY, d: 1e300, e: -2.5, f: null, g: 0.1 + 0.2 },
      { 'a.中文': { raw: '〇', label: '“引号”\n"x"', pos: { line: 1, column: 2, length: 3 } }, b: { raw: 'tab\there\u0001' }, d: { raw: '' }, e: { raw: 'NULL', via: 'order' } },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1 }), fc.oneof(fc.double(), fc.constant(null), fc.integer())), fc.string({ unit: 'grapheme' }), (cells, raw) => {
        const sources: Record<string, CellSource> = {};
        for (const [i, k] of Object.keys(cells).entries()) if (i % 2 === 0) sources[k] = { raw: raw + k, pos: { line: i } };
        check(cells, sources);
      }),
    );
  });
});
