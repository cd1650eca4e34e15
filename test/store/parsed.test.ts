import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellSource } from '../../src/core/types.js';
import { cellColumns, cellColumnsOf, cellRowsOf, copyCellsFor, findingRowsOf, pgCellColumnsOf, provenanceOf, sectionRowsOf, slim, type CellRow } from '../../src/store/parsed.js';
import { copyRowsOf, copyRowsWithId, copyRowValues } from '../../src/store/pg-binary.js';
import { parseBytes } from '../../src/pipeline.js';
import { seedFiles } from '../../src/dataset/generate.js';
import fs from 'node:fs';

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
      { raw: '1', pos: { line: -0, column: 1.5, length: 2 } },
      { raw: '1', pos: { page: 2, x: 10, y: 1e21, line: undefined } },
      { raw: '1', pos: { line: 3, box: [1, 2, 3, 4], path: 'a"b' } },
      { raw: '1', pos: {} },
      { raw: '1', pos: null } as unknown as CellSource,
      { raw: '1', pos: { line: Number.NaN, column: Infinity } },
      { raw: '1', label: undefined } as CellSource,
      { raw: '1', pos: { [1]: 2, line: 1 } } as unknown as CellSource,
      { 2: 'a', raw: '1', pos: { line: 1 } } as unknown as CellSource,
      Object.assign(Object.create({ inherited: 1 }), { raw: '1', pos: { line: 1 } }) as CellSource,
    ];
    for (const c of cases) expect(provenanceOf(c)).toBe(byDefinition(c));
    expect(provenanceOf(undefined)).toBeNull();
    fc.assert(
      fc.property(
        fc.record({ raw: fc.string(), pos: fc.option(fc.record({ line: fc.oneof(fc.nat(), fc.integer(), fc.double()), column: fc.nat(), length: fc.nat(), page: fc.nat(), box: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), path: fc.string() }, { requiredKeys: [] }), { nil: undefined }), label: fc.option(fc.string(), { nil: undefined }), via: fc.option(fc.constantFrom('split' as const, 'order' as const), { nil: undefined }) }, { requiredKeys: ['raw'] }),
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

  it('COPY rows (binary) read back as their values; an id put into the first field', () => {
    const types = ['int', 'text', 'float', 'text'] as const;
    const rows = [
      [0, '中文 "x"\n', -2.5, null],
      [0, '', 1e300, 'NULL'],
      [0, null, null, 'tab\t'],
    ];
    const copy = copyRowsOf([...types], rows);
    expect(copy.count).toBe(3);
    copyRowsWithId(copy, types.length, 42);
    expect(copyRowValues([...types], copy)).toEqual(rows.map((r) => [42, ...r.slice(1)]));
    expect(() => copyRowsWithId(copy, 5, 1)).toThrow();
    const cells = pgCellColumnsOf({ a: 1, b: null }, { a: { raw: '1' } });
    if (!('copy' in cells)) throw new Error('expected COPY rows');
    copyCellsFor(cells, 7);
    expect(copyRowValues(['int', 'text', 'float', 'text', 'text'], cells).map((r) => r[0])).toEqual([7, 7]);
  });

  it("a report slimmed for PostgreSQL holds the same section and finding rows and counts as its outcome's", async () => {
    for (const file of seedFiles().slice(0, 3)) {
      const outcome = await parseBytes(new Uint8Array(fs.readFileSync(file)), file);
      const json = slim(outcome, 'json');
      const pg = slim(outcome, 'pg');
      expect(pg.rows).toBeDefined();
      expect(pg.bands).toEqual(json.bands);
      expect(sectionRowsOf(pg, 9)).toEqual(sectionRowsOf(json, 9));
      expect(findingRowsOf(pg, 9)).toEqual(findingRowsOf(json, 9));
      expect(cellRowsOf(pg.cells)).toEqual(cellRowsOf(json.cells).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      if (json.outcome.ok) {
        expect(pg.rows!.errors).toBe(json.outcome.findings.filter((f) => f.severity === 'error').length);
        expect(pg.rows!.warnings).toBe(json.outcome.findings.filter((f) => f.severity === 'warning').length);
        expect(findingRowsOf(json, 9).length).toBe(json.outcome.findings.length);
      }
    }
  });
});
