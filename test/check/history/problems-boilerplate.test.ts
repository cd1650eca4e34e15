import { describe, expect, it } from 'vitest';
import rule from '../../../src/check/history/problems-boilerplate.js';
import { runHistoryRule } from '../../../src/check/history/index.js';
import { fromFile, REAL } from './helpers.js';
import { SEEDS } from '../../helpers/paths.js';



describe('problems-boilerplate', () => {
  it("valid: section 五 names last year's problems as rectified (房县白鹤镇 seed)", async () => {
    const r = await fromFile(`${SEEDS}/003_397039d31f300f54.txt`);
    expect(r.sections.problems).toMatch(/上年度存在的问题本年度已整改完成/);
    expect(runHistoryRule(rule, { report: r, previous: null, candidates: [], members: null })).toEqual([]);
  });

  it('invalid: empty / only 无', async () => {
    const r = await fromFile(`${SEEDS}/003_397039d31f300f54.txt`);
    for (const text of ['', '无。', '暂无']) {
      const f = runHistoryRule(rule, { report: { ...r, sections: { ...r.sections, problems: text } }, previous: null, candidates: [], members: null });
      expect(f).toHaveLength(1);
      expect(f[0].message).toMatch(/没有写明具体问题/);
    }
  });

  it("invalid: silent on last year's rectification (real 平潭 2023)", async () => {
    const r = await fromFile(`${REAL}/pingtan-2023-flattened.txt`);
    const f = runHistoryRule(rule, { report: r, previous: null, candidates: [], members: null });
    expect(f.map((x) => x.message)).toEqual(['第五部分没有说明上一年度报告所列问题的整改情况。']);
  });

  it('invalid: the same text as last year', async () => {
    const prev = await fromFile(`${SEEDS}/003_397039d31f300f54.txt`);
    const cur = { ...prev, id: 77, year: (prev.year ?? 2023) + 1 };
    const f = runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null });
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/几乎相同（相似度 100%）/);
  });

  it('says nothing when section 五 is absent (section-missing reports that)', async () => {
    const r = await fromFile(`${SEEDS}/003_397039d31f300f54.txt`);
    const { problems: _p, ...rest } = r.sections;
    expect(runHistoryRule(rule, { report: { ...r, sections: rest }, previous: null, candidates: [], members: null })).toEqual([]);
  });
});
