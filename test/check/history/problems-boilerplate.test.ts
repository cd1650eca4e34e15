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

  it('valid: a real report with its own problems section is not flagged (real 平潭 2023 after 2022)', async () => {
    const r = await fromFile(`${REAL}/pingtan-2023-flattened.txt`);
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    expect(runHistoryRule(rule, { report: r, previous: prev, candidates: [], members: null })).toEqual([]);
    expect(runHistoryRule(rule, { report: r, previous: null, candidates: [], members: null })).toEqual([]);
  });

  it('invalid: last year copied with a few words changed — flagged with its similarity figure', async () => {
    const prev = await fromFile(`${SEEDS}/003_397039d31f300f54.txt`);
    const text = prev.sections.problems!;
    const cur = { ...prev, id: 78, year: (prev.year ?? 2023) + 1, sections: { ...prev.sections, problems: text.replace(/。/, '，今年继续加强。') } };
    const f = runHistoryRule(rule, { report: cur, previous: prev, candidates: [], members: null });
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/几乎相同（相似度 (8[5-9]|9\d|100)%）/);
    expect(f[0].found).toMatch(/%$/);
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
