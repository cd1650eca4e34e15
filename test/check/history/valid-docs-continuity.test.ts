import { describe, expect, it } from 'vitest';
import rule from '../../../src/check/history/valid-docs-continuity.js';
import { runHistoryRule } from '../../../src/check/history/index.js';
import { fromFile, REAL, withCells } from './helpers.js';

describe('valid-docs-continuity', () => {
  it('invalid: real 平潭 2022 (698 现行有效) → 2023 (制发 77, 废止 132, reports 470 instead of 643)', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    expect(prev.cells['t2.normativeDocs.valid']).toBe(698);
    for (const file of [`${REAL}/pingtan-2023.html`, `${REAL}/pingtan-2023-flattened.txt`]) {
      const cur = await fromFile(file);
      if (cur.cells['t2.normativeDocs.valid'] === null) continue; // the flattened text's table 二 may not read yet
      const f = runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null });
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ rule: 'valid-docs-continuity', severity: 'warning', expected: 643, found: 470 });
      expect(f[0].cells).toEqual(['t2.normativeDocs.valid', 't2.normativeDocs.made', 't2.normativeDocs.repealed']);
      expect(f[0].message).toContain('698');
    }
  });

  it('valid: figures that add up (generated next year)', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = withCells(prev, { 't2.normativeDocs.made': 10, 't2.normativeDocs.repealed': 8, 't2.normativeDocs.valid': 700, 't2.regulations.valid': prev.cells['t2.regulations.valid'] ?? 0, 't2.regulations.made': 0, 't2.regulations.repealed': 0 }, { year: 2023 });
    expect(runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null })).toEqual([]);
  });

  it('silent across template versions or with blanks', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = withCells(prev, { 't2.normativeDocs.valid': 1 }, { year: 2023 });
    expect(runHistoryRule(rule, { report: cur, previous: { ...prev, template: '2019' }, candidates: [], members: null })).toEqual([]);
    expect(runHistoryRule(rule, { report: withCells(cur, { 't2.normativeDocs.made': null }), previous: prev, candidates: [], members: null })).toEqual([]);
  });
});
