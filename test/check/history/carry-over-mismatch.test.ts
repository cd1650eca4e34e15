import { describe, expect, it } from 'vitest';
import rule from '../../../src/check/history/carry-over-mismatch.js';
import { runHistoryRule } from '../../../src/check/history/index.js';
import { fromFile, REAL, withCells } from './helpers.js';

describe('carry-over-mismatch', () => {
  it('meta', () => {
    expect(rule.meta).toMatchObject({ id: 'carry-over-mismatch', severity: 'warning' });
  });

  it('valid: real 平潭 2022 carried forward 0, 2023 carried over 0', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = await fromFile(`${REAL}/pingtan-2023.html`);
    expect(prev.cells['t3.carriedForward.total']).toBe(0);
    expect(cur.cells['t3.carriedOver.total']).toBe(0);
    expect(runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null })).toEqual([]);
  });

  it('invalid: carried over 3 where last year carried forward 0, per column, with both figures', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = withCells(await fromFile(`${REAL}/pingtan-2023.html`), { 't3.carriedOver.naturalPerson': 3, 't3.carriedOver.total': 3 });
    const f = runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null });
    expect(f.map((x) => x.cells[0])).toEqual(['t3.carriedOver.naturalPerson', 't3.carriedOver.total']);
    expect(f[1]).toMatchObject({ rule: 'carry-over-mismatch', severity: 'warning', expected: 0, found: 3 });
    expect(f[1].cells).toContain('t3.carriedForward.total');
    expect(f[1].message).toMatch(/2022 年报告.*为 0/);
  });

  it('silent when the previous year is missing, not consecutive, or a cell is blank', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = withCells(await fromFile(`${REAL}/pingtan-2023.html`), { 't3.carriedOver.total': 3, 't3.carriedOver.naturalPerson': null });
    expect(runHistoryRule(rule, { report: cur, previous: null, candidates: [], members: null })).toEqual([]);
    expect(runHistoryRule(rule, { report: { ...cur, year: 2025 }, previous: prev, candidates: [], members: null })).toEqual([]);
    const blank = withCells(prev, { 't3.carriedForward.total': null });
    expect(runHistoryRule(rule, { report: cur, previous: blank, candidates: [], members: null }).map((x) => x.cells[0])).toEqual([]);
  });
});
